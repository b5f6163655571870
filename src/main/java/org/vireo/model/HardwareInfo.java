package org.vireo.model;

import java.util.List;

/**
 * vCPUs and memory of the live and saved definitions (config values are -1 for a transient
 * domain, live ones -1 for an inactive domain), the devices from the XML and block info per disk.
 */
public record HardwareInfo(int vcpusLive, int vcpusLiveMax, int vcpusConfig, int vcpusConfigMax, int hypervisorMaxVcpus,
                           long memoryLiveKiB, long maxMemoryLiveKiB, long memoryConfigKiB, long maxMemoryConfigKiB,
                           List<DomainDevice> devices, List<BlockDetails> blocks) {
}
