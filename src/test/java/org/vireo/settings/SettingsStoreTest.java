package org.vireo.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @Test
    void firstRunHasNoSettings(@TempDir Path dir) {
        assertTrue(new SettingsStore(dir).load().isEmpty());
    }

    @Test
    void connectionsAndWindowSizeSurviveARestart(@TempDir Path dir) throws Exception {
        Settings s = new Settings(List.of("qemu:///system", "test:///default", "qemu+ssh://root@hostA/system?x=1&y=2"), 1024, 700);
        new SettingsStore(dir).save(s);
        assertEquals(s, new SettingsStore(dir).load().orElseThrow());
    }

    @Test
    void statsSettingsSurviveARestart(@TempDir Path dir) throws Exception {
        var stats = new org.vireo.model.StatsSettings(java.time.Duration.ofMillis(2500), java.time.Duration.ofMinutes(30),
            java.util.EnumSet.of(org.vireo.model.StatsGroup.CPU_TOTAL, org.vireo.model.StatsGroup.BLOCK));
        Settings s = new Settings(List.of("test:///default"), 1000, 700, stats);
        new SettingsStore(dir).save(s);
        Settings back = new SettingsStore(dir).load().orElseThrow();
        assertEquals(stats, back.stats());
        assertTrue(back.stats().groups().contains(org.vireo.model.StatsGroup.STATE), "state is always polled");
    }

    @Test
    void writerPersistsChangesOffTheCallersThread(@TempDir Path dir) {
        SettingsStore store = new SettingsStore(dir);
        SettingsWriter writer = new SettingsWriter(store, new Settings(List.of(), 800, 600));
        writer.update(s -> s.withConnections(List.of("test:///default")));
        writer.update(s -> s.withWindowSize(900, 650));
        writer.flush();
        assertEquals(new Settings(List.of("test:///default"), 900, 650), store.load().orElseThrow());
    }

    @Test
    void windowStateAndThemeSurviveARestart(@TempDir Path dir) throws Exception {
        WindowState w = new WindowState(40, 30, true, 310, 0.6, List.of("stateColumn", "nameColumn"),
            java.util.Map.of("nameColumn", 230.0, "stateColumn", 140.0), List.of("stateColumn:DESCENDING", "nameColumn:ASCENDING"),
            "test:///default", "6695eb01-f6a4-8304-79aa-97f2502e193f", "hardwareTab");
        Settings s = new Settings(List.of("test:///default"), 1100, 700).withWindow(w).withTheme(org.vireo.model.ThemeChoice.DARK);
        new SettingsStore(dir).save(s);
        assertEquals(s, new SettingsStore(dir).load().orElseThrow());
        // older files without these keys: defaults
        Settings old = new Settings(List.of("test:///default"), 1100, 700);
        new SettingsStore(dir).save(old);
        Settings back = new SettingsStore(dir).load().orElseThrow();
        assertEquals(WindowState.UNKNOWN, back.window());
        assertEquals(org.vireo.model.ThemeChoice.SYSTEM, back.theme());
    }

    @Test
    void thePalettesRecentChoicesSurviveARestartInTheirOrder(@TempDir Path dir) throws Exception {
        List<String> recent = List.of("OPEN:6695eb01-f6a4-8304-79aa-97f2502e193f", "cmd:fleet",
            "MIGRATE:6695eb01-f6a4-8304-79aa-97f2502e193f:qemu+ssh://root@hostB/system?x=1&y=2", "host:test:///default");
        Settings s = new Settings(List.of("test:///default"), 1100, 700).withPaletteRecent(recent).withTheme(org.vireo.model.ThemeChoice.DARK);
        new SettingsStore(dir).save(s);
        Settings back = new SettingsStore(dir).load().orElseThrow();
        assertEquals(recent, back.paletteRecent());
        assertEquals(s, back);
        // older files without them: none
        new SettingsStore(dir).save(new Settings(List.of("test:///default"), 1100, 700));
        assertEquals(List.of(), new SettingsStore(dir).load().orElseThrow().paletteRecent());
    }
}
