package org.vireo.settings;

import java.util.List;
import org.vireo.model.StatsSettings;
import org.vireo.model.ThemeChoice;

/** What Vireo remembers between runs. */
public record Settings(List<String> connections, double windowWidth, double windowHeight, StatsSettings stats,
                       WindowState window, ThemeChoice theme) {

    public static final double DEFAULT_WIDTH = 1280;
    public static final double DEFAULT_HEIGHT = 800;

    public Settings {
        connections = List.copyOf(connections);
        window = window == null ? WindowState.UNKNOWN : window;
        theme = theme == null ? ThemeChoice.SYSTEM : theme;
    }

    public Settings(List<String> connections, double windowWidth, double windowHeight, StatsSettings stats) {
        this(connections, windowWidth, windowHeight, stats, WindowState.UNKNOWN, ThemeChoice.SYSTEM);
    }

    public Settings(List<String> connections, double windowWidth, double windowHeight) {
        this(connections, windowWidth, windowHeight, StatsSettings.defaults());
    }

    public Settings withConnections(List<String> uris) {
        return new Settings(uris, windowWidth, windowHeight, stats, window, theme);
    }

    public Settings withWindowSize(double width, double height) {
        return new Settings(connections, width, height, stats, window, theme);
    }

    public Settings withStats(StatsSettings settings) {
        return new Settings(connections, windowWidth, windowHeight, settings, window, theme);
    }

    public Settings withWindow(WindowState state) {
        return new Settings(connections, windowWidth, windowHeight, stats, state, theme);
    }

    public Settings withTheme(ThemeChoice choice) {
        return new Settings(connections, windowWidth, windowHeight, stats, window, choice);
    }
}
