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

    static boolean isPermanent(VirtException e) {
        return switch (e.codeName()) {
            case "VIR_ERR_INVALID_ARG", "VIR_ERR_NO_CONNECT", "VIR_ERR_AUTH_FAILED", "VIR_ERR_NO_SUPPORT",
                 "VIR_ERR_CONFIG_UNSUPPORTED", "VIR_ERR_AUTH_CANCELLED" -> true;
            default -> e.getMessage().contains("Unable to parse URI") || e.getMessage().contains("no connection driver");
        };
    }
}
