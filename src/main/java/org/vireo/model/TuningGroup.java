package org.vireo.model;

import java.util.List;

/**
 * A group of tunables (scheduler, memory, blkio, numa, iotune of a disk, bandwidth of a NIC).
 * When the hypervisor cannot give them, {@code unsupported} holds libvirt's reason.
 */
public record TuningGroup(String group, String target, String title, List<TuningParam> params, String unsupported) {
    public boolean supported() {
        return unsupported == null || unsupported.isEmpty();
    }
}
