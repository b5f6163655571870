package org.vireo.settings;

import java.nio.file.Path;
import java.util.Map;

/** Where Vireo keeps its files, after the XDG base directory rules. */
public record AppDirs(Path config, Path state, Path cache) {

    public static AppDirs fromEnvironment(Path configOverride) {
        Map<String, String> env = System.getenv();
        Path home = Path.of(System.getProperty("user.home"));
        Path config = configOverride != null ? configOverride : xdg(env, "XDG_CONFIG_HOME", home.resolve(".config"));
        Path state = xdg(env, "XDG_STATE_HOME", home.resolve(".local/state"));
        Path cache = xdg(env, "XDG_CACHE_HOME", home.resolve(".cache"));
        return new AppDirs(config, state, cache);
    }

    private static Path xdg(Map<String, String> env, String name, Path fallback) {
        String value = env.get(name);
        Path base = value == null || value.isBlank() ? fallback : Path.of(value);
        return base.resolve("vireo");
    }

    public Path logFile() {
        return state.resolve("vireo.log");
    }
}
