package org.vireo.model;

import java.util.Optional;
import java.util.Set;

/**
 * A path on a host that libvirt writes a file to (a save image, a core dump) or reads one from:
 * absolute, one line, a file rather than a directory, and not straight in a world-writable
 * directory, where other users of the host could read the guest's memory or plant a link.
 * Checked by the dialogs as typed and again by the service before libvirt sees it.
 */
public final class HostPath {
    /** PATH_MAX on Linux. */
    public static final int MAX = 4096;
    private static final Set<String> SHARED_DIRS = Set.of("", "/tmp", "/var/tmp", "/dev/shm");

    private HostPath() {
    }

    /** Why {@code text} (stripped) cannot hold {@code what}; empty when it can. */
    public static Optional<String> problem(String text, String what) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return Optional.of("Give a file on the host");
        }
        if (t.length() > MAX) {
            return Optional.of("The path has " + t.length() + " characters; at most " + MAX);
        }
        if (t.chars().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            return Optional.of("The path holds control or invisible characters (a line break, a direction mark)");
        }
        if (!t.startsWith("/")) {
            return Optional.of("Give an absolute path on the host, not \"" + t + "\"");
        }
        if (t.endsWith("/") || t.endsWith("/.") || t.endsWith("/..")) {
            return Optional.of("Give a file name, not a directory");
        }
        if (t.contains("/../") || t.contains("/./") || t.contains("//")) {
            return Optional.of("Give the path without '..', '.' or '//' parts");
        }
        String dir = t.substring(0, t.lastIndexOf('/'));
        if (SHARED_DIRS.contains(dir)) {
            return Optional.of("Not in " + (dir.isEmpty() ? "/" : dir) + ": other users of the host could read " + what + " there");
        }
        return Optional.empty();
    }
}
