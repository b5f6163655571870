package org.vireo.model;

import java.util.List;

/**
 * Everything a view needs to show one host, taken at one moment. Immutable: a host
 * session publishes a new one per refresh and the views swap it in whole.
 *
 * @param error          libvirt's reason when disconnected, empty otherwise
 * @param nextTryAtMillis when a disconnected host is tried again (epoch ms), 0 when it is not
 */
public record HostSnapshot(String uri, String hostname, ConnectionState state, String error,
                           List<DomainSummary> domains, HostFigures figures, long takenAtNanos, long nextTryAtMillis) {

    public HostSnapshot {
        domains = List.copyOf(domains);
    }

    public static HostSnapshot connecting(String uri) {
        return new HostSnapshot(uri, "", ConnectionState.CONNECTING, "", List.of(), HostFigures.UNKNOWN, System.nanoTime(), 0);
    }

    public static HostSnapshot disconnected(String uri, String error) {
        return retrying(uri, error, 0);
    }

    /** Disconnected, with the next automatic try at {@code nextTryAtMillis} (epoch ms; 0 = none). */
    public static HostSnapshot retrying(String uri, String error, long nextTryAtMillis) {
        return new HostSnapshot(uri, "", ConnectionState.DISCONNECTED, error, List.of(), HostFigures.UNKNOWN, System.nanoTime(), nextTryAtMillis);
    }
}
