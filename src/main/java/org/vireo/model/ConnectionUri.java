package org.vireo.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a string can be a libvirt connection URI ({@code driver[+transport]://[user@][host][:port]/path[?params]}),
 * checked before anything reaches libvirt: the Add Connection dialog, its Edit, and
 * {@code --connect}. The reason is in words; what passes may still fail to connect (a host
 * that is down), which the host's row then says.
 */
public final class ConnectionUri {
    /** Longer than any real URI; libvirt has no limit, but a pasted log line is not a URI. */
    public static final int MAX_LENGTH = 1024;
    /** libvirt's hypervisor drivers (virConnectOpen's scheme before any '+'). */
    static final Set<String> DRIVERS = Set.of("qemu", "test", "lxc", "xen", "libxl", "xenapi", "vbox", "vmwareplayer", "vmwarews",
        "vmwarefusion", "esx", "gsx", "vpx", "hyperv", "bhyve", "ch", "openvz", "vz", "parallels", "uml", "phyp", "remote",
        // the modular daemons' secondary drivers
        "network", "nodedev", "nwfilter", "secret", "storage", "interface");
    static final Set<String> TRANSPORTS = Set.of("unix", "ssh", "libssh", "libssh2", "tcp", "tls", "ext");
    private static final String EXAMPLES = "qemu:///system, qemu+ssh://user@host/system or test:///default";

    private ConnectionUri() {
    }

    /** Empty when {@code raw} (stripped) is a URI Vireo may open, else why not. */
    public static Optional<String> problem(String raw) {
        String uri = raw == null ? "" : raw.strip();
        if (uri.isEmpty()) {
            return Optional.of("Enter a libvirt URI, for example qemu:///system.");
        }
        if (uri.length() > MAX_LENGTH) {
            return Optional.of("The URI is " + uri.length() + " characters long; a libvirt URI has at most " + MAX_LENGTH + ".");
        }
        int colon = uri.indexOf(':');
        if (colon <= 0 || !uri.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            return Optional.of("\"" + shortened(uri) + "\" is not a libvirt URI: it needs a driver scheme such as " + EXAMPLES + ".");
        }
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                return Optional.of("A libvirt URI has no spaces or control characters (at position " + (i + 1) + ").");
            }
            if (c > 126) {
                return Optional.of("A libvirt URI is ASCII: write \"" + uri.codePoints().filter(p -> p > 126).limit(1)
                    .mapToObj(Character::toString).findFirst().orElse("") + "\" percent-encoded, and a host by its ASCII (punycode) name.");
            }
        }
        String scheme = uri.substring(0, colon).toLowerCase(Locale.ROOT);
        String[] parts = scheme.split("\\+", -1);
        if (parts.length > 2 || parts[0].isEmpty()) {
            return Optional.of("\"" + scheme + "\" is not a libvirt scheme: it is driver or driver+transport, as in " + EXAMPLES + ".");
        }
        if (!DRIVERS.contains(parts[0])) {
            return Optional.of("Unknown libvirt driver \"" + parts[0] + "\": drivers are qemu, lxc, xen, test, ch, bhyve, vbox, esx ... as in "
                + EXAMPLES + ".");
        }
        String transport = parts.length == 2 ? parts[1] : "";
        if (parts.length == 2 && !TRANSPORTS.contains(transport)) {
            return Optional.of("Unknown transport \"" + transport + "\": libvirt's are unix, ssh, libssh, libssh2, tcp, tls and ext.");
        }
        URI u;
        try {
            u = new URI(uri);
        } catch (URISyntaxException e) {
            return Optional.of("Not a valid URI: " + e.getReason() + (e.getIndex() >= 0 ? " at position " + (e.getIndex() + 1) : "") + ".");
        }
        if (u.isOpaque()) {
            return Optional.of("\"" + shortened(uri) + "\" needs // after the scheme, as in " + EXAMPLES + ".");
        }
        if (u.getRawAuthority() != null && u.getHost() == null) {
            return Optional.of("The host part \"" + u.getRawAuthority() + "\" is not a host name or address (with an optional user@ and :port).");
        }
        if (u.getPort() == 0 || u.getPort() > 65535) {
            return Optional.of("Port " + u.getPort() + " is not a TCP port (1-65535).");
        }
        boolean remote = !transport.isEmpty() && !transport.equals("unix");
        if (remote && u.getHost() == null) {
            return Optional.of("The " + transport + " transport needs a host: " + parts[0] + "+" + transport + "://host/...");
        }
        // raw: libvirt compares the path as written ("/%73ystem" is not "/system" to it)
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        if (parts[0].equals("qemu") && !path.equals("/system") && !path.equals("/session") && !path.equals("/embed")) {
            return Optional.of("The qemu driver's path is /system (the machine's VMs) or /session (your own), not \""
                + (path.isEmpty() ? "(none)" : path) + "\".");
        }
        if (parts[0].equals("test") && !path.startsWith("/")) {
            return Optional.of("The test driver needs a path: test:///default, or the absolute path of a test XML file.");
        }
        return Optional.empty();
    }

    private static String shortened(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
