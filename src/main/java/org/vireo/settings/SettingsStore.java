package org.vireo.settings;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.EnumSet;
import java.util.Set;
import java.time.Duration;
import org.vireo.model.StatsGroup;
import org.vireo.model.StatsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and writes settings.properties in the config dir. Disk only: never call it on the FX thread. */
public final class SettingsStore {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    private final Path file;

    public SettingsStore(Path configDir) {
        this.file = configDir.resolve("settings.properties");
    }

    public Path file() {
        return file;
    }

    /** The saved settings, or empty on the first run (or when the file cannot be read). */
    public Optional<Settings> load() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}", file, e.getMessage());
            return Optional.empty();
        }
        List<String> uris = new ArrayList<>();
        for (int i = 0; p.containsKey("connection." + i); i++) {
            uris.add(p.getProperty("connection." + i));
        }
        StatsSettings defaults = StatsSettings.defaults();
        StatsSettings stats = new StatsSettings(
            Duration.ofMillis((long) number(p, "stats.interval.ms", defaults.interval().toMillis())),
            Duration.ofSeconds((long) number(p, "stats.history.s", defaults.historyKept().toSeconds())),
            groups(p.getProperty("stats.groups"), defaults.groups()));
        return Optional.of(new Settings(uris,
            number(p, "window.width", Settings.DEFAULT_WIDTH), number(p, "window.height", Settings.DEFAULT_HEIGHT), stats));
    }

    /** Writes to a temporary file first so that a crash never leaves half a file. */
    public void save(Settings settings) throws IOException {
        Properties p = new Properties();
        for (int i = 0; i < settings.connections().size(); i++) {
            p.setProperty("connection." + i, settings.connections().get(i));
        }
        p.setProperty("window.width", Double.toString(settings.windowWidth()));
        p.setProperty("window.height", Double.toString(settings.windowHeight()));
        p.setProperty("stats.interval.ms", Long.toString(settings.stats().interval().toMillis()));
        p.setProperty("stats.history.s", Long.toString(settings.stats().historyKept().toSeconds()));
        p.setProperty("stats.groups", String.join(",", settings.stats().groups().stream().map(Enum::name).toList()));
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "Vireo settings");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Set<StatsGroup> groups(String text, Set<StatsGroup> fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        EnumSet<StatsGroup> groups = EnumSet.noneOf(StatsGroup.class);
        for (String name : text.split(",")) {
            try {
                groups.add(StatsGroup.valueOf(name.strip()));
            } catch (IllegalArgumentException e) {
                LOG.warn("unknown stats group {} in settings", name);
            }
        }
        return groups;
    }

    private static double number(Properties p, String key, double fallback) {
        try {
            return Double.parseDouble(p.getProperty(key, Double.toString(fallback)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
