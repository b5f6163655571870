package org.vireo.model;

import java.util.List;
import java.util.Set;

/** What a host offers the create-VM wizard: platforms, pools and their volumes, networks, names taken. */
public record CreateChoices(List<VmPlatform> platforms, List<PoolSummary> pools, List<VolumeSummary> volumes,
                            List<NetworkSource> networks, Set<String> domainNames) {
    public CreateChoices {
        platforms = List.copyOf(platforms);
        pools = List.copyOf(pools);
        volumes = List.copyOf(volumes);
        networks = List.copyOf(networks);
        domainNames = Set.copyOf(domainNames);
    }
}
