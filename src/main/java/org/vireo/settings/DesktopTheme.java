package org.vireo.settings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Whether the desktop prefers dark: the GTK_THEME variable, the freedesktop colour scheme
 * (GNOME's setting, then the settings portal, which KDE and others answer too), then the
 * GTK theme's name. Runs small commands: call it off the FX thread; each has a short timeout.
 */
public final class DesktopTheme {
    private static final long TIMEOUT_MS = 700;
    private final Map<String, String> env;
    private final Function<List<String>, Optional<String>> command;

    public DesktopTheme(Map<String, String> env, Function<List<String>, Optional<String>> command) {
        this.env = env;
        this.command = command;
    }

    /** This user's desktop. */
    public static DesktopTheme ofUser() {
        return new DesktopTheme(System.getenv(), DesktopTheme::run);
    }

    /** True for dark, false for light, empty when the desktop does not say. */
    public Optional<Boolean> prefersDark() {
        String gtkTheme = env.get("GTK_THEME");
        if (gtkTheme != null && !gtkTheme.isBlank()) {
            return Optional.of(isDarkName(gtkTheme));
        }
        Optional<String> scheme = command.apply(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"));
        if (scheme.isPresent()) {
            String s = scheme.get().toLowerCase(Locale.ROOT);
            if (s.contains("prefer-dark")) {
                return Optional.of(true);
            }
            if (s.contains("prefer-light")) {
                return Optional.of(false);
            }
        }
        // org.freedesktop.appearance color-scheme: 0 no preference, 1 dark, 2 light
        Optional<String> portal = command.apply(List.of("gdbus", "call", "--session", "--timeout", "1",
            "--dest", "org.freedesktop.portal.Desktop", "--object-path", "/org/freedesktop/portal/desktop",
            "--method", "org.freedesktop.portal.Settings.Read", "org.freedesktop.appearance", "color-scheme"));
        if (portal.isPresent()) {
            String p = portal.get();
            if (p.matches("(?s).*uint32 1\\b.*")) {
                return Optional.of(true);
            }
            if (p.matches("(?s).*uint32 2\\b.*")) {
                return Optional.of(false);
            }
        }
        return command.apply(List.of("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme"))
            .filter(name -> !name.isBlank())
            .map(DesktopTheme::isDarkName);
    }

    static boolean isDarkName(String theme) {
        return theme.toLowerCase(Locale.ROOT).contains("dark");
    }

    /** A command's standard output when it exits with 0 within the timeout. */
    private static Optional<String> run(List<String> argv) {
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return Optional.empty();
        }
        try (InputStream in = p.getInputStream()) {
            if (!p.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return Optional.empty();
        }
    }
}
