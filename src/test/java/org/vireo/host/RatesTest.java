package org.vireo.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vireo.model.DomainRates;

/** Rates from known counter sequences. */
class RatesTest {
    private static final long S = 1_000_000_000L;
    private static final long MIB = 1024 * 1024;

    private static DomainCounters at(long nanos, long cpuNs, int vcpus, long rd, long wr, long rdReqs, long wrReqs, long rx, long tx) {
        return new DomainCounters(nanos, cpuNs, vcpus, rd, wr, rdReqs, wrReqs, rx, tx);
    }

    @Test
    void firstSampleHasNoRates() {
        DomainRates r = Rates.between(null, at(S, S, 1, 0, 0, 0, 0, 0, 0), 4);
        assertTrue(Double.isNaN(r.cpuPercent()));
        assertTrue(Double.isNaN(r.diskReadBps()));
    }

    @Test
    void ratesAreDeltasOverElapsedTime() {
        DomainCounters a = at(0, 0, 2, 0, 0, 0, 0, 1000, 2000);
        // two seconds later: 1 vCPU-second used, 8 MiB read, 4 MiB written, 300 requests, 1 MB in, 0.5 MB out
        DomainCounters b = at(2 * S, S, 2, 8 * MIB, 4 * MIB, 100, 200, 1000 + 1_000_000, 2000 + 500_000);
        DomainRates r = Rates.between(a, b, 4);
        assertEquals(25.0, r.cpuPercent(), 1e-9, "1 of 2 vCPUs busy half the time");
        assertEquals(12.5, r.cpuHostPercent(), 1e-9, "0.5 CPU of a 4-CPU host");
        assertEquals(4.0 * MIB, r.diskReadBps(), 1e-6);
        assertEquals(2.0 * MIB, r.diskWriteBps(), 1e-6);
        assertEquals(150.0, r.diskIops(), 1e-9);
        assertEquals(500_000.0, r.netRxBps(), 1e-6);
        assertEquals(250_000.0, r.netTxBps(), 1e-6);
    }

    @Test
    void aSequenceOfTicksGivesEachIntervalsRate() {
        long[] written = {0, MIB, 3 * MIB, 3 * MIB, 10 * MIB};
        double[] expected = {MIB, 2 * MIB, 0, 7 * MIB};
        for (int i = 1; i < written.length; i++) {
            DomainRates r = Rates.between(at((i - 1) * S, 0, 1, 0, written[i - 1], 0, 0, 0, 0),
                at(i * S, 0, 1, 0, written[i], 0, 0, 0, 0), 1);
            assertEquals(expected[i - 1], r.diskWriteBps(), 1e-6, "tick " + i);
        }
    }

    @Test
    void countersThatWentBackwardsGiveNoRate() {
        DomainRates r = Rates.between(at(0, 10 * S, 1, 500, 500, 5, 5, 500, 500), at(S, S, 1, 0, 0, 0, 0, 0, 0), 1);
        assertTrue(Double.isNaN(r.cpuPercent()), "guest restarted: its counters reset");
        assertTrue(Double.isNaN(r.diskReadBps()));
        assertTrue(Double.isNaN(r.netRxBps()));
    }

    @Test
    void missingFiguresStayUnknownAndCpuIsClamped() {
        DomainRates r = Rates.between(at(0, 0, 1, -1, -1, -1, -1, -1, -1), at(S, 3 * S, 1, -1, -1, -1, -1, -1, -1), 1);
        assertEquals(100.0, r.cpuPercent(), 1e-9, "clock skew cannot show more than 100 %");
        assertTrue(Double.isNaN(r.diskReadBps()), "a driver without block stats");
    }
}
