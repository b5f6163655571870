package org.vireo.host;

import java.util.HashMap;
import java.util.Map;

/** Turns cumulative cpu.time counters into the share of a domain's vCPUs used since the last sample. */
final class CpuUsage {
    private record Sample(long cpuTimeNs, long atNanos) {
    }

    private Map<String, Sample> previous = new HashMap<>();
    private Map<String, Sample> current = new HashMap<>();

    /** Percent of {@code vcpus} busy between the previous sample of this domain and this one; NaN on the first. */
    double percent(String uuid, long cpuTimeNs, int vcpus, long nowNanos) {
        current.put(uuid, new Sample(cpuTimeNs, nowNanos));
        Sample before = previous.get(uuid);
        if (before == null || cpuTimeNs < 0 || vcpus <= 0 || nowNanos <= before.atNanos()
            || cpuTimeNs < before.cpuTimeNs()) {
            return Double.NaN;
        }
        double busy = (double) (cpuTimeNs - before.cpuTimeNs()) / (nowNanos - before.atNanos()) / vcpus;
        return Math.min(100.0, Math.max(0.0, busy * 100.0));
    }

    /** Ends a round: domains not seen in it are forgotten. */
    void endRound() {
        Map<String, Sample> swap = previous;
        previous = current;
        current = swap;
        current.clear();
    }

    void clear() {
        previous.clear();
        current.clear();
    }
}
