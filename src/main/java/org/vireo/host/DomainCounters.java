package org.vireo.host;

import org.vireo.libvirt.DomainStats;

/**
 * A domain's cumulative counters at one sample, summed over its disks and NICs; -1 where
 * the driver gives no figure.
 */
record DomainCounters(long atNanos, long cpuTimeNs, int vcpus, long rdBytes, long wrBytes, long rdReqs, long wrReqs,
                      long rxBytes, long txBytes) {

    /** The per-device key names, made once rather than per device per domain per tick. */
    private static final int NAMED = 32;
    private static final String[][] BLOCK = new String[NAMED][];
    private static final String[][] NET = new String[NAMED][];

    static {
        for (int i = 0; i < NAMED; i++) {
            BLOCK[i] = blockKeys(i);
            NET[i] = netKeys(i);
        }
    }

    private static String[] blockKeys(int i) {
        String p = "block." + i + ".";
        return new String[] {p + "rd.bytes", p + "wr.bytes", p + "rd.reqs", p + "wr.reqs"};
    }

    private static String[] netKeys(int i) {
        String p = "net." + i + ".";
        return new String[] {p + "rx.bytes", p + "tx.bytes"};
    }

    static DomainCounters of(DomainStats s, long atNanos) {
        int blocks = (int) s.getLong("block.count", 0);
        long rdBytes = -1;
        long wrBytes = -1;
        long rdReqs = -1;
        long wrReqs = -1;
        for (int i = 0; i < blocks; i++) {
            String[] k = i < NAMED ? BLOCK[i] : blockKeys(i);
            rdBytes = add(rdBytes, s.getLong(k[0], -1));
            wrBytes = add(wrBytes, s.getLong(k[1], -1));
            rdReqs = add(rdReqs, s.getLong(k[2], -1));
            wrReqs = add(wrReqs, s.getLong(k[3], -1));
        }
        int nets = (int) s.getLong("net.count", 0);
        long rx = -1;
        long tx = -1;
        for (int i = 0; i < nets; i++) {
            String[] k = i < NAMED ? NET[i] : netKeys(i);
            rx = add(rx, s.getLong(k[0], -1));
            tx = add(tx, s.getLong(k[1], -1));
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
