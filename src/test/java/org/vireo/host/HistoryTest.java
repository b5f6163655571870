package org.vireo.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.vireo.model.HostMetric;
import org.vireo.model.Metric;
import org.vireo.model.TimeSeries;

class HistoryTest {
    @Test
    void keepsTheLastCapacityPointsOldestFirst() {
        History h = new History(3);
        for (int i = 0; i < 5; i++) {
            long t = h.begin(1000L * i);
            h.put("a", t, Metric.CPU, i * 10);
            h.putHost(t, HostMetric.CPU, i);
            h.publish(t);
        }
        TimeSeries s = h.series("a", Metric.CPU);
        assertEquals(3, s.size());
        assertEquals(20f, s.valueAt(0));
        assertEquals(40f, s.valueAt(2));
        assertEquals(2000L, s.timeAt(0));
        assertEquals(4000L, s.timeAt(2));
        assertEquals(4f, h.hostSeries(HostMetric.CPU).last());
    }

    @Test
    void aDomainSeenLaterStartsAtItsFirstTickAndUnreportedMetricsAreEmpty() {
        History h = new History(10);
        h.publish(h.begin(0));
        long t = h.begin(1000);
        h.put("late", t, Metric.CPU, 5);
        h.put("late", t, Metric.DISK_READ, Double.NaN);
        h.publish(t);
        assertEquals(1, h.series("late", Metric.CPU).size());
        assertSame(TimeSeries.EMPTY, h.series("late", Metric.DISK_READ));
        assertSame(TimeSeries.EMPTY, h.series("unknown", Metric.CPU));
    }

    @Test
    void removedDomainsAreForgotten() {
        History h = new History(4);
        long t = h.begin(0);
        h.put("a", t, Metric.CPU, 1);
        h.publish(t);
        h.retain(java.util.Set.of());
        assertSame(TimeSeries.EMPTY, h.series("a", Metric.CPU));
    }
}
