package org.vireo.model;

/** The figures kept over time for each domain and each host. */
public enum Metric {
    /** Share of the domain's vCPUs busy, %. */
    CPU("CPU", Unit.PERCENT),
    /** Guest memory in use (balloon: available less unused; else its current size), KiB. */
    MEMORY("Memory", Unit.KIB),
    DISK_READ("Disk read", Unit.BYTES_PER_SECOND),
    DISK_WRITE("Disk write", Unit.BYTES_PER_SECOND),
    DISK_IOPS("Disk I/O operations", Unit.PER_SECOND),
    NET_RX("Network received", Unit.BYTES_PER_SECOND),
    NET_TX("Network sent", Unit.BYTES_PER_SECOND);

    private final String label;
    private final Unit unit;

    Metric(String label, Unit unit) {
        this.label = label;
        this.unit = unit;
    }

    public String label() {
        return label;
    }

    public Unit unit() {
        return unit;
    }

    public enum Unit { PERCENT, KIB, BYTES_PER_SECOND, PER_SECOND }
}
