package org.vireo.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A new volume: name, capacity in bytes, format (qcow2 or raw) and, for qcow2, an optional
 * backing volume (its path and format). {@link #problems} says what is wrong before anything is sent.
 */
public record VolumeSpec(String name, long capacity, String format, String backingPath, String backingFormat) {
    /** The volume is a file named after it: NAME_MAX. */
    public static final int MAX_NAME_BYTES = 255;

    public VolumeSpec {
        name = name == null ? "" : name.strip();
        backingPath = backingPath == null ? "" : backingPath;
        backingFormat = backingFormat == null || backingFormat.isEmpty() ? "raw" : backingFormat;
    }

    public List<String> problems(Collection<String> existingNames) {
        List<String> out = new ArrayList<>();
        if (name.isEmpty()) {
            out.add("Name: enter a name.");
        } else if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            out.add("Name: " + name.length() + " characters; a file name on the host holds at most " + MAX_NAME_BYTES + " bytes.");
        } else if (name.contains("/") || name.equals(".") || name.equals("..") || name.chars().anyMatch(Character::isISOControl)) {
            out.add("Name: no '/' and no control characters.");
        } else if (name.startsWith(".")) {
            out.add("Name: not starting with '.' (a hidden file on the host).");
        } else if (name.chars().anyMatch(c -> Character.getType(c) == Character.FORMAT)) {
            out.add("Name: no invisible characters (a direction override or a zero-width space makes a name read other than it is).");
        } else if (existingNames.contains(name)) {
            out.add("Name: the pool already has a volume called " + name + ".");
        }
        if (capacity <= 0) {
            out.add("Size: must be more than 0.");
        }
        if (!format.equals("qcow2") && !format.equals("raw")) {
            out.add("Format: qcow2 or raw.");
        }
        if (!backingPath.isEmpty() && !format.equals("qcow2")) {
            out.add("Backing volume: only a qcow2 volume can have one.");
        }
        return out;
    }

    public String xml() {
        StringBuilder x = new StringBuilder("<volume>\n  <name>").append(escape(name)).append("</name>\n")
            .append("  <capacity unit='bytes'>").append(capacity).append("</capacity>\n")
            .append("  <allocation unit='bytes'>0</allocation>\n")
            .append("  <target>\n    <format type='").append(format).append("'/>\n  </target>\n");
        if (!backingPath.isEmpty()) {
            x.append("  <backingStore>\n    <path>").append(escape(backingPath)).append("</path>\n    <format type='")
                .append(backingFormat).append("'/>\n  </backingStore>\n");
        }
        return x.append("</volume>\n").toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;").replace("\"", "&quot;");
    }
}
