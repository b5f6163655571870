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
}
