package org.vireo.model;

import java.util.List;

/**
 * One disk of a domain as the delete dialog lists it: its target, device (disk or cdrom),
 * path on the host, whether a pool holds it (only those can be deleted through libvirt) and
 * which other domains use the same file.
 */
public record DiskUse(String target, String device, String path, boolean inPool, List<String> otherUsers) {
    public DiskUse {
        otherUsers = List.copyOf(otherUsers);
    }

    /** Why it cannot be deleted, or "" when it can. */
    public String refusal() {
        if (!otherUsers.isEmpty()) {
            return "also used by " + String.join(", ", otherUsers);
        }
        if (!inPool) {
            return "not in a storage pool: libvirt cannot delete it";
        }
        return "";
    }
}
