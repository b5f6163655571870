package org.vireo.ui.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vireo.model.PoolInfo;

/** Which pools the host path picker offers: running ones whose target is a directory a file can go in. */
class HostPathViewModelTest {
    private static PoolInfo pool(String type, boolean active, String target) {
        return new PoolInfo("p", "u", active ? "running" : "inactive", active, 1, 0, 1, false, true, type, target);
    }

    @Test
    void onlyRunningDirectoryPoolsAreOffered() {
        assertTrue(HostPathViewModel.usable(pool("dir", true, "/var/lib/libvirt/images")));
        assertTrue(HostPathViewModel.usable(pool("fs", true, "/mnt/pool")));
        assertTrue(HostPathViewModel.usable(pool("netfs", true, "/mnt/nfs")));
        assertFalse(HostPathViewModel.usable(pool("dir", false, "/var/lib/libvirt/images")), "a stopped pool");
        assertFalse(HostPathViewModel.usable(pool("logical", true, "/dev/vg0")), "volumes of a volume group are no directory");
        assertFalse(HostPathViewModel.usable(pool("iscsi", true, "/dev/disk/by-path")), "LUNs");
        assertFalse(HostPathViewModel.usable(pool("dir", true, "")), "no target");
        assertFalse(HostPathViewModel.usable(pool("dir", true, null)), "no target");
    }
}
