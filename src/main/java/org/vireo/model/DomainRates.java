package org.vireo.model;

/**
 * What a domain did between two samples; NaN where a figure is not known (the first
 * sample, a driver that does not report it, a counter that went backwards).
 *
 * @param cpuPercent     share of the domain's vCPUs busy
 * @param cpuHostPercent share of all host CPUs the domain used
 */
public record DomainRates(double cpuPercent, double cpuHostPercent, double diskReadBps, double diskWriteBps,
                          double diskIops, double netRxBps, double netTxBps) {

    public static final DomainRates UNKNOWN =
        new DomainRates(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public double diskBps() {
        return diskReadBps + diskWriteBps;
    }

    public double netBps() {
        return netRxBps + netTxBps;
    }
}
