package org.vireo.host;

import org.vireo.model.DomainRates;

/** Rates from two samples of a domain's counters. Pure: tested against known sequences. */
final class Rates {
    private static final double NANOS_PER_SECOND = 1e9;

    private Rates() {
    }

    /**
     * @param hostCpus the host's CPU count, for the share of the whole host; 0 when unknown
     */
    static DomainRates between(DomainCounters before, DomainCounters now, int hostCpus) {
        if (before == null) {
            return DomainRates.UNKNOWN;
        }
        long elapsed = now.atNanos() - before.atNanos();
        if (elapsed <= 0) {
            return DomainRates.UNKNOWN;
        }
        double cpuBusy = perSecond(before.cpuTimeNs(), now.cpuTimeNs(), elapsed) / NANOS_PER_SECOND;
        double cpu = now.vcpus() > 0 ? clampPercent(cpuBusy / now.vcpus() * 100) : Double.NaN;
        double cpuHost = hostCpus > 0 ? clampPercent(cpuBusy / hostCpus * 100) : Double.NaN;
        double rdReqs = perSecond(before.rdReqs(), now.rdReqs(), elapsed);
        double wrReqs = perSecond(before.wrReqs(), now.wrReqs(), elapsed);
        return new DomainRates(cpu, cpuHost,
            perSecond(before.rdBytes(), now.rdBytes(), elapsed), perSecond(before.wrBytes(), now.wrBytes(), elapsed),
            rdReqs + wrReqs,
            perSecond(before.rxBytes(), now.rxBytes(), elapsed), perSecond(before.txBytes(), now.txBytes(), elapsed));
    }

    /** Change per second; NaN when either figure is missing or the counter went backwards (a restart). */
    static double perSecond(long before, long now, long elapsedNanos) {
        if (before < 0 || now < 0 || now < before || elapsedNanos <= 0) {
            return Double.NaN;
        }
        return (now - before) * NANOS_PER_SECOND / elapsedNanos;
    }

    private static double clampPercent(double p) {
        return Double.isNaN(p) ? p : Math.min(100.0, Math.max(0.0, p));
    }
}
