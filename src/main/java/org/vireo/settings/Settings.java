package org.vireo.settings;

import java.util.List;

/** What Vireo remembers between runs. */
public record Settings(List<String> connections, double windowWidth, double windowHeight) {

    public static final double DEFAULT_WIDTH = 1280;
    public static final double DEFAULT_HEIGHT = 800;

    public Settings {
        connections = List.copyOf(connections);
    }

    public Settings withConnections(List<String> uris) {
        return new Settings(uris, windowWidth, windowHeight);
    }

    public Settings withWindowSize(double width, double height) {
        return new Settings(connections, width, height);
    }
}
