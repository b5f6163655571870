package org.vireo.host;

import org.vireo.libvirt.VirtConnection;
import org.vireo.libvirt.VirtException;

/**
 * Opens the libvirt connection of a host, with whatever carries it: nothing for local
 * URIs, an SSH session for remote ones (whose tunnel closes with the connection).
 * Called on the host's worker thread; it may block.
 */
@FunctionalInterface
public interface HostConnector {
    /** libvirt's own transports; a remote host name is resolved first (see {@link HostName}). */
    HostConnector DIRECT = uri -> {
        HostName.check(uri);
        return VirtConnection.open(uri);
    };

    VirtConnection open(String uri) throws VirtException;
}
