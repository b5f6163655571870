package org.vireo.model;

import java.util.List;

/**
 * What people call a domain besides its name: its title, description and Vireo tags
 * (read when it appears and after an edit, not every tick).
 */
public record DomainLabels(String uuid, String title, String description, List<String> tags) {

    public DomainLabels {
        title = title == null ? "" : title;
        description = description == null ? "" : description;
        tags = List.copyOf(tags);
    }
}
