package org.vireo.model;

import java.util.Set;

/** virDomainStatsTypes: the groups one bulk stats call can return. */
public enum StatsGroup {
    STATE(1), CPU_TOTAL(2), BALLOON(4), VCPU(8), INTERFACE(16), BLOCK(32);

    private final int bit;

    StatsGroup(int bit) {
        this.bit = bit;
    }

    /** The virDomainStatsTypes bit. */
    public int bit() {
        return bit;
    }

    public static int mask(Set<StatsGroup> groups) {
        int mask = 0;
        for (StatsGroup g : groups) {
            mask |= g.bit;
        }
        return mask;
    }
}
