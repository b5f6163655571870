package org.vireo.libvirt;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.SchedParameter;
import org.libvirt.TypedParameter;
import org.libvirt.VcpuInfo;
import org.vireo.model.CpuUsageRow;
import org.vireo.model.DomainFlags.Affect;
import org.vireo.model.TuningGroup;
import org.vireo.model.TuningParam;
import org.vireo.model.VcpuPin;

/**
 * A domain's tuning: the scheduler, memory, blkio, NUMA, disk I/O and interface bandwidth
 * parameter groups, vCPU and emulator pinning, CPU usage per host CPU. Runs on a host worker.
 */
public final class TuningApi {
    /** virDomainGetCPUStats' start CPU for the domain's total. */
    private static final int TOTAL = -1;
    /** How many CPUs one virDomainGetCPUStats call covers here (not a flag: a count). */
    private static final int ONE_CPU = 1;

    private final DomainCalls calls;

    public TuningApi(VirtConnection connection) {
        this.calls = new DomainCalls(connection);
    }

    public String schedulerType(String uuid) throws VirtException {
        return calls.on(uuid, Domain::getSchedulerType);
    }

    /** One tuning group: scheduler, memory, blkio, numa, iotune (target = disk), bandwidth (target = interface). */
    public TuningGroup tuning(String uuid, String group, String target, Affect affect) throws VirtException {
        return calls.on(uuid, dom -> {
            Pointer p = BindingPointers.of(dom);
            String title = switch (group) {
                case "scheduler" -> "CPU scheduler" + schedulerTitle(dom);
                case "memory" -> "Memory parameters";
                case "blkio" -> "Block I/O weights";
                case "numa" -> "NUMA placement";
                case "iotune" -> "I/O limits of " + target;
                case "bandwidth" -> "Bandwidth of " + target;
                default -> throw new IllegalArgumentException(group);
            };
            IntByReference n = new IntByReference(0);
            int flags = affect.bit();
            int rc;
            if (group.equals("scheduler")) {
                // the scheduler call needs real room: virDomainGetSchedulerType tells how many parameters there are
                Pointer type = NativeVirt.LIB.virDomainGetSchedulerType(p, n);
                rc = type == null ? -1 : 0;
                if (type != null) {
                    com.sun.jna.Native.free(Pointer.nativeValue(type));
                }
            } else {
                rc = get(group, p, target, null, n, flags);
            }
            if (rc < 0) {
                VirtException e = VirtException.lastError("get " + group);
                return new TuningGroup(group, target, title, List.of(), e.getMessage());
            }
            if (n.getValue() == 0) {
                return new TuningGroup(group, target, title, List.of(), "the hypervisor reports no " + group + " parameters here");
            }
            try (Memory mem = new Memory((long) n.getValue() * TypedParamCodec.PARAM_SIZE)) {
                mem.clear();
                rc = get(group, p, target, mem, n, flags);
                if (rc < 0) {
                    return new TuningGroup(group, target, title, List.of(), VirtException.lastError("get " + group).getMessage());
                }
                List<TuningParam> params = TypedParamCodec.decode(mem, n.getValue());
                NativeVirt.LIB.virTypedParamsClear(mem, n.getValue());
                return new TuningGroup(group, target, title, params, "");
            }
        });
    }

    private static String schedulerTitle(Domain dom) {
        try {
            return " (" + dom.getSchedulerType() + ")";
        } catch (LibvirtException e) {
            return "";
        }
    }

