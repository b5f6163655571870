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
    HostConnector DIRECT = VirtConnection::open;

    VirtConnection open(String uri) throws VirtException;
}
