package org.vireo.host;

import org.vireo.libvirt.VirtException;

/**
 * Which connect failures are worth retrying: a daemon that is down may come back, a bad URI
 * will not. SSH failures (error domain "SSH"): authentication and host-key problems need the
 * user and are never retried by themselves; an unreachable host or a missing libvirt socket are.
 */
final class ConnectErrors {
    private ConnectErrors() {
    }

    /** The call's link to the daemon broke under it (the daemon died, the link was cut): its outcome is unknown. */
    static boolean isConnectionLost(VirtException e) {
        String m = String.valueOf(e.getMessage());
        return e.errorDomain().contains("RPC") && (m.contains("End of file") || m.contains("Cannot recv data") || m.contains("Cannot write data")
            || m.contains("connection closed") || m.contains("Broken pipe") || m.contains("Connection reset")
            // libvirt's RPC client says these when the daemon dies while the call waits (seen in the fault suite)
            || m.contains("received hangup event on socket") || m.contains("client socket is closed"));
    }

    static boolean isPermanent(VirtException e) {
        return switch (e.codeName()) {
            case "VIR_ERR_INVALID_ARG", "VIR_ERR_NO_CONNECT", "VIR_ERR_AUTH_FAILED", "VIR_ERR_NO_SUPPORT",
                 "VIR_ERR_CONFIG_UNSUPPORTED", "VIR_ERR_AUTH_CANCELLED" -> true;
            case "SSH_AUTH_FAILED", "SSH_AUTH_CANCELLED", "SSH_HOSTKEY_UNKNOWN", "SSH_HOSTKEY_CHANGED", "SSH_BAD_TARGET",
                 "SSH_FORWARDING_REFUSED" -> true;
            case "SSH_UNREACHABLE", "SSH_NO_LIBVIRT_SOCKET", "SSH_FAILED" -> false;
            default -> e.getMessage().contains("Unable to parse URI") || e.getMessage().contains("no connection driver");
        };
    }
}
