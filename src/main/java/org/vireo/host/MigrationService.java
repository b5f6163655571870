package org.vireo.host;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vireo.job.Job;
import org.vireo.job.JobControl;
import org.vireo.job.JobKind;
import org.vireo.job.Jobs;
import org.vireo.libvirt.JobApi;
import org.vireo.libvirt.MigrationApi;
import org.vireo.libvirt.VirtConnection;
import org.vireo.libvirt.VirtException;
import org.vireo.model.JobStats;
import org.vireo.model.MigrationOptions;

/**
 * Migrations as jobs. Managed direct: this process holds both hosts' connections (over SSH
 * too: those carry only control, QEMU streams host to host) and libvirt drives the phases.
 * Peer-to-peer: the source daemon reaches the destination by the URI the user gave.
 */
public final class MigrationService {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationService.class);
    private static final ExecutorService KNOBS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "migration control");
        t.setDaemon(true);
        return t;
    });

    private final Jobs jobs;

    public MigrationService(Jobs jobs) {
        this.jobs = jobs;
    }

    /** Starts migrating {@code uuid} from {@code source} to {@code destination}; returns the job at once. */
    public Job migrate(HostSession source, HostSession destination, String uuid, String name, MigrationOptions options) {
        List<String> refused = options.fieldProblems();
        if (!refused.isEmpty()) {
            // the wizard refuses these as typed; nothing reaches either host
            throw new IllegalArgumentException(String.join(" ", refused));
        }
        VirtConnection src = source.connection();
        VirtConnection dst = destination.connection();
        String to = destination.hostname().isEmpty() ? destination.uri() : destination.hostname();
        String title = (options.offline() ? "Migrate (offline) " : "Migrate ") + name + " to " + to;
        if (src == null || dst == null) {
            throw new IllegalStateException((src == null ? source.uri() : destination.uri()) + " is not connected");
        }
        JobControl onSource = DomainService.controlOf(src, uuid);
        JobControl control = new JobControl() {
            @Override
            public JobStats poll() throws VirtException {
                return onSource.poll();
            }

            @Override
            public void abort() throws VirtException {
                onSource.abort();
            }

            @Override
            public JobStats completed() throws VirtException {
                // the source keeps the figures unless the domain left with it; then the destination has them
                try {
                    return onSource.completed();
                } catch (VirtException e) {
                    return DomainService.controlOf(dst, uuid).completed();
                }
            }
        };
        Controls controls = new Controls(src, uuid, options.postCopy());
        source.jobStarted();
        destination.jobStarted();
        Job job = jobs.start(JobKind.MIGRATION, title, source.uri(), uuid, name, control, controls, () -> {
            LOG.info("migrating {} from {} to {}: flags {} ({})", name, source.uri(), destination.uri(), options.flags(), options.mode());
            new MigrationApi(src).migrate(uuid, dst, options);
        });
        // the lists follow from libvirt's events; one refresh each in case a driver sends none
        job.done().whenComplete((ok, err) -> {
            source.jobEnded();
            destination.jobEnded();
            source.requestRefresh();
            destination.requestRefresh();
        });
        return job;
    }

    /** The knobs of a running migration: libvirt takes them while the job runs, each on its own thread. */
    public static final class Controls {
        private final VirtConnection source;
        private final String uuid;
        private final boolean postCopyAllowed;

        Controls(VirtConnection source, String uuid, boolean postCopyAllowed) {
            this.source = source;
            this.uuid = uuid;
            this.postCopyAllowed = postCopyAllowed;
        }

        public boolean postCopyAllowed() {
            return postCopyAllowed;
        }

        public CompletableFuture<Void> setMaxDowntime(long ms) {
            return run(() -> new JobApi(source).setMaxDowntime(uuid, ms));
        }

        public CompletableFuture<Void> setMaxSpeed(long mibs) {
            return run(() -> new JobApi(source).setMaxSpeed(uuid, mibs));
        }

        public CompletableFuture<Void> startPostCopy() {
            return run(() -> new JobApi(source).startPostCopy(uuid));
        }

        /** The limits in force now: max downtime (ms) and speed (MiB/s). */
        public CompletableFuture<long[]> limits() {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    JobApi api = new JobApi(source);
                    return new long[] {api.maxDowntime(uuid), api.maxSpeed(uuid)};
                } catch (VirtException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, KNOBS);
        }

        private static CompletableFuture<Void> run(Call call) {
            return CompletableFuture.runAsync(() -> {
                try {
                    call.run();
                } catch (VirtException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, KNOBS);
        }

        @FunctionalInterface
        private interface Call {
            void run() throws VirtException;
        }
    }
}
