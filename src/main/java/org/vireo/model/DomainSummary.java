package org.vireo.model;

/**
 * What the host list knows of one domain after a refresh.
 *
 * @param id            libvirt's id while running, -1 otherwise
 * @param memoryKiB     the balloon's current size
 * @param memoryUsedKiB memory the guest uses (balloon stats), or its current size when the guest does not say
 */
public record DomainSummary(String uuid, String name, int id, DomainStatus status, int vcpus,
                            long memoryKiB, long maxMemoryKiB, long memoryUsedKiB, long cpuTimeNs, DomainRates rates) {

    public DomainState state() {
        return status.state();
    }

    public double cpuPercent() {
        return rates.cpuPercent();
    }
}
