package org.vireo.libvirt;

/**
 * The host's cumulative CPU times (ns, all CPUs) and memory figures (KiB); -1 where the
 * driver does not report one.
 */
public record NodeCounters(long kernelNs, long userNs, long idleNs, long iowaitNs,
                           long memTotalKiB, long memFreeKiB, long memBuffersKiB, long memCachedKiB) {

    public boolean hasCpu() {
        return idleNs >= 0 && (kernelNs >= 0 || userNs >= 0);
    }

    public boolean hasMemory() {
        return memTotalKiB > 0 && memFreeKiB >= 0;
    }

    /** Time the CPUs spent busy (kernel + user), ns. */
    public long busyNs() {
        return Math.max(0, kernelNs) + Math.max(0, userNs);
    }

    /** Busy plus idle plus iowait, ns. */
    public long totalNs() {
        return busyNs() + Math.max(0, idleNs) + Math.max(0, iowaitNs);
    }

    /** Memory in use by programs: total less free, buffers and page cache. */
    public long memUsedKiB() {
        return memTotalKiB - memFreeKiB - Math.max(0, memBuffersKiB) - Math.max(0, memCachedKiB);
    }
}
