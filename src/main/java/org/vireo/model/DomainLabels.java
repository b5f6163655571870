package org.vireo.model;

import java.util.List;

/**
 * What people call a domain besides its name: its title, description, Vireo tags and, while
 * it runs, its IP addresses from the DHCP leases (read when it appears, when it starts, after
 * an edit and every 2 minutes, not every tick).
 */
public record DomainLabels(String uuid, String title, String description, List<String> tags, List<String> addresses) {

    public DomainLabels {
        title = title == null ? "" : title;
        description = description == null ? "" : description;
        tags = List.copyOf(tags);
        addresses = List.copyOf(addresses);
    }
}
