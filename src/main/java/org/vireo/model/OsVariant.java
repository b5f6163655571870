package org.vireo.model;

import java.util.List;

/**
 * One operating system of the osinfo database: its ids, names and the resources it
 * recommends (0 where the database says nothing), and the ISO volume-id patterns that detect
 * its install media.
 */
public record OsVariant(String id, String shortId, String name, String family, String version,
                        long ramBytes, int cpus, long storageBytes, List<String> volumeIds) {
    public OsVariant {
        volumeIds = List.copyOf(volumeIds);
    }

    /** Unknown media: virt-install's fallback resources (1 GiB, 2 vCPUs, 20 GiB of disk). */
    public static final OsVariant GENERIC = new OsVariant("", "generic", "Generic or unknown OS", "",
        "", 1L << 30, 2, 20L << 30, List.of());

    public boolean isGeneric() {
        return id.isEmpty();
    }

    @Override
    public String toString() {
        return name;
    }
}
