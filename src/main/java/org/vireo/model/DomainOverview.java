package org.vireo.model;

import java.util.List;

/**
 * What the Overview page shows of one domain, read in one visit to the host. Where the
 * hypervisor or guest cannot tell (no guest agent for the hostname ...), the field holds
 * libvirt's reason instead of a value and {@code hostnameKnown} / ... say so.
 */
public record DomainOverview(String uuid, String name, int id, String osType, String hostname, boolean hostnameKnown,
                             DomainStatus status, Fact<String> info, boolean persistent, Fact<Boolean> updated, boolean autostart,
                             Fact<String> title, Fact<String> description, Fact<List<String>> securityLabels,
                             Fact<String> controlState, Fact<List<String>> diskErrors, boolean managedSaveImage,
                             Fact<Integer> snapshotCount, String currentSnapshot) {
}
