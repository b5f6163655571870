package org.vireo.host;

import org.vireo.model.StatsSettings;

import java.time.Duration;

/**
 * How a host session polls and watches its link.
 *
 * @param stats            what the periodic refresh polls, how often, how much history it keeps
 * @param keepAliveSeconds libvirt keepalive ping period; the link is declared dead after
 *                         {@code keepAliveCount} unanswered pings
 * @param maxBackoff       longest wait between two reconnect attempts
 * @param connectTimeout   how long a connect may take before the host is shown as not answering
 *                         (libvirt's own open has no limit: a host that accepts TCP and stays silent
 *                         would keep it waiting for ever)
 */
public record HostOptions(StatsSettings stats, int keepAliveSeconds, int keepAliveCount, Duration maxBackoff, Duration connectTimeout) {

    public static HostOptions defaults() {
        return new HostOptions(StatsSettings.defaults(), 3, 3, Duration.ofSeconds(8), Duration.ofSeconds(10));
    }

    public HostOptions withConnectTimeout(Duration timeout) {
        return new HostOptions(stats, keepAliveSeconds, keepAliveCount, maxBackoff, timeout);
    }

    public HostOptions withMaxBackoff(Duration cap) {
        return new HostOptions(stats, keepAliveSeconds, keepAliveCount, cap, connectTimeout);
    }

    public Duration pollInterval() {
        return stats.interval();
    }

    public HostOptions withPollInterval(Duration interval) {
        return withStats(new StatsSettings(interval, stats.historyKept(), stats.groups()));
    }

    public HostOptions withStats(StatsSettings settings) {
        return new HostOptions(settings, keepAliveSeconds, keepAliveCount, maxBackoff, connectTimeout);
    }
}
