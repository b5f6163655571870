package org.vireo.ui.ssh;

import java.util.Optional;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The add-SSH-host form: host (a name, an address or a ~/.ssh/config alias), port, user and
 * the libvirt URI on the host; it turns them into {@code qemu+ssh://user@host:port/system}.
 * Empty user and port come from ~/.ssh/config or the defaults when connecting.
 */
public final class AddSshHostViewModel {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\]");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._-]*");
    public static final String SYSTEM = "qemu:///system";
    public static final String SESSION = "qemu:///session";

    private final StringProperty host = new SimpleStringProperty(this, "host", "");
    private final StringProperty port = new SimpleStringProperty(this, "port", "");
    private final StringProperty user = new SimpleStringProperty(this, "user", "root");
    private final StringProperty libvirtUri = new SimpleStringProperty(this, "libvirtUri", SYSTEM);
    private final StringBinding preview = Bindings.createStringBinding(
        () -> uri().orElse(""), host, port, user, libvirtUri);

    public StringProperty hostProperty() {
        return host;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty userProperty() {
        return user;
    }

    public StringProperty libvirtUriProperty() {
        return libvirtUri;
    }

    /** The URI the app will store, or empty while the form is incomplete. */
    public StringBinding previewProperty() {
        return preview;
    }

    /** What is wrong with the form, or empty when it makes a URI. */
    public Optional<String> problem() {
        String h = host.get().strip();
        if (h.isEmpty()) {
            return Optional.of("Enter the host: a name, an address or a Host alias from ~/.ssh/config.");
        }
        if (h.length() > 253) {
            return Optional.of("The host has " + h.length() + " characters; a host name has at most 253.");
        }
        if (!HOST.matcher(h).matches() || h.startsWith("-") || h.startsWith(".") || h.contains("..")) {
            return Optional.of("\"" + h + "\" is not a host name or address.");
        }
        String p = port.get().strip();
        if (!p.isEmpty()) {
            try {
                // ASCII digits only: Integer.parseInt also reads "٢٢" and "２２", which then went into the URI
                if (!p.chars().allMatch(c -> c >= '0' && c <= '9') || p.length() > 5) {
                    throw new NumberFormatException(p);
                }
                int n = Integer.parseInt(p);
                if (n < 1 || n > 65535) {
                    return Optional.of("The port must be between 1 and 65535.");
                }
            } catch (NumberFormatException e) {
                return Optional.of("The port must be a number (22 is SSH's default).");
            }
        }
        String u = user.get().strip();
        if (u.length() > 32) {
            return Optional.of("The user has " + u.length() + " characters; a user name has at most 32.");
        }
        if (!u.isEmpty() && !USER.matcher(u).matches()) {
            return Optional.of("\"" + u + "\" is not a user name.");
        }
        return Optional.empty();
    }

    public Optional<String> uri() {
        if (problem().isPresent()) {
            return Optional.empty();
        }
        String u = user.get().strip();
        String p = port.get().strip();
        String path = SESSION.equals(libvirtUri.get()) ? "/session" : "/system";
        return Optional.of("qemu+ssh://" + (u.isEmpty() ? "" : u + "@") + host.get().strip() + (p.isEmpty() ? "" : ":" + p) + path);
    }
}
