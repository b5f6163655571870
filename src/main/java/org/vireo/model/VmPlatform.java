package org.vireo.model;

import java.util.List;

/**
 * What a host can run, from its capabilities and domain capabilities: per architecture the
 * machine types, the domain type (kvm where the host accelerates it, else qemu), whether UEFI
 * firmware is installed, and the CPU modes it supports.
 */
public record VmPlatform(String arch, String domainType, List<String> machines, String defaultMachine,
                         boolean uefi, List<String> cpuModes) {
    public VmPlatform {
        machines = List.copyOf(machines);
        cpuModes = List.copyOf(cpuModes);
    }

    /** virt-install's choice: host-passthrough on KVM, maximum on TCG, else libvirt's default. */
    public String preferredCpuMode() {
        if ("kvm".equals(domainType) && cpuModes.contains("host-passthrough")) {
            return "host-passthrough";
        }
        if (cpuModes.contains("maximum")) {
            return "maximum";
        }
        return cpuModes.contains("host-model") ? "host-model" : "";
    }

    /** q35 where the architecture has it (x86), else the host's default machine. */
    public String preferredMachine() {
        return machines.contains("q35") ? "q35" : defaultMachine;
    }
}