    private static int get(String group, Pointer p, String target, Pointer mem, IntByReference n, int flags) {
        return switch (group) {
            case "scheduler" -> NativeVirt.LIB.virDomainGetSchedulerParametersFlags(p, mem, n, flags);
            case "memory" -> NativeVirt.LIB.virDomainGetMemoryParameters(p, mem, n, flags);
            case "blkio" -> NativeVirt.LIB.virDomainGetBlkioParameters(p, mem, n, flags);
            case "numa" -> NativeVirt.LIB.virDomainGetNumaParameters(p, mem, n, flags);
            case "iotune" -> NativeVirt.LIB.virDomainGetBlockIoTune(p, target, mem, n, flags);
            case "bandwidth" -> NativeVirt.LIB.virDomainGetInterfaceParameters(p, target, mem, n, flags);
            default -> throw new IllegalArgumentException(group);
        };
    }

    public void setTuning(String uuid, String group, String target, Map<String, String> values, Affect affect) throws VirtException {
        TuningGroup current = tuning(uuid, group, target, affect);
        if (!current.supported()) {
            throw new VirtException(-1, "UNSUPPORTED", "VIREO", current.unsupported(), null);
        }
        List<Memory> keep = new ArrayList<>();
        Memory mem;
        try {
            mem = TypedParamCodec.encode(current.params(), values, keep);
        } catch (IllegalArgumentException e) {
            throw new VirtException(-1, "INVALID_ARG", "VIREO", e.getMessage(), e);
        }
        int n = values.size();
        calls.on(uuid, dom -> {
            Pointer p = BindingPointers.of(dom);
            int flags = affect.bit();
            int rc = switch (group) {
                case "scheduler" -> NativeVirt.LIB.virDomainSetSchedulerParametersFlags(p, mem, n, flags);
                case "memory" -> NativeVirt.LIB.virDomainSetMemoryParameters(p, mem, n, flags);
                case "blkio" -> NativeVirt.LIB.virDomainSetBlkioParameters(p, mem, n, flags);
                case "numa" -> NativeVirt.LIB.virDomainSetNumaParameters(p, mem, n, flags);
                case "iotune" -> NativeVirt.LIB.virDomainSetBlockIoTune(p, target, mem, n, flags);
                case "bandwidth" -> NativeVirt.LIB.virDomainSetInterfaceParameters(p, target, mem, n, flags);
                default -> throw new IllegalArgumentException(group);
            };
            return DomainCalls.check(rc, "set " + group);
        });
        mem.close();
        keep.forEach(Memory::close);
    }

    /** The scheduler parameters through the binding (get/set_scheduler_parameters without flags). */
    public List<TuningParam> schedulerParameters(String uuid) throws VirtException {
        return calls.on(uuid, dom -> {
            List<TuningParam> out = new ArrayList<>();
            for (SchedParameter sp : dom.getSchedulerParameters()) {
                out.add(new TuningParam(sp.field, sp.getTypeAsString(), sp.getValueAsString()));
            }
            return out;
        });
    }

    public List<VcpuPin> vcpus(String uuid) throws VirtException {
        return calls.on(uuid, dom -> {
            VcpuInfo[] infos = dom.getVcpusInfo();
            int[] maps = dom.getVcpusCpuMaps();
            int hostCpus = calls.binding().nodeInfo().cpus;
            int maplen = (hostCpus + 7) / 8;
            List<VcpuPin> out = new ArrayList<>();
            for (int i = 0; i < infos.length; i++) {
                byte[] map = new byte[maplen];
                for (int b = 0; b < maplen; b++) {
                    map[b] = (byte) maps[i * maplen + b];
                }
                out.add(new VcpuPin(infos[i].number, String.valueOf(infos[i].state).toLowerCase().replace("vir_vcpu_", ""),
                    infos[i].cpuTime, infos[i].cpu, cpuList(map, hostCpus)));
            }
            return out;
        });
    }

    /** Pins a vCPU (live) to the host CPUs in {@code cpus} ("0", "0-1", "0,1"). */
    public void pinVcpu(String uuid, int vcpu, String cpus) throws VirtException {
        calls.on(uuid, dom -> {
            int hostCpus = calls.binding().nodeInfo().cpus;
            byte[] map = cpuMap(cpus, hostCpus);
            int[] ints = new int[map.length];
            for (int i = 0; i < map.length; i++) {
                ints[i] = map[i] & 0xff;
            }
            dom.pinVcpu(vcpu, ints);
            return null;
        });
    }

