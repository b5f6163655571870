package org.vireo.model;

import java.util.Map;

/**
 * One reading of virDomainGetJobStats: the job type and its typed parameters by name
 * (time_elapsed, data_remaining, memory_dirty_rate ...). Figures libvirt did not report read
 * as -1: early in a migration only the elapsed time is known.
 */
public record JobStats(int type, Map<String, Object> values) {
    /** VIR_DOMAIN_JOB_NONE, BOUNDED, UNBOUNDED, COMPLETED, FAILED, CANCELLED. */
    public static final int NONE = 0;
    public static final int COMPLETED = 3;
    public static final int FAILED = 4;
    public static final int CANCELLED = 5;

    public static final JobStats EMPTY = new JobStats(NONE, Map.of());

    public JobStats {
        values = Map.copyOf(values);
    }

    public long num(String key) {
        return values.get(key) instanceof Number n ? n.longValue() : -1;
    }

    public String text(String key) {
        Object v = values.get(key);
        return v == null ? "" : v.toString();
    }

    public long elapsedMs() {
        return num("time_elapsed");
    }

    public long remainingMs() {
        return num("time_remaining");
    }

    public long dataTotal() {
        return num("data_total");
    }

    public long dataProcessed() {
        return num("data_processed");
    }

    public long dataRemaining() {
        return num("data_remaining");
    }

    public long memoryRemaining() {
        return num("memory_remaining");
    }

    /** Bytes per second of the transfer (memory plus disks where both are reported). */
    public long bytesPerSecond() {
        long mem = num("memory_bps");
        long disk = num("disk_bps");
        if (mem < 0 && disk < 0) {
            return -1;
        }
        return Math.max(0, mem) + Math.max(0, disk);
    }

    /** Guest memory dirtied per second, in bytes (pages/s times the page size). */
    public long dirtyBytesPerSecond() {
        long pages = num("memory_dirty_rate");
        long page = num("memory_page_size");
        return pages < 0 ? -1 : pages * (page > 0 ? page : 4096);
    }

    public long iteration() {
        return num("memory_iteration");
    }

    /** While running: the downtime expected at the switch-over; when done, the real one. */
    public long downtimeMs() {
        return num("downtime");
    }

    /** Fraction done from the data figures, or -1 while libvirt has not said the total yet. */
    public double fraction() {
        long total = dataTotal();
        long done = dataProcessed();
        if (total <= 0 || done < 0) {
            return -1;
        }
        long remaining = dataRemaining();
        // migration resends dirty pages: processed can exceed total; remaining tells the truth
        if (remaining >= 0) {
            return Math.max(0, Math.min(1, 1 - (double) remaining / total));
        }
        return Math.min(1, (double) done / total);
    }

    public String errorMessage() {
        return text("errmsg");
    }
}
