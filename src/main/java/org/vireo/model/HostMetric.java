package org.vireo.model;

/** The figures kept over time for a host as a whole. */
public enum HostMetric {
    /** The host's CPUs busy, % of all of them. */
    CPU("Host CPU", Metric.Unit.PERCENT),
    /** The host's memory in use by programs, KiB. */
    MEMORY("Host memory", Metric.Unit.KIB),
    /** The guests' CPU time, % of all host CPUs. */
    GUESTS_CPU("Guests' CPU", Metric.Unit.PERCENT),
    /** The guests' memory in use, KiB. */
    GUESTS_MEMORY("Guests' memory", Metric.Unit.KIB),
    GUESTS_DISK("Guests' disk I/O", Metric.Unit.BYTES_PER_SECOND),
    GUESTS_NET("Guests' network I/O", Metric.Unit.BYTES_PER_SECOND);

    private final String label;
    private final Metric.Unit unit;

    HostMetric(String label, Metric.Unit unit) {
        this.label = label;
        this.unit = unit;
    }

    public String label() {
        return label;
    }

    public Metric.Unit unit() {
        return unit;
    }
}
