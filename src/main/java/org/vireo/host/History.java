package org.vireo.host;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.vireo.model.HostMetric;
import org.vireo.model.Metric;
import org.vireo.model.TimeSeries;

/**
 * A host's recent figures: one tick clock (the times of its refreshes) and, per domain and
 * for the host, one ring per metric. Rings of a metric a domain never reported (a driver
 * without disk figures) are not allocated. Written only by the host's worker.
 */
final class History {
    private final int capacity;
    private final long[] times;
    private volatile long tick = -1;
    private final Map<String, DomainSeries> domains = new ConcurrentHashMap<>();
    private final Map<HostMetric, SeriesRing> host = new EnumMap<>(HostMetric.class);
    private boolean added;

    History(int capacity) {
        this.capacity = Math.max(2, capacity);
        this.times = new long[this.capacity];
        for (HostMetric m : HostMetric.values()) {
            host.put(m, new SeriesRing(this.capacity));
        }
    }

    /** Starts a new tick at {@code epochMillis}; the values put until the next begin belong to it. */
    long begin(long epochMillis) {
        long next = tick + 1;
        times[(int) (next % capacity)] = epochMillis;
        return next;
    }

    /** Makes the tick's values visible to readers. */
    void publish(long t) {
        tick = t;
    }

    void put(String uuid, long t, Metric metric, double value) {
        domain(uuid, t).put(t, metric, value);
    }

    /** The series of one domain, to put several metrics with one lookup. */
    DomainSeries domain(String uuid, long t) {
        DomainSeries d = domains.get(uuid);
        if (d == null) {
            d = new DomainSeries(t);
            domains.put(uuid, d);
            added = true;
        }
        return d;
    }

    /**
     * Whether the tick's domains are exactly those kept: none was added during the tick
     * and as many were put as are kept. Then there is nothing to forget.
     */
    boolean unchanged(int domainsThisTick) {
        boolean same = !added && domainsThisTick == domains.size();
        added = false;
        return same;
    }

    void putHost(long t, HostMetric metric, double value) {
        host.get(metric).put(t, (float) value);
    }

    void retain(java.util.Set<String> uuids) {
        domains.keySet().retainAll(uuids);
    }

    TimeSeries series(String uuid, Metric metric) {
        DomainSeries d = domains.get(uuid);
        if (d == null) {
            return TimeSeries.EMPTY;
        }
        SeriesRing ring = d.rings.get(metric.ordinal());
        return ring == null ? TimeSeries.EMPTY : view(ring, d.firstTick);
    }

    TimeSeries hostSeries(HostMetric metric) {
        return view(host.get(metric), 0);
    }

    private TimeSeries view(SeriesRing ring, long firstTick) {
        long last = tick;
        long first = Math.max(firstTick, last - capacity + 1);
        int size = last < first ? 0 : (int) (last - first + 1);
        return new TimeSeries() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public long timeAt(int i) {
                return times[(int) ((first + i) % capacity)];
            }

            @Override
            public float valueAt(int i) {
                return ring.get(first + i);
            }
        };
    }

    final class DomainSeries {
        final long firstTick;
        // written by the worker, read by views; a slot is set once, when its metric first has a value
        final java.util.concurrent.atomic.AtomicReferenceArray<SeriesRing> rings =
            new java.util.concurrent.atomic.AtomicReferenceArray<>(Metric.values().length);

        DomainSeries(long firstTick) {
            this.firstTick = firstTick;
        }

        void put(long t, Metric metric, double value) {
            SeriesRing ring = rings.getPlain(metric.ordinal());
            if (ring == null) {
                if (Double.isNaN(value)) {
                    return;
                }
                ring = new SeriesRing(capacity);
                rings.set(metric.ordinal(), ring);
            }
            ring.put(t, (float) value);
        }
    }
}
