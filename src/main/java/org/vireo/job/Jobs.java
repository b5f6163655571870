package org.vireo.job;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vireo.libvirt.VirtException;
import org.vireo.model.JobStats;

/**
 * Every long job of every host. Each job's blocking call runs on a thread of its own; a
 * shared scheduler polls each running job's figures every {@link #POLL_MS} ms; a cancel runs
 * on its own thread at once, so it never waits behind a poll or the host's worker. Listeners
 * hear of every change, from any of these threads.
 */
public final class Jobs {
    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);
    /** virt-manager polls job info every 0.5 s as well. */
    public static final long POLL_MS = 500;

    private final AtomicLong ids = new AtomicLong();
    private final List<Job> jobs = new CopyOnWriteArrayList<>();
    private final List<Consumer<Job>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService runners = Executors.newCachedThreadPool(daemon("job"));
    private final ExecutorService cancels = Executors.newCachedThreadPool(daemon("job cancel"));
    private final ScheduledExecutorService pollers = Executors.newScheduledThreadPool(2, daemon("job progress"));

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + " " + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Told of every new job and every change of a job's state or figures (any thread). */
    public void addListener(Consumer<Job> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<Job> listener) {
        listeners.remove(listener);
    }

    /** Starts {@code work} as a job and returns it at once. */
    public Job start(JobKind kind, String title, String hostUri, String domainUuid, String domainName,
                     JobControl control, JobWork work) {
        return start(kind, title, hostUri, domainUuid, domainName, control, null, work);
    }

    /** As {@link #start(JobKind, String, String, String, String, JobControl, JobWork)}, with kind-specific controls. */
    public Job start(JobKind kind, String title, String hostUri, String domainUuid, String domainName,
                     JobControl control, Object extra, JobWork work) {
        Job job = new Job(ids.incrementAndGet(), kind, title, hostUri, domainUuid, domainName, control, extra);
        jobs.add(job);
        LOG.info("{} started on {}", job.title(), hostUri);
        changed(job);
        ScheduledFuture<?> poll = pollers.scheduleWithFixedDelay(() -> poll(job), POLL_MS / 2, POLL_MS, TimeUnit.MILLISECONDS);
        runners.execute(() -> {
            Thread.currentThread().setName("job " + job.id() + " " + kind.label());
            JobState end;
            String message = null;
            Throwable cause = null;
            try {
                work.run();
                end = JobState.SUCCEEDED;
                if (job.cancelRequested()) {
                    job.note("It finished before the cancel reached libvirt.");
                }
            } catch (VirtException | RuntimeException e) {
                cause = e;
                message = e.getMessage();
                end = job.cancelRequested() ? JobState.CANCELLED : JobState.FAILED;
            }
            poll.cancel(false);
            try {
                finalFigures(job);
            } finally {
                finishAndTell(job, end, message, cause, hostUri);
            }
        });
        return job;
    }

    private void finishAndTell(Job job, JobState end, String message, Throwable cause, String hostUri) {
        job.finish(end, message, cause);
        if (end == JobState.FAILED) {
            LOG.warn("{} failed on {}: {}", job.title(), hostUri, message);
        } else {
            LOG.info("{} on {}: {} after {} ms", job.title(), hostUri, end, job.elapsedMillis());
        }
        changed(job);
        job.complete();
    }

    /** Asks libvirt to abort the job now; the job shows "cancelling" until its call returns. */
    public void cancel(Job job) {
        if (!job.control().cancellable() || !job.requestCancel()) {
            return;
        }
        LOG.info("cancel of {} asked", job.title());
        changed(job);
        cancels.execute(() -> abort(job));
    }

    private void abort(Job job) {
        try {
            job.control().abort();
            job.abortTaken();
        } catch (VirtException e) {
            // early in a migration libvirt may have no job to abort yet: the poll retries
            LOG.debug("abort of {} not taken yet: {}", job.title(), e.getMessage());
            job.note("Cancel not taken yet: " + e.getMessage());
        }
    }

    private void poll(Job job) {
        if (job.state().finished()) {
            return;
        }
        try {
            JobStats s = job.control().poll();
            if (s.type() != JobStats.NONE || !s.values().isEmpty()) {
                job.stats(s);
                changed(job);
            }
            if (job.cancelRequested() && !job.isAbortTaken()) {
                abort(job);
            }
        } catch (VirtException | RuntimeException e) {
            LOG.debug("no figures of {}: {}", job.title(), e.getMessage());
        }
    }

    private void finalFigures(Job job) {
        try {
            JobStats s = job.control().completed();
            if (s != null && !s.values().isEmpty()) {
                job.stats(s);
            }
        } catch (VirtException | RuntimeException e) {
            // the binding throws IllegalStateException once the connection is closed (a daemon
            // that died mid-job): the job must still finish, or it shows as running for ever
            LOG.debug("no final figures of {}: {}", job.title(), e.getMessage());
        }
    }

    /** Removes a finished job from the list (the user's "dismiss"). */
    public void dismiss(Job job) {
        if (job.state().finished() && jobs.remove(job)) {
            changed(job);
        }
    }

    public List<Job> all() {
        return List.copyOf(jobs);
    }

    public List<Job> running() {
        List<Job> r = new ArrayList<>();
        for (Job j : jobs) {
            if (!j.state().finished()) {
                r.add(j);
            }
        }
        return r;
    }

    public boolean contains(Job job) {
        return jobs.contains(job);
    }

    private void changed(Job job) {
        for (Consumer<Job> l : listeners) {
            try {
                l.accept(job);
            } catch (RuntimeException e) {
                LOG.error("job listener failed", e);
            }
        }
    }
}
