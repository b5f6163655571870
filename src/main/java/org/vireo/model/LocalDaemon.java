package org.vireo.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a connection is to this computer's own daemon, and whether its failure means
 * that no daemon answers here (libvirt not installed, or its service not running): what a
 * first run on a fresh machine meets, and what the host page explains with next steps.
 */
public final class LocalDaemon {
    /** qemu:///system, qemu:///session, qemu+unix:///system?socket=..., lxc:///: a driver on this machine, reached by its socket. */
    private static final Pattern LOCAL = Pattern.compile("^(qemu|lxc|xen|ch|vbox|bhyve)(\\+unix)?:///.*");

    public static final String PACKAGE = "libvirt-daemon-system";
    public static final String INSTALL = "sudo apt install " + PACKAGE;
    public static final String START = "sudo systemctl enable --now libvirtd";
    public static final String START_MODULAR = "sudo systemctl enable --now virtqemud.socket";

    private LocalDaemon() {
    }

    public static boolean isLocal(String uri) {
        return LOCAL.matcher(uri).matches();
    }

    /** True when {@code uri} is local and libvirt's {@code error} says its socket is missing or refuses. */
    public static boolean missing(String uri, String error) {
        if (!isLocal(uri) || error == null || error.isBlank()) {
            return false;
        }
        String e = error.toLowerCase(Locale.ROOT);
        return e.contains("no such file or directory") || e.contains("connection refused")
            || (e.contains("failed to connect socket") && !e.contains("permission denied"));
    }
}
