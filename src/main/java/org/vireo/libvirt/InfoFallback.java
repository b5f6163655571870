package org.vireo.libvirt;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Fills cpu.time, balloon.* and vcpu.* from virDomainGetInfo for drivers whose bulk stats
 * lack them. virDomainInfo is { uchar state; ulong maxMem; ulong memory; ushort nrVirtCpu;
 * ulonglong cpuTime } with C alignment.
 */
final class InfoFallback {
    private static final String[] KEYS = {"cpu.time", "balloon.current", "balloon.maximum", "vcpu.current", "vcpu.maximum"};

    private InfoFallback() {
    }

    static DomainStats fill(DomainStats stats, Pointer dom) {
        int word = Native.LONG_SIZE;
        try (Memory info = new Memory(word * 5L)) {
            if (NativeVirt.LIB.virDomainGetInfo(dom, info) < 0) {
                NativeVirt.LIB.virResetLastError();
                return stats;
            }
            long maxMem = word == 8 ? info.getLong(word) : Integer.toUnsignedLong(info.getInt(word));
            long memory = word == 8 ? info.getLong(2L * word) : Integer.toUnsignedLong(info.getInt(2L * word));
            int vcpus = Short.toUnsignedInt(info.getShort(3L * word));
            long cpuTime = info.getLong(4L * word);
            return stats.with(KEYS, new long[] {cpuTime, memory, maxMem, vcpus, vcpus});
        }
    }
}
