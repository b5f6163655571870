package org.vireo.host;

import org.vireo.libvirt.VirtException;

/** Test access to {@link ConnectErrors}' package-private rule. */
public final class ConnectErrorsAccess {
    private ConnectErrorsAccess() {
    }

    public static boolean isPermanent(VirtException e) {
        return ConnectErrors.isPermanent(e);
    }
}
