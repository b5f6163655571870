package org.vireo.model;

/** virDomainGetCPUStats of one host CPU (or the total when {@code cpu} is -1): CPU time in ns. */
public record CpuUsageRow(int cpu, long cpuTimeNs, long userTimeNs, long systemTimeNs, long vcpuTimeNs) {
}
