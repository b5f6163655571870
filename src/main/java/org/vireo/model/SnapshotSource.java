package org.vireo.model;

import java.util.List;

/**
 * What the snapshot wizard needs to know of a domain: whether it runs, its memory now (KiB, what
 * a snapshot with memory writes), the daemon's libvirt version (e.g. 9000000 for 9.0.0), whether a
 * guest agent is connected, and its disks.
 */
public record SnapshotSource(String domain, boolean active, long memoryKib, long libVersion, boolean agentConnected,
                             List<Disk> disks) {
    public SnapshotSource {
        disks = List.copyOf(disks);
    }

    /** One disk: target (vda), device (disk, cdrom), image file (or "" when not a file), format, sizes in bytes. */
    public record Disk(String target, String device, String file, String format, long capacity, long allocation) {
        /** Whether a snapshot can take this disk at all: a writable file disk. */
        public boolean snapshotable() {
            return device.equals("disk") && !file.isEmpty();
        }
    }

    /** Reverting to an external snapshot came with libvirt 9.9. */
    public static final long REVERT_EXTERNAL_SINCE = 9_009_000;
    /** Deleting an external snapshot's data (not only its metadata) came with libvirt 9.7. */
    public static final long DELETE_EXTERNAL_SINCE = 9_007_000;

    public static String version(long v) {
        return (v / 1_000_000) + "." + (v / 1000 % 1000) + "." + (v % 1000);
    }
}
