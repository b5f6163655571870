package org.vireo.job;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.vireo.model.JobStats;

/**
 * Progress and cancel of a byte transfer that Vireo drives itself (a volume upload or download
 * over a libvirt stream): the transfer reports bytes done, a poll turns them into the figures
 * the Jobs panel shows for libvirt's own jobs (data total/processed/remaining, rate, time
 * left), and a cancel raises a flag the transfer checks between chunks.
 */
public final class TransferControl implements JobControl {
    private volatile long total;
    private final AtomicLong done = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private volatile boolean cancelled;

    public TransferControl(long totalBytes) {
        this.total = totalBytes;
    }

    /** The transfer's size, once known (a file's size is read on the job's thread, not the caller's). */
    public void total(long bytes) {
        total = bytes;
    }

    /** Bytes moved so far (any thread). */
    public void progress(long bytes) {
        done.set(bytes);
    }

    public boolean cancelled() {
        return cancelled;
    }

    public long done() {
        return done.get();
    }

    @Override
    public JobStats poll() {
        long d = done.get();
        long elapsed = Math.max(1, (System.nanoTime() - startNanos) / 1_000_000);
        long rate = d * 1000 / elapsed;
        Map<String, Object> v = new HashMap<>();
        v.put("time_elapsed", elapsed);
        v.put("data_processed", d);
        if (total > 0) {
            v.put("data_total", total);
            v.put("data_remaining", Math.max(0, total - d));
            if (rate > 0) {
                v.put("time_remaining", Math.max(0, total - d) * 1000 / rate);
            }
        }
        v.put("disk_bps", rate);
        // VIR_DOMAIN_JOB_BOUNDED: a job with a known end
        return new JobStats(1, v);
    }

    @Override
    public JobStats completed() {
        return poll();
    }

    @Override
    public void abort() {
        cancelled = true;
    }
}
