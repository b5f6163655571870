package org.vireo.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a domain or snapshot may be called, checked before libvirt sees it. libvirt keeps a
 * domain's definition in a file named after it (/etc/libvirt/qemu/NAME.xml.new while
 * written): a 300-character name reached libvirt and failed there with "File name too
 * long", half-way through a create.
 */
public final class DomainNames {
    /** Room for NAME.xml.new and the snapshot and save files named after it within 255 bytes. */
    public static final int MAX = 200;
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]*");

    private DomainNames() {
    }

    /** Why {@code name} (stripped) cannot name a new domain; empty when it can. */
    public static Optional<String> domainProblem(String name, String what) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            return Optional.of("Give " + what + " a name.");
        }
        if (n.length() > MAX) {
            return Optional.of("The name has " + n.length() + " characters; at most " + MAX + ".");
        }
        if (!DOMAIN.matcher(n).matches()) {
            return Optional.of("The name may hold letters, digits and _ . + - only, and starts with a letter or digit.");
        }
        return Optional.empty();
    }

    /**
     * Why {@code name} cannot name a snapshot; empty when it can (an empty name too: libvirt
     * picks one). Spaces, non-ASCII letters and XML's special characters are fine (escaped);
     * a snapshot's name also names its files, so no '/', no leading '.', no control characters.
     */
    public static Optional<String> snapshotProblem(String name) {
        String n = name == null ? "" : name.strip();
        if (n.length() > MAX) {
            return Optional.of("The snapshot name has " + n.length() + " characters; at most " + MAX + ".");
        }
        if (n.contains("/")) {
            return Optional.of("A snapshot name cannot hold '/': it also names the snapshot's files.");
        }
        if (n.startsWith(".")) {
            return Optional.of("A snapshot name cannot start with '.': it also names the snapshot's files.");
        }
        if (n.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("A snapshot name cannot hold control characters.");
        }
        return Optional.empty();
    }
}
