package org.vireo.host;

import java.time.Duration;

/** Reconnect delays: 1 s, 2 s, 4 s ... up to a cap; reset after a success. */
final class Backoff {
    private final Duration cap;
    private Duration next = Duration.ofSeconds(1);

    Backoff(Duration cap) {
        this.cap = cap;
    }

    Duration next() {
        Duration current = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(cap) > 0 ? cap : doubled;
        return current.compareTo(cap) > 0 ? cap : current;
    }

    void reset() {
        next = Duration.ofSeconds(1);
    }
}
