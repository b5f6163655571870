package org.vireo.model;

/**
 * A host's own figures at one refresh, and the sums over its guests. NaN / -1 where the
 * driver does not say (the test driver reports no host CPU times).
 */
public record HostFigures(int cpus, double cpuPercent, long memTotalKiB, long memUsedKiB,
                          double guestsCpuPercent, long guestsMemoryKiB, double guestsDiskBps, double guestsNetBps) {

    public static final HostFigures UNKNOWN = new HostFigures(0, Double.NaN, -1, -1, Double.NaN, 0, Double.NaN, Double.NaN);
}
