package org.vireo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {
    @Test
    void connectIsRepeatable() {
        LaunchOptions o = LaunchOptions.parse("--connect", "qemu:///system", "--connect=test:///default", "--config-dir", "/tmp/x");
        assertEquals(List.of("qemu:///system", "test:///default"), o.connect());
        assertEquals(Path.of("/tmp/x"), o.configDir());
    }

    @Test
    void noArgumentsMeansRememberedConnections() {
        LaunchOptions o = LaunchOptions.parse();
        assertEquals(List.of(), o.connect());
        assertNull(o.configDir());
        assertFalse(o.softwareRendering());
    }

    @Test
    void softwareRenderingIsAFlag() {
        assertTrue(LaunchOptions.parse("--software-rendering").softwareRendering());
    }

    @Test
    void unknownOrIncompleteOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse("--bogus"));
        assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse("--connect"));
    }
}
