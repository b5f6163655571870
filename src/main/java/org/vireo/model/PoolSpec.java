package org.vireo.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/** A new directory pool: its name and the directory on the host (made when missing). */
public record PoolSpec(String name, String path) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0,49}");

    public PoolSpec {
        name = name == null ? "" : name.strip();
        path = path == null ? "" : path.strip();
    }

    public List<String> problems(Collection<String> existingNames) {
        List<String> out = new ArrayList<>();
        if (name.isEmpty()) {
            out.add("Name: enter a name.");
        } else if (!NAME.matcher(name).matches()) {
            out.add("Name: letters, digits and . _ + - only (up to 50), starting with a letter or digit.");
        } else if (existingNames.contains(name)) {
            out.add("Name: the host already has a pool called " + name + ".");
        }
        if (path.length() > 4096) {
            out.add("Directory: " + path.length() + " characters; a path on the host holds at most 4096.");
        } else if (path.chars().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            out.add("Directory: no control or invisible characters (a line break, a direction mark).");
        } else if (!path.startsWith("/") || path.contains("/../") || path.endsWith("/..") || path.contains("/./") || path.endsWith("/.")) {
            out.add("Directory: an absolute path on the host, e.g. /var/lib/libvirt/images/" + (name.isEmpty() ? "pool" : name) + ".");
        }
        return out;
    }

    public String xml() {
        return "<pool type='dir'>\n  <name>" + name + "</name>\n  <target>\n    <path>" + VolumeSpec.escape(path)
            + "</path>\n  </target>\n</pool>\n";
    }
}
