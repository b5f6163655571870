package org.vireo.host;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vireo.libvirt.VirtException;

class ConnectErrorsTest {
    private static VirtException ssh(String code) {
        return new VirtException(-1, code, "SSH", "x", null);
    }

    @Test
    void sshFailuresThatNeedTheUserAreNotRetriedButLinkFailuresAre() {
        for (String c : new String[] {"SSH_AUTH_FAILED", "SSH_AUTH_CANCELLED", "SSH_HOSTKEY_UNKNOWN", "SSH_HOSTKEY_CHANGED"}) {
            assertTrue(ConnectErrors.isPermanent(ssh(c)), c);
        }
        for (String c : new String[] {"SSH_UNREACHABLE", "SSH_NO_LIBVIRT_SOCKET"}) {
            assertFalse(ConnectErrors.isPermanent(ssh(c)), c);
        }
    }
}
