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
        List<String> recent = new ArrayList<>();
        for (int i = 0; p.containsKey("palette.recent." + i); i++) {
            recent.add(p.getProperty("palette.recent." + i));
        }
        StatsSettings defaults = StatsSettings.defaults();
        StatsSettings stats = new StatsSettings(
            Duration.ofMillis((long) number(p, "stats.interval.ms", defaults.interval().toMillis())),
            Duration.ofSeconds((long) number(p, "stats.history.s", defaults.historyKept().toSeconds())),
            groups(p.getProperty("stats.groups"), defaults.groups()));
        return Optional.of(new Settings(uris,
            number(p, "window.width", Settings.DEFAULT_WIDTH), number(p, "window.height", Settings.DEFAULT_HEIGHT), stats,
            window(p), theme(p.getProperty("theme")), recent));
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
        p.setProperty("theme", settings.theme().name());
        for (int i = 0; i < settings.paletteRecent().size(); i++) {
            p.setProperty("palette.recent." + i, settings.paletteRecent().get(i));
        }
        WindowState w = settings.window();
        put(p, "window.x", w.x());
        put(p, "window.y", w.y());
        p.setProperty("window.maximized", Boolean.toString(w.maximized()));
        put(p, "window.tree.width", w.treeDivider());
        put(p, "window.split.jobs", w.jobsDivider());
        p.setProperty("table.columns", String.join(",", w.columns()));
        w.widths().forEach((id, width) -> p.setProperty("table.width." + id, Double.toString(width)));
        p.setProperty("table.sort", String.join(",", w.sort()));
        p.setProperty("selected.host", w.host());
        p.setProperty("selected.domain", w.domain());
        p.setProperty("selected.tab", w.tab());
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "Vireo settings");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static WindowState window(Properties p) {
        java.util.Map<String, Double> widths = new java.util.HashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("table.width.")) {
                double w = number(p, key, Double.NaN);
                if (!Double.isNaN(w)) {
                    widths.put(key.substring("table.width.".length()), w);
                }
            }
        }
        return new WindowState(number(p, "window.x", Double.NaN), number(p, "window.y", Double.NaN),
            Boolean.parseBoolean(p.getProperty("window.maximized", "false")),
            number(p, "window.tree.width", Double.NaN), number(p, "window.split.jobs", Double.NaN),
            list(p.getProperty("table.columns")), widths, list(p.getProperty("table.sort")),
            p.getProperty("selected.host", ""), p.getProperty("selected.domain", ""), p.getProperty("selected.tab", ""));
    }

    private static List<String> list(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static org.vireo.model.ThemeChoice theme(String text) {
        try {
            return text == null ? org.vireo.model.ThemeChoice.SYSTEM : org.vireo.model.ThemeChoice.valueOf(text.strip());
        } catch (IllegalArgumentException e) {
            return org.vireo.model.ThemeChoice.SYSTEM;
        }
    }

    private static void put(Properties p, String key, double value) {
        if (!Double.isNaN(value)) {
            p.setProperty(key, Double.toString(value));
        }
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
