package org.vireo.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CpuUsageTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void firstSampleHasNoRate() {
        assertTrue(Double.isNaN(new CpuUsage().percent("a", 5 * SECOND, 2, 10 * SECOND)));
    }

    @Test
    void rateIsCpuTimeOverWallTimeAndVcpus() {
        CpuUsage cpu = new CpuUsage();
        cpu.percent("a", 0, 2, 0);
        cpu.endRound();
        // one full vCPU busy out of two for one second: 50 %
        assertEquals(50.0, cpu.percent("a", SECOND, 2, SECOND), 1e-9);
        cpu.endRound();
        // both busy for half a second
        assertEquals(100.0, cpu.percent("a", 2 * SECOND, 2, SECOND + SECOND / 2), 1e-9);
    }

    @Test
    void aCounterThatWentBackwardsRestarts() {
        CpuUsage cpu = new CpuUsage();
        cpu.percent("a", 10 * SECOND, 1, 0);
        cpu.endRound();
        assertTrue(Double.isNaN(cpu.percent("a", SECOND, 1, SECOND)), "guest restarted: counter reset");
        cpu.endRound();
        assertEquals(25.0, cpu.percent("a", SECOND + SECOND / 4, 1, 2 * SECOND), 1e-9);
    }

    @Test
    void domainsNotSeenInARoundAreForgotten() {
        CpuUsage cpu = new CpuUsage();
        cpu.percent("a", 0, 1, 0);
        cpu.endRound();
        cpu.endRound();
        assertTrue(Double.isNaN(cpu.percent("a", SECOND, 1, SECOND)));
    }
}
