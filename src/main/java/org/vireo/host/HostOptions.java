package org.vireo.host;

import java.time.Duration;

/**
 * How a host session polls and watches its link.
 *
 * @param pollInterval     period of the bulk stats refresh (events update state in between)
 * @param keepAliveSeconds libvirt keepalive ping period; the link is declared dead after
 *                         {@code keepAliveCount} unanswered pings
 * @param maxBackoff       longest wait between two reconnect attempts
 */
public record HostOptions(Duration pollInterval, int keepAliveSeconds, int keepAliveCount, Duration maxBackoff) {

    public static HostOptions defaults() {
        return new HostOptions(Duration.ofSeconds(1), 3, 3, Duration.ofSeconds(8));
    }

    public HostOptions withPollInterval(Duration interval) {
        return new HostOptions(interval, keepAliveSeconds, keepAliveCount, maxBackoff);
    }
}
