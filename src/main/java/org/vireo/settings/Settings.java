package org.vireo.settings;

import java.util.List;
import org.vireo.model.StatsSettings;

/** What Vireo remembers between runs. */
public record Settings(List<String> connections, double windowWidth, double windowHeight, StatsSettings stats) {

    public static final double DEFAULT_WIDTH = 1280;
    public static final double DEFAULT_HEIGHT = 800;

    public Settings {
        connections = List.copyOf(connections);
    }

    public Settings(List<String> connections, double windowWidth, double windowHeight) {
        this(connections, windowWidth, windowHeight, StatsSettings.defaults());
    }

    public Settings withConnections(List<String> uris) {
        return new Settings(uris, windowWidth, windowHeight, stats);
    }

    public Settings withWindowSize(double width, double height) {
        return new Settings(connections, width, height, stats);
    }

    public Settings withStats(StatsSettings settings) {
        return new Settings(connections, windowWidth, windowHeight, settings);
    }
}
