package org.vireo.model;

import java.util.List;

/**
 * Everything a view needs to show one host, taken at one moment. Immutable: a host
 * session publishes a new one per refresh and the views swap it in whole.
 *
 * @param error libvirt's reason when disconnected, empty otherwise
 */
public record HostSnapshot(String uri, String hostname, ConnectionState state, String error,
                           List<DomainSummary> domains, HostFigures figures, long takenAtNanos) {

    public HostSnapshot {
        domains = List.copyOf(domains);
    }

    public static HostSnapshot connecting(String uri) {
        return new HostSnapshot(uri, "", ConnectionState.CONNECTING, "", List.of(), HostFigures.UNKNOWN, System.nanoTime());
    }

    public static HostSnapshot disconnected(String uri, String error) {
        return new HostSnapshot(uri, "", ConnectionState.DISCONNECTED, error, List.of(), HostFigures.UNKNOWN, System.nanoTime());
    }
}
