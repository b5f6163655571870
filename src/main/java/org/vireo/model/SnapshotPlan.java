package org.vireo.model;

import java.util.List;

/**
 * What the snapshot wizard asks libvirt for: the kind, which disks (by target), quiesce through
 * the guest agent, name and description.
 */
public record SnapshotPlan(String name, String description, Kind kind, List<String> disks, boolean quiesce) {
    public SnapshotPlan {
        disks = List.copyOf(disks);
    }

    public enum Kind {
        /** inside the qcow2 images (with the memory too when the guest runs) */
        INTERNAL("Internal"),
        /** new overlay files take the writes; the memory is not kept */
        EXTERNAL_DISKS("External, disks only"),
        /** overlays plus the memory in a file on the host (a running guest only) */
        EXTERNAL_MEMORY("External, disks and memory");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The overlay file an external snapshot puts on top of {@code image}: beside it, named after the snapshot. */
    public static String overlayFor(String image, String snapshot) {
        int slash = image.lastIndexOf('/');
        String dir = slash >= 0 ? image.substring(0, slash + 1) : "";
        String base = image.substring(slash + 1);
        int dot = base.lastIndexOf('.');
        String stem = dot > 0 ? base.substring(0, dot) : base;
        return dir + stem + "-" + snapshot + ".qcow2";
    }

    /** The file the memory of an external snapshot goes to: beside the first disk's image. */
    public static String memoryFileFor(String domain, String firstImage, String snapshot) {
        int slash = firstImage == null ? -1 : firstImage.lastIndexOf('/');
        String dir = slash > 0 ? firstImage.substring(0, slash) : "/var/lib/libvirt/qemu/snapshot";
        return dir + "/" + domain + "-" + snapshot + ".mem";
    }
}
