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

    /** The words libvirt's RPC client uses when the daemon dies under a call, each seen in the fault suite. */
    @Test
    void aDaemonDyingUnderACallIsALostLinkWhateverWordsLibvirtChose() {
        for (String m : new String[] {"End of file while reading data: Input/output error", "Cannot recv data: Connection reset by peer",
            "Cannot write data: Broken pipe", "internal error: received hangup event on socket", "internal error: client socket is closed"}) {
            assertTrue(ConnectErrors.isConnectionLost(new VirtException(38, "VIR_ERR_SYSTEM_ERROR", "VIR_FROM_RPC", m, null)), m);
        }
        assertFalse(ConnectErrors.isConnectionLost(new VirtException(42, "VIR_ERR_NO_DOMAIN", "VIR_FROM_QEMU", "Domain not found", null)));
    }
}
