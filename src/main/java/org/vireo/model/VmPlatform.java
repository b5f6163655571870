package org.vireo.model;

import java.util.List;

/**
 * What a host can run, from its capabilities and domain capabilities: per architecture the
 * machine types, the domain types (kvm first where the host offers it, and qemu), whether UEFI
 * firmware is installed, and the CPU modes it supports.
 */
public record VmPlatform(String arch, List<String> domainTypes, List<String> machines, String defaultMachine,
                         boolean uefi, List<String> cpuModes) {
    public VmPlatform {
        domainTypes = List.copyOf(domainTypes);
        machines = List.copyOf(machines);
        cpuModes = List.copyOf(cpuModes);
    }

    /** kvm where the host offers it, else qemu (TCG). */
    public String domainType() {
        return domainTypes.isEmpty() ? "qemu" : domainTypes.getFirst();
    }

    /** virt-install's choice: host-passthrough on KVM, maximum on TCG (QEMU's domain capabilities), else none. */
    public String preferredCpuMode(String type) {
        if ("kvm".equals(type)) {
            return "host-passthrough";
        }
        return cpuModes.contains("maximum") ? "maximum" : "";
    }

    /** q35 where the architecture has it (x86), else the host's default machine. */
    public String preferredMachine() {
        return machines.contains("q35") ? "q35" : defaultMachine;
    }
}
