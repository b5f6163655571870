package org.vireo.model;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the stats refresh polls: every second, 10 minutes kept, all groups by default
 * (virt-manager: CPU only, every 3 s).
 */
public record StatsSettings(Duration interval, Duration historyKept, Set<StatsGroup> groups) {

    public StatsSettings {
        groups = groups.isEmpty() ? EnumSet.of(StatsGroup.STATE) : EnumSet.copyOf(groups);
        // the state group always: the list of domains and their states depend on it
        groups.add(StatsGroup.STATE);
    }

    public static StatsSettings defaults() {
        return new StatsSettings(Duration.ofSeconds(1), Duration.ofMinutes(10), EnumSet.allOf(StatsGroup.class));
    }

    public int historyPoints() {
        return (int) Math.max(2, historyKept.toMillis() / Math.max(1, interval.toMillis()));
    }
}
