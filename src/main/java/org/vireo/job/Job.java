package org.vireo.job;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.vireo.model.JobStats;

/**
 * One long operation: a migration, a save, a dump. Its blocking call runs on the job's own
 * thread, off the host's worker, so the host keeps ticking and other actions pass; its
 * figures are polled about twice a second; a cancel reaches libvirt at once. Fields are
 * written by the job's threads and read from anywhere.
 */
public final class Job {
    private final long id;
    private final JobKind kind;
    private final String title;
    private final String hostUri;
    private final String domainUuid;
    private final String domainName;
    private final JobControl control;
    private final Instant started = Instant.now();
    private final long startNanos = System.nanoTime();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Object extra;

    private volatile JobState state = JobState.RUNNING;
    private volatile JobStats stats = JobStats.EMPTY;
    private volatile String error = "";
    private volatile String note = "";
    private volatile long endNanos;
    private volatile long cancelNanos;
    private volatile boolean cancelRequested;
    private volatile boolean abortTaken;

    Job(long id, JobKind kind, String title, String hostUri, String domainUuid, String domainName, JobControl control, Object extra) {
        this.id = id;
        this.kind = kind;
        this.title = title;
        this.hostUri = hostUri;
        this.domainUuid = domainUuid;
        this.domainName = domainName;
        this.control = control;
        this.extra = extra;
    }

    public long id() {
        return id;
    }

    public JobKind kind() {
        return kind;
    }

    /** In words: "Migrate web1 to hostB". */
    public String title() {
        return title;
    }

    public String hostUri() {
        return hostUri;
    }

    public String domainUuid() {
        return domainUuid;
    }

    public String domainName() {
        return domainName;
    }

    public JobState state() {
        return state;
    }

    public JobStats stats() {
        return stats;
    }

    /** libvirt's message when the job failed. */
    public String error() {
        return error;
    }

    /** A remark that is no error (a cancel that came too late, a figure libvirt would not give). */
    public String note() {
        return note;
    }

    public Instant started() {
        return started;
    }

    /** Wall time so far, or in all once finished. */
    public long elapsedMillis() {
        long end = endNanos == 0 ? System.nanoTime() : endNanos;
        return (end - startNanos) / 1_000_000;
    }

    /** From the cancel request to the job's end (ms), or -1. */
    public long cancelMillis() {
        return cancelNanos == 0 || endNanos == 0 ? -1 : (endNanos - cancelNanos) / 1_000_000;
    }

    public boolean cancellable() {
        return control.cancellable() && !state.finished();
    }

    public boolean cancelRequested() {
        return cancelRequested;
    }

    /** Completes when the job ends, whatever the outcome; fails with libvirt's error when it failed. */
    public CompletableFuture<Void> done() {
        return done;
    }

    /** Kind-specific controls (a migration's), or null. */
    public Object extra() {
        return extra;
    }

    JobControl control() {
        return control;
    }

    void abortTaken() {
        abortTaken = true;
        note = "";
    }

    boolean isAbortTaken() {
        return abortTaken;
    }

    void stats(JobStats s) {
        stats = s;
    }

    void note(String text) {
        note = text;
    }

    boolean requestCancel() {
        if (state != JobState.RUNNING) {
            return false;
        }
        cancelRequested = true;
        cancelNanos = System.nanoTime();
        state = JobState.CANCELLING;
        return true;
    }

    void finish(JobState end, String message, Throwable cause) {
        endNanos = System.nanoTime();
        error = message == null ? "" : message;
        state = end;
        failure = cause;
    }

    private volatile Throwable failure;

    /** Completes {@link #done()}; after the listeners heard of the end, so they never lag behind it. */
    void complete() {
        JobState end = state;
        Throwable cause = failure;
        if (end == JobState.FAILED) {
            done.completeExceptionally(cause);
        } else if (end == JobState.CANCELLED) {
            done.completeExceptionally(new java.util.concurrent.CancellationException(title + ": cancelled"));
        } else {
            done.complete(null);
        }
    }

    @Override
    public String toString() {
        return "job " + id + " " + title + " (" + state + ")";
    }
}
