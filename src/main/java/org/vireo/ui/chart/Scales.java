package org.vireo.ui.chart;

import org.vireo.model.Metric;
import org.vireo.model.TimeSeries;

/** Scale arithmetic for charts: nice tops, short durations, nearest points. */
final class Scales {
    private Scales() {
    }

    /** The smallest 1-2-5 step top at or above max (in 1024 steps for bytes); never 0. */
    static double niceMax(double max, Metric.Unit unit) {
        if (unit == Metric.Unit.PERCENT) {
            return max <= 10 ? 10 : max <= 25 ? 25 : max <= 50 ? 50 : 100;
        }
        double floor = switch (unit) {
            case KIB -> 1024;
            case BYTES_PER_SECOND -> 1024;
            default -> 1;
        };
        double m = Math.max(max, floor);
        boolean binary = unit == Metric.Unit.KIB || unit == Metric.Unit.BYTES_PER_SECOND;
        double base = binary ? Math.pow(1024, Math.floor(Math.log(m) / Math.log(1024))) : 1;
        double scaled = m / base;
        double pow = Math.pow(10, Math.floor(Math.log10(scaled)));
        for (double f : new double[] {1, 2, 4, 5, 8, 10}) {
            if (f * pow >= scaled) {
                return f * pow * base;
            }
        }
        return 10 * pow * base;
    }

    static String duration(long millis) {
        long s = Math.round(millis / 1000.0);
        if (s < 60) {
            return s + " s";
        }
        long m = s / 60;
        long rest = s % 60;
        return rest == 0 ? m + " min" : m + " min " + rest + " s";
    }

    /** Index of the point closest in time to t; -1 when empty. */
    static int nearest(TimeSeries s, long t) {
        int lo = 0;
        int hi = s.size() - 1;
        if (hi < 0) {
            return -1;
        }
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (s.timeAt(mid) < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo > 0 && Math.abs(s.timeAt(lo - 1) - t) < Math.abs(s.timeAt(lo) - t)) {
            return lo - 1;
        }
        return lo;
    }
}
