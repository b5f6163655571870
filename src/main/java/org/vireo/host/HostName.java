package org.vireo.host;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.vireo.libvirt.VirtException;

/**
 * The remote host name of a URI that libvirt itself connects to (tcp, tls, libssh, libssh2):
 * resolved first, so that a name that does not resolve gets the same plain message as over
 * Vireo's SSH instead of libvirt's "Unable to resolve address ... service '16509'". The JVM's
 * resolver asks what libvirt's would (getaddrinfo), and caches the answer for libvirt's turn.
 */
final class HostName {
    private HostName() {
    }

    /** Throws the reason when {@code uri} names a remote host that does not resolve; does nothing otherwise. */
    static void check(String uri) throws VirtException {
        String host;
        try {
            URI u = new URI(uri);
            String scheme = u.getScheme() == null ? "" : u.getScheme();
            int plus = scheme.indexOf('+');
            String transport = plus < 0 ? "" : scheme.substring(plus + 1);
            host = u.getHost();
            if (host == null || host.isEmpty() || transport.equals("unix") || transport.equals("ext")
                || host.startsWith("[") || host.equals("localhost")) {
                return;
            }
        } catch (java.net.URISyntaxException e) {
            return; // libvirt says what is wrong with it
        }
        try {
            InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            // not permanent: a name that fails now (the network is down) may resolve on the next try
            throw new VirtException(38, "VIR_ERR_SYSTEM_ERROR", "VIR_FROM_RPC", "Host name not found: " + host
                + " does not resolve (DNS or /etc/hosts).", e);
        }
    }
}
