package org.vireo.model;

/**
 * What the host list knows of one domain after a refresh.
 *
 * @param id         libvirt's id while running, -1 otherwise
 * @param cpuPercent share of the domain's vCPUs busy since the previous refresh, NaN when not known yet
 */
public record DomainSummary(String uuid, String name, int id, DomainStatus status, int vcpus,
                            long memoryKiB, long maxMemoryKiB, long cpuTimeNs, double cpuPercent) {

    public DomainState state() {
        return status.state();
    }
}