    public String emulatorPin(String uuid) throws VirtException {
        return calls.on(uuid, dom -> {
            int hostCpus = calls.binding().nodeInfo().cpus;
            byte[] map = new byte[(hostCpus + 7) / 8];
            DomainCalls.check(NativeVirt.LIB.virDomainGetEmulatorPinInfo(BindingPointers.of(dom), map, map.length, 0),
                "virDomainGetEmulatorPinInfo");
            return cpuList(map, hostCpus);
        });
    }

    public void pinEmulator(String uuid, String cpus, Affect affect) throws VirtException {
        calls.on(uuid, dom -> {
            byte[] map = cpuMap(cpus, calls.binding().nodeInfo().cpus);
            return DomainCalls.check(NativeVirt.LIB.virDomainPinEmulator(BindingPointers.of(dom), map, map.length, affect.bit()),
                "virDomainPinEmulator");
        });
    }

    /** virDomainGetCPUStats: the total first (cpu -1), then one row per host CPU. */
    public List<CpuUsageRow> cpuStats(String uuid) throws VirtException {
        return calls.on(uuid, dom -> {
            List<CpuUsageRow> rows = new ArrayList<>();
            TypedParameter[] total = dom.getCPUStats(TOTAL, ONE_CPU);
            rows.add(row(TOTAL, total));
            int hostCpus = calls.binding().nodeInfo().cpus;
            for (int c = 0; c < hostCpus; c++) {
                rows.add(row(c, dom.getCPUStats(c, ONE_CPU)));
            }
            return rows;
        });
    }

    private static CpuUsageRow row(int cpu, TypedParameter[] params) {
        long time = 0;
        long user = 0;
        long sys = 0;
        long vcpu = 0;
        for (TypedParameter t : params) {
            long v = parseLong(t.getValueAsString());
            switch (t.field) {
                case "cpu_time" -> time = v;
                case "user_time" -> user = v;
                case "system_time" -> sys = v;
                case "vcpu_time" -> vcpu = v;
                default -> { }
            }
        }
        return new CpuUsageRow(cpu, time, user, sys, vcpu);
    }

    private static long parseLong(String s) {
        try {
            return Long.parseUnsignedLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String cpuList(byte[] map, int cpus) {
        StringBuilder s = new StringBuilder();
        int i = 0;
        while (i < cpus) {
            if ((map[i / 8] & (1 << (i % 8))) != 0) {
                int j = i;
                while (j + 1 < cpus && (map[(j + 1) / 8] & (1 << ((j + 1) % 8))) != 0) {
                    j++;
                }
                if (!s.isEmpty()) {
                    s.append(',');
                }
                s.append(i == j ? Integer.toString(i) : i + "-" + j);
                i = j + 1;
            } else {
                i++;
            }
        }
        return s.toString();
    }

    static byte[] cpuMap(String list, int cpus) throws VirtException {
        byte[] map = new byte[(cpus + 7) / 8];
        try {
            for (String part : list.split(",")) {
                String[] range = part.strip().split("-");
                int from = Integer.parseInt(range[0].strip());
                int to = range.length > 1 ? Integer.parseInt(range[1].strip()) : from;
                for (int c = from; c <= to; c++) {
                    if (c < 0 || c >= cpus) {
                        throw new VirtException(-1, "INVALID_ARG", "VIREO", "host CPU " + c + " does not exist (the host has " + cpus + ")", null);
                    }
                    map[c / 8] |= (byte) (1 << (c % 8));
                }
            }
        } catch (NumberFormatException e) {
            throw new VirtException(-1, "INVALID_ARG", "VIREO", "\"" + list + "\" is not a CPU list such as 0-1 or 0,2", e);
        }
        return map;
    }
}
