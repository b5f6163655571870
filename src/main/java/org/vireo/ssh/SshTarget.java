package org.vireo.ssh;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A remote libvirt host as the user names it: {@code qemu+ssh://user@host:port/system}.
 * {@code host} may be an alias of ~/.ssh/config; user and port are optional (0 = not given)
 * and then come from the config or the defaults.
 *
 * @param path the libvirt driver path on the host: {@code /system} or {@code /session}
 */
public record SshTarget(String host, String user, int port, String path) {

    public SshTarget {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("an SSH host is needed");
        }
        user = user == null ? "" : user.strip();
        path = path == null || path.isBlank() ? "/system" : path;
        if (!path.equals("/system") && !path.equals("/session")) {
            throw new IllegalArgumentException("libvirt path must be /system or /session, not " + path);
        }
    }

    /** Whether this URI is one the SSH connector carries (qemu+ssh, or any driver+ssh). */
    public static boolean handles(String uri) {
        int colon = uri == null ? -1 : uri.indexOf(':');
        return colon > 0 && uri.substring(0, colon).toLowerCase(Locale.ROOT).endsWith("+ssh");
    }

    public static SshTarget parse(String uri) {
        if (!handles(uri)) {
            throw new IllegalArgumentException("not an SSH libvirt URI: " + uri);
        }
        try {
            URI u = new URI(uri);
            if (u.getHost() == null) {
                throw new IllegalArgumentException("no host in " + uri);
            }
            return new SshTarget(u.getHost(), u.getUserInfo(), Math.max(u.getPort(), 0), u.getPath());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URI: " + uri, e);
        }
    }

    /** The app's URI for this target; what the host list and settings store. */
    public String uri() {
        return "qemu+ssh://" + (user.isEmpty() ? "" : user + "@") + host + (port > 0 ? ":" + port : "") + path;
    }

    /** The daemon's socket on the host for this path. */
    public String remoteSocket(String remoteUid) {
        return path.equals("/session") ? "/run/user/" + remoteUid + "/libvirt/libvirt-sock" : "/var/run/libvirt/libvirt-sock";
    }
}
