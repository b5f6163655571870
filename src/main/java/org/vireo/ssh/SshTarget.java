package org.vireo.ssh;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A remote libvirt host as the user names it: {@code driver+ssh://user@host:port/path?socket=…&keyfile=…}.
 * {@code host} may be an alias of ~/.ssh/config; user and port are optional (0 = not given)
 * and then come from the config or the defaults. The driver (qemu, lxc, test …) is the one
 * opened on the host; {@code socket} and {@code keyfile} are libvirt's URI parameters of the
 * same names, honoured; every other parameter is refused with the reason, never dropped.
 *
 * @param driver  libvirt driver on the host: qemu, lxc, xen, test …
 * @param path    the driver's path on the host: {@code /system} or {@code /session} for qemu
 * @param socket  the daemon's socket on the host, or "" for libvirt's default for the path
 * @param keyfile a private key to offer first, or ""
 */
public record SshTarget(String driver, String host, String user, int port, String path, String socket, String keyfile) {

    /** libvirt's ssh transport parameters Vireo does not take, with why (libvirt's remote URI docs). */
    private static final Map<String, String> REFUSED = Map.of(
        "no_verify", "Vireo always checks the host key against known_hosts (and asks about an unknown one)",
        "known_hosts", "Vireo reads ~/.ssh/known_hosts and the files ~/.ssh/config names (UserKnownHostsFile)",
        "netcat", "Vireo needs no netcat on the host: it forwards to the libvirt socket over SSH itself",
        "command", "Vireo does not run an ssh command: it speaks SSH itself (set Host options in ~/.ssh/config)",
        "no_tty", "Vireo never asks for a terminal on the host",
        "mode", "Vireo connects to the socket of the daemon the path names; give socket= for another one",
        "proxy", "Vireo connects to the socket of the daemon the path names; give socket= for another one",
        "sshauth", "Vireo tries ssh-agent, key files, then password itself (and asks for what it needs)");

    public SshTarget {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("an SSH host is needed");
        }
        driver = driver == null || driver.isBlank() ? "qemu" : driver.toLowerCase(Locale.ROOT);
        user = user == null ? "" : user.strip();
        path = path == null || path.isBlank() ? (driver.equals("qemu") ? "/system" : "/") : path;
        socket = socket == null ? "" : socket;
        keyfile = keyfile == null ? "" : keyfile;
        if (driver.equals("qemu") && !path.equals("/system") && !path.equals("/session")) {
            throw new IllegalArgumentException("the qemu driver's path must be /system or /session, not " + path);
        }
        if (!socket.isEmpty() && !socket.startsWith("/")) {
            throw new IllegalArgumentException("socket= needs an absolute path on the host, not " + socket);
        }
    }

    /** A qemu host with libvirt's defaults. */
    public SshTarget(String host, String user, int port, String path) {
        this("qemu", host, user, port, path, "", "");
    }

    /**
     * Why {@code uri} cannot be opened, before anything reaches libvirt: its shape
     * ({@link org.vireo.model.ConnectionUri}), and for SSH the parameters this transport takes.
     */
    public static java.util.Optional<String> problem(String uri) {
        java.util.Optional<String> shape = org.vireo.model.ConnectionUri.problem(uri);
        if (shape.isPresent() || !handles(uri.strip())) {
            return shape;
        }
        try {
            parse(uri.strip());
            return java.util.Optional.empty();
        } catch (IllegalArgumentException e) {
            return java.util.Optional.of(e.getMessage());
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
            String scheme = u.getScheme();
            String driver = scheme.substring(0, scheme.length() - "+ssh".length());
            Map<String, String> params = query(u.getRawQuery());
            for (String name : params.keySet()) {
                if (!name.equals("socket") && !name.equals("keyfile")) {
                    String why = REFUSED.get(name);
                    throw new IllegalArgumentException("URI parameter " + name + "= is not taken: "
                        + (why != null ? why : "Vireo knows socket= and keyfile= only") + ".");
                }
            }
            return new SshTarget(driver, u.getHost(), u.getUserInfo(), Math.max(u.getPort(), 0), u.getPath(),
                params.getOrDefault("socket", ""), params.getOrDefault("keyfile", ""));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URI: " + uri, e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The app's URI for this target; what the host list and settings store. */
    public String uri() {
        StringBuilder q = new StringBuilder();
        if (!socket.isEmpty()) {
            q.append("socket=").append(socket);
        }
        if (!keyfile.isEmpty()) {
            q.append(q.isEmpty() ? "" : "&").append("keyfile=").append(keyfile);
        }
        return driver + "+ssh://" + (user.isEmpty() ? "" : user + "@") + host + (port > 0 ? ":" + port : "") + path
            + (q.isEmpty() ? "" : "?" + q);
    }

    /** The URI libvirt opens through the forwarded socket: the same driver and path. */
    public String localUri(String forwardedSocket) {
        return driver + "+unix://" + path + "?socket=" + forwardedSocket;
    }

    /** The daemon's socket on the host: socket= when given, else libvirt's default for the path. */
    public String remoteSocket(String remoteUid) {
        if (!socket.isEmpty()) {
            return socket;
        }
        return path.equals("/session") ? "/run/user/" + remoteUid + "/libvirt/libvirt-sock" : "/var/run/libvirt/libvirt-sock";
    }
}
