package org.vireo.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.vireo.libvirt.VirtException;
import org.vireo.model.JobStats;

/**
 * The job registry's own rules with plain Java work standing in for a libvirt call (the
 * libvirt side is proven in MigrationLabTest and JobsLabTest against real guests).
 */
class JobsTest {
    /** Work that blocks until aborted, like virDomainSaveFlags until virDomainAbortJob. */
    private static final class Blocking implements JobControl {
        final CountDownLatch aborted = new CountDownLatch(1);
        final AtomicInteger refusals;
        final AtomicInteger polls = new AtomicInteger();

        Blocking(int refuseFirstAborts) {
            refusals = new AtomicInteger(refuseFirstAborts);
        }

        @Override
        public JobStats poll() {
            polls.incrementAndGet();
            return new JobStats(2, Map.of("time_elapsed", 10L, "data_total", 100L, "data_remaining", 40L, "data_processed", 60L));
        }

        @Override
        public void abort() throws VirtException {
            if (refusals.getAndDecrement() > 0) {
                throw new VirtException(55, "OPERATION_INVALID", "QEMU", "no job is active on the domain", null);
            }
            aborted.countDown();
        }

        void work() throws VirtException {
            try {
                if (!aborted.await(20, TimeUnit.SECONDS)) {
                    throw new AssertionError("never aborted");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new VirtException(55, "OPERATION_ABORTED", "QEMU", "operation aborted: job 'save' canceled by client", null);
        }
    }

    @Test
    void aJobReportsFiguresWhileRunningAndEndsCancelledWhenAborted() throws Exception {
        Jobs jobs = new Jobs();
        List<JobState> seen = new CopyOnWriteArrayList<>();
        jobs.addListener(j -> seen.add(j.state()));
        Blocking control = new Blocking(0);
        Job job = jobs.start(JobKind.SAVE, "Save x", "test:///default", "u", "x", control, control::work);
        long end = System.nanoTime() + 10_000_000_000L;
        while (job.stats().dataTotal() < 0 && System.nanoTime() < end) {
            Thread.onSpinWait();
        }
        assertEquals(0.6, job.stats().fraction(), 1e-9);
        assertEquals(1, jobs.running().size());
        jobs.cancel(job);
        assertThrows(java.util.concurrent.CancellationException.class, () -> job.done().get(10, TimeUnit.SECONDS));
        assertEquals(JobState.CANCELLED, job.state());
        assertTrue(seen.contains(JobState.CANCELLING) && seen.getLast() == JobState.CANCELLED, seen.toString());
        assertTrue(jobs.running().isEmpty());
        assertTrue(job.cancelMillis() >= 0);
    }

    @Test
    void aCancelLibvirtRefusesAtFirstIsRetriedOnTheNextPoll() throws Exception {
        Jobs jobs = new Jobs();
        Blocking control = new Blocking(2);
        Job job = jobs.start(JobKind.MIGRATION, "Migrate x", "test:///default", "u", "x", control, control::work);
        jobs.cancel(job);
        assertThrows(java.util.concurrent.CancellationException.class, () -> job.done().get(10, TimeUnit.SECONDS));
        assertEquals(JobState.CANCELLED, job.state());
        assertTrue(control.refusals.get() < 0, "abort tried again after the refusals");
    }

    @Test
    void aFailureKeepsLibvirtsMessageAndAFinishedJobCanBeDismissed() throws Exception {
        Jobs jobs = new Jobs();
        Job job = jobs.start(JobKind.MIGRATION, "Migrate x", "test:///default", "u", "x", JobControl.NONE, () -> {
            throw new VirtException(9, "OPERATION_FAILED", "DOMAIN", "domain 'x' already exists with uuid u", null);
        });
        assertThrows(ExecutionException.class, () -> job.done().get(10, TimeUnit.SECONDS));
        assertEquals(JobState.FAILED, job.state());
        assertEquals("domain 'x' already exists with uuid u", job.error());
        assertEquals(List.of(job), jobs.all());
        jobs.dismiss(job);
        assertTrue(jobs.all().isEmpty());
    }

    @Test
    void aJobLibvirtCannotStopIsNotCancellable() throws Exception {
        Jobs jobs = new Jobs();
        CountDownLatch release = new CountDownLatch(1);
        Job job = jobs.start(JobKind.RESTORE, "Restore", "test:///default", "", "", JobControl.NONE, () -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(!job.cancellable());
        jobs.cancel(job);
        assertEquals(JobState.RUNNING, job.state());
        release.countDown();
        job.done().get(10, TimeUnit.SECONDS);
        assertEquals(JobState.SUCCEEDED, job.state());
    }
}
