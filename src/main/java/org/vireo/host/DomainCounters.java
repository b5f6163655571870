package org.vireo.host;

import org.vireo.libvirt.DomainStats;

/**
 * A domain's cumulative counters at one sample, summed over its disks and NICs; -1 where
 * the driver gives no figure.
 */
record DomainCounters(long atNanos, long cpuTimeNs, int vcpus, long rdBytes, long wrBytes, long rdReqs, long wrReqs,
                      long rxBytes, long txBytes) {

    static DomainCounters of(DomainStats s, long atNanos) {
        int blocks = (int) s.getLong("block.count", 0);
        long rdBytes = -1;
        long wrBytes = -1;
        long rdReqs = -1;
        long wrReqs = -1;
        for (int i = 0; i < blocks; i++) {
            String p = "block." + i + ".";
            rdBytes = add(rdBytes, s.getLong(p + "rd.bytes", -1));
            wrBytes = add(wrBytes, s.getLong(p + "wr.bytes", -1));
            rdReqs = add(rdReqs, s.getLong(p + "rd.reqs", -1));
            wrReqs = add(wrReqs, s.getLong(p + "wr.reqs", -1));
        }
        int nets = (int) s.getLong("net.count", 0);
        long rx = -1;
        long tx = -1;
        for (int i = 0; i < nets; i++) {
            String p = "net." + i + ".";
            rx = add(rx, s.getLong(p + "rx.bytes", -1));
            tx = add(tx, s.getLong(p + "tx.bytes", -1));
        }
        return new DomainCounters(atNanos, s.getLong("cpu.time", -1), (int) s.getLong("vcpu.current", 0),
            rdBytes, wrBytes, rdReqs, wrReqs, rx, tx);
    }

    private static long add(long sum, long value) {
        if (value < 0) {
            return sum;
        }
        return sum < 0 ? value : sum + value;
    }
}
