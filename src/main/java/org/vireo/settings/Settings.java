package org.vireo.settings;

import java.util.List;
import org.vireo.model.StatsSettings;
import org.vireo.model.ThemeChoice;

/**
 * What Vireo remembers between runs. {@code paletteRecent}: the command palette's recent
 * choices, newest first, as keys naming an action and a domain's UUID or a host's URI.
 */
public record Settings(List<String> connections, double windowWidth, double windowHeight, StatsSettings stats,
                       WindowState window, ThemeChoice theme, List<String> paletteRecent) {

    public static final double DEFAULT_WIDTH = 1280;
    public static final double DEFAULT_HEIGHT = 800;

    public Settings {
        connections = List.copyOf(connections);
        window = window == null ? WindowState.UNKNOWN : window;
        theme = theme == null ? ThemeChoice.SYSTEM : theme;
        paletteRecent = paletteRecent == null ? List.of() : List.copyOf(paletteRecent);
    }

    public Settings(List<String> connections, double windowWidth, double windowHeight, StatsSettings stats,
                    WindowState window, ThemeChoice theme) {
        this(connections, windowWidth, windowHeight, stats, window, theme, List.of());
    }

    public Settings(List<String> connections, double windowWidth, double windowHeight, StatsSettings stats) {
        this(connections, windowWidth, windowHeight, stats, WindowState.UNKNOWN, ThemeChoice.SYSTEM);
    }

    public Settings(List<String> connections, double windowWidth, double windowHeight) {
        this(connections, windowWidth, windowHeight, StatsSettings.defaults());
    }

    public Settings withConnections(List<String> uris) {
        return new Settings(uris, windowWidth, windowHeight, stats, window, theme, paletteRecent);
    }

    public Settings withWindowSize(double width, double height) {
        return new Settings(connections, width, height, stats, window, theme, paletteRecent);
    }

    public Settings withStats(StatsSettings settings) {
        return new Settings(connections, windowWidth, windowHeight, settings, window, theme, paletteRecent);
    }

    public Settings withWindow(WindowState state) {
        return new Settings(connections, windowWidth, windowHeight, stats, state, theme, paletteRecent);
    }

    public Settings withTheme(ThemeChoice choice) {
        return new Settings(connections, windowWidth, windowHeight, stats, window, choice, paletteRecent);
    }

    public Settings withPaletteRecent(List<String> keys) {
        return new Settings(connections, windowWidth, windowHeight, stats, window, theme, keys);
    }
}
