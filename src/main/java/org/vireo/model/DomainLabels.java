package org.vireo.model;

import java.util.List;
import java.util.Optional;

/**
 * What people call a domain besides its name: its title, description, Vireo tags and, while
 * it runs, its IP addresses from the DHCP leases (read when it appears, when it starts, after
 * an edit and every 2 minutes, not every tick).
 */
public record DomainLabels(String uuid, String title, String description, List<String> tags, List<String> addresses) {

    public static final int MAX_TITLE = 200;
    public static final int MAX_DESCRIPTION = 4000;

    /** Why {@code title} cannot be a domain's title; empty when it can (empty removes it). libvirt refuses line breaks in it. */
    public static Optional<String> titleProblem(String title) {
        String t = title == null ? "" : title;
        if (t.length() > MAX_TITLE) {
            return Optional.of("Title: " + t.length() + " characters; at most " + MAX_TITLE + " (the description takes more).");
        }
        if (t.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("Title: one line, without control characters (the description takes several lines).");
        }
        return bidiProblem("Title", t);
    }

    /**
     * Why {@code description} cannot be a domain's description; empty when it can. Lines and tabs
     * are fine; other control characters are not: libvirt drops them silently (XML 1.0 cannot
     * hold them), so the text would not come back as written.
     */
    public static Optional<String> descriptionProblem(String description) {
        String t = description == null ? "" : description;
        if (t.length() > MAX_DESCRIPTION) {
            return Optional.of("Description: " + t.length() + " characters; at most " + MAX_DESCRIPTION + ".");
        }
        if (t.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r')) {
            return Optional.of("Description: no control characters other than line breaks and tabs.");
        }
        return bidiProblem("Description", t);
    }

    /** Direction overrides and isolates (U+202A-202E, U+2066-2069) make text read other than it is stored. */
    private static Optional<String> bidiProblem(String field, String t) {
        if (t.chars().anyMatch(c -> c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069)) {
            return Optional.of(field + ": no direction overrides (U+202A-202E, U+2066-2069): the text would show other than it is.");
        }
        return Optional.empty();
    }

    /** Why {@code which} ("title" or "description") cannot be set to {@code text}; empty when it can. */
    public static Optional<String> metadataProblem(String which, String text) {
        return switch (which) {
            case "title" -> titleProblem(text);
            case "description" -> descriptionProblem(text);
            default -> Optional.of("Only the title and the description are plain text metadata, not \"" + which + "\".");
        };
    }

    public DomainLabels {
        title = title == null ? "" : title;
        description = description == null ? "" : description;
        tags = List.copyOf(tags);
        addresses = List.copyOf(addresses);
    }
}
