package org.vireo.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LocalDaemonTest {
    @Test
    void aMissingOrRefusingLocalSocketIsNoDaemon() {
        assertTrue(LocalDaemon.missing("qemu:///system",
            "Failed to connect socket to '/var/run/libvirt/virtqemud-sock': No such file or directory"));
        assertTrue(LocalDaemon.missing("qemu+unix:///system?socket=/x/libvirt-sock",
            "Failed to connect socket to '/x/libvirt-sock': Connection refused"));
        assertTrue(LocalDaemon.missing("qemu:///session", "Failed to connect socket to '/run/user/1000/libvirt/virtqemud-sock': No such file or directory"));
    }

    @Test
    void remoteHostsTestDriverAndPermissionProblemsAreNot() {
        assertFalse(LocalDaemon.missing("qemu+ssh://root@h/system", "Connection refused"));
        assertFalse(LocalDaemon.missing("test:///default", "No such file or directory"));
        assertFalse(LocalDaemon.missing("qemu:///system", "Failed to connect socket to '/var/run/libvirt/libvirt-sock': Permission denied"));
        assertFalse(LocalDaemon.missing("qemu:///system", ""));
    }
}
