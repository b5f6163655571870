package org.vireo.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.vireo.job.Job;
import org.vireo.job.JobControl;
import org.vireo.job.JobKind;
import org.vireo.job.Jobs;
import org.vireo.libvirt.DomainApi;
import org.vireo.libvirt.JobApi;
import org.vireo.libvirt.VirtException;
import org.vireo.model.JobStats;
import org.vireo.libvirt.VirtConnection;
import org.vireo.model.BlockJob;
import org.vireo.model.CpuUsageRow;
import org.vireo.model.DomainFlags;
import org.vireo.model.DomainFlags.Affect;
import org.vireo.model.DomainOverview;
import org.vireo.model.HardwareInfo;
import org.vireo.model.SnapshotInfo;
import org.vireo.model.TuningGroup;
import org.vireo.model.TuningParam;
import org.vireo.model.VcpuPin;

/**
 * The domain pages' calls for one host: each runs {@link DomainApi} on the host's worker and
 * completes with the value or libvirt's error; a call that changes a domain refreshes the
 * host's list afterwards, so the tree and the table follow at once.
 */
public final class DomainService {
    private final HostSession session;
    private final Jobs jobs;
    /** Told the UUID of a domain whose title, description or tags Vireo changed (any thread). */
    private volatile java.util.function.Consumer<String> labelsChanged = uuid -> { };

    public DomainService(HostSession session, Jobs jobs) {
        this.session = session;
        this.jobs = jobs;
    }

    /**
     * Runs a long call (save, dump, snapshot with memory ...) as a job on its own thread with
     * the host's connection: the host's ticks and other actions go on meanwhile, the Jobs
     * panel shows its figures, and a cancel aborts it in libvirt at once.
     */
    private CompletableFuture<Void> job(JobKind kind, String what, String uuid, JobCall call) {
        VirtConnection c = session.connection();
        if (c == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("Not connected to " + session.uri()));
        }
        String name = uuid == null ? "" : nameOf(uuid);
        JobControl control = uuid == null ? JobControl.NONE : controlOf(c, uuid);
        session.jobStarted();
        Job job = jobs.start(kind, what, session.uri(), uuid == null ? "" : uuid, name, control, () -> call.run(c));
        return job.done().whenComplete((ok, err) -> {
            session.jobEnded();
            session.requestRefresh();
        });
    }

    /** Figures and abort of the job running on {@code uuid}, through {@code c}. */
    public static JobControl controlOf(VirtConnection c, String uuid) {
        return new JobControl() {
            @Override
            public JobStats poll() throws VirtException {
                return new JobApi(c).stats(uuid, false);
            }

            @Override
            public void abort() throws VirtException {
                new JobApi(c).abort(uuid);
            }

            @Override
            public JobStats completed() throws VirtException {
                return new JobApi(c).stats(uuid, true);
            }
        };
    }

    @FunctionalInterface
    private interface JobCall {
        void run(VirtConnection c) throws VirtException;
    }

    /** The jobs of every host (the Jobs panel's source). */
    public Jobs jobs() {
        return jobs;
    }

    public String uri() {
        return session.uri();
    }

    private String nameOf(String uuid) {
        return session.current().domains().stream().filter(d -> d.uuid().equals(uuid))
            .map(org.vireo.model.DomainSummary::name).findFirst().orElse(uuid);
    }

    private static DomainApi api(VirtConnection c) {
        return new DomainApi(c);
    }

    public CompletableFuture<DomainOverview> overview(String uuid) {
        return session.<DomainOverview>submit(c -> api(c).overview(uuid));
    }

    /** Who re-reads a domain's labels after Vireo changed them (the host's view model). */
    public void setOnLabelsChanged(java.util.function.Consumer<String> listener) {
        this.labelsChanged = listener;
    }

    /** Title, description and tags of these domains, read on the host's worker (not per tick: when domains appear, after edits). */
    public CompletableFuture<List<org.vireo.model.DomainLabels>> labels(java.util.Collection<String> uuids) {
        List<String> copy = List.copyOf(uuids);
        return session.<List<org.vireo.model.DomainLabels>>submit(c -> api(c).labels(copy));
    }

    /** Replaces a domain's Vireo tags (persistent, and live while it runs). */
    public CompletableFuture<Void> setTags(String uuid, List<String> tags) {
        List<String> copy = List.copyOf(tags);
        return session.<Void>submit(c -> {
            api(c).setTags(uuid, copy);
            return null;
        }).whenComplete((ok, err) -> labelsChanged.accept(uuid));
    }

    public CompletableFuture<Void> setAutostart(String uuid, boolean on) {
        return session.<Void>submit(c -> {
            api(c).setAutostart(uuid, on);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<Void> setMetadata(String uuid, String which, String text, Affect affect) {
        return session.<Void>submit(c -> {
            api(c).setMetadata(uuid, which, text, affect);
            return null;
        }).whenComplete((ok, err) -> {
            session.requestRefresh();
            labelsChanged.accept(uuid);
        });
    }

    public CompletableFuture<String> customMetadata(String uuid, String namespaceUri) {
        return session.<String>submit(c -> api(c).customMetadata(uuid, namespaceUri));
    }

    public CompletableFuture<Void> setCustomMetadata(String uuid, String xml, String key, String namespaceUri, Affect affect) {
        return session.<Void>submit(c -> {
            api(c).setCustomMetadata(uuid, xml, key, namespaceUri, affect);
            return null;
        }).whenComplete((ok, err) -> {
            session.requestRefresh();
            labelsChanged.accept(uuid);
        });
    }

    public CompletableFuture<Void> removeManagedSave(String uuid) {
        return session.<Void>submit(c -> {
            api(c).removeManagedSave(uuid);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<HardwareInfo> hardware(String uuid) {
        return session.<HardwareInfo>submit(c -> api(c).hardware(uuid));
    }

    public CompletableFuture<Void> setVcpus(String uuid, int count, boolean maximum, Affect affect) {
        return session.<Void>submit(c -> {
            api(c).setVcpus(uuid, count, maximum, affect);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<Void> setMemory(String uuid, long kib, boolean maximum, Affect affect) {
        return session.<Void>submit(c -> {
            api(c).setMemory(uuid, kib, maximum, affect);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<Void> attachDevice(String uuid, String xml, Affect affect) {
        return session.<Void>submit(c -> {
            api(c).attachDevice(uuid, xml, affect);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<Void> detachDevice(String uuid, String xml, Affect affect) {
        return session.<Void>submit(c -> {
            api(c).detachDevice(uuid, xml, affect);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<Void> updateDevice(String uuid, String xml, Affect affect, boolean force) {
        return session.<Void>submit(c -> {
            api(c).updateDevice(uuid, xml, affect, force);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<Void> blockResize(String uuid, String disk, long bytes) {
        return session.<Void>submit(c -> {
            api(c).blockResize(uuid, disk, bytes);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<String> xml(String uuid, int flags) {
        return session.<String>submit(c -> api(c).xml(uuid, flags));
    }

    public CompletableFuture<Void> define(String xml) {
        return session.<Void>submit(c -> {
            api(c).define(xml);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<Void> start(String uuid, Set<DomainFlags.Start> flags) {
        return session.<Void>submit(c -> {
            api(c).start(uuid, flags);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<Void> shutdown(String uuid, DomainFlags.PowerMode mode) {
        return session.<Void>submit(c -> {
            api(c).shutdown(uuid, mode);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<Void> reboot(String uuid, DomainFlags.PowerMode mode) {
        return session.<Void>submit(c -> {
            api(c).reboot(uuid, mode);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<Void> reset(String uuid) {
        return session.<Void>submit(c -> {
            api(c).reset(uuid);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<Void> destroy(String uuid, boolean graceful) {
        return session.<Void>submit(c -> {
            api(c).destroy(uuid, graceful);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<Void> suspend(String uuid) {
        return session.<Void>submit(c -> {
            api(c).suspend(uuid);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<Void> resume(String uuid) {
        return session.<Void>submit(c -> {
            api(c).resume(uuid);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<Void> pmSuspend(String uuid, int target, long seconds) {
        return session.<Void>submit(c -> {
            api(c).pmSuspend(uuid, target, seconds);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<Void> pmWakeup(String uuid) {
        return session.<Void>submit(c -> {
            api(c).pmWakeup(uuid);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<Void> save(String uuid, String file, Set<DomainFlags.Save> flags) {
        return job(JobKind.SAVE, "Save " + nameOf(uuid) + " to " + file, uuid, c -> api(c).save(uuid, file, flags));
    }

    public CompletableFuture<Void> restore(String file, Set<DomainFlags.Save> flags) {
        return job(JobKind.RESTORE, "Restore from " + file, null, c -> api(c).restore(file, flags));
    }

    public CompletableFuture<Void> managedSave(String uuid, Set<DomainFlags.Save> flags) {
        return job(JobKind.MANAGED_SAVE, "Managed save of " + nameOf(uuid), uuid, c -> api(c).managedSave(uuid, flags));
    }

    public CompletableFuture<Void> coreDump(String uuid, String file, Set<DomainFlags.Dump> flags) {
        return job(JobKind.CORE_DUMP, "Core dump of " + nameOf(uuid) + " to " + file, uuid, c -> api(c).coreDump(uuid, file, flags));
    }

    public CompletableFuture<Void> injectNmi(String uuid) {
        return session.<Void>submit(c -> {
            api(c).injectNmi(uuid);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<Void> sendKey(String uuid, String codeSet, int holdMs, int[] keys) {
        return session.<Void>submit(c -> {
            api(c).sendKey(uuid, codeSet, holdMs, keys);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<Void> undefine(String uuid, Set<DomainFlags.Undefine> flags) {
        return session.<Void>submit(c -> {
            api(c).undefine(uuid, flags);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<Long> screenshotTo(String uuid, Path file) {
        return session.<Long>submit(c -> api(c).screenshotTo(uuid, file));
    }

    public CompletableFuture<List<SnapshotInfo>> snapshots(String uuid) {
        return session.<List<SnapshotInfo>>submit(c -> api(c).snapshots(uuid));
    }

    public CompletableFuture<String> createSnapshot(String uuid, String name, String description, boolean withMemory, boolean diskOnly,
                                 boolean external) {
        if (!withMemory) {
            return session.<String>submit(c -> api(c).createSnapshot(uuid, name, description, false, diskOnly, external))
                .whenComplete((ok, err) -> session.requestRefresh());
        }
        // with memory the guest's RAM is written out: as long as a save, so a job
        java.util.concurrent.atomic.AtomicReference<String> made = new java.util.concurrent.atomic.AtomicReference<>();
        return job(JobKind.SNAPSHOT, "Snapshot " + nameOf(uuid) + " as " + name, uuid,
            c -> made.set(api(c).createSnapshot(uuid, name, description, true, diskOnly, external))).thenApply(v -> made.get());
    }

    public CompletableFuture<Void> revertToSnapshot(String uuid, String name, int flags) {
        return job(JobKind.REVERT, "Revert " + nameOf(uuid) + " to " + name, uuid, c -> api(c).revertToSnapshot(uuid, name, flags));
    }

    public CompletableFuture<Void> deleteSnapshot(String uuid, String name, DomainFlags.SnapshotDelete mode) {
        return session.<Void>submit(c -> {
            api(c).deleteSnapshot(uuid, name, mode);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<String> schedulerType(String uuid) {
        return session.<String>submit(c -> api(c).schedulerType(uuid));
    }

    public CompletableFuture<TuningGroup> tuning(String uuid, String group, String target, Affect affect) {
        return session.<TuningGroup>submit(c -> api(c).tuning(uuid, group, target, affect));
    }

    public CompletableFuture<Void> setTuning(String uuid, String group, String target, Map<String, String> values, Affect affect) {
        return session.<Void>submit(c -> {
            api(c).setTuning(uuid, group, target, values, affect);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<List<TuningParam>> schedulerParameters(String uuid) {
        return session.<List<TuningParam>>submit(c -> api(c).schedulerParameters(uuid));
    }

    public CompletableFuture<List<VcpuPin>> vcpus(String uuid) {
        return session.<List<VcpuPin>>submit(c -> api(c).vcpus(uuid));
    }

    public CompletableFuture<Void> pinVcpu(String uuid, int vcpu, String cpus) {
        return session.<Void>submit(c -> {
            api(c).pinVcpu(uuid, vcpu, cpus);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<String> emulatorPin(String uuid) {
        return session.<String>submit(c -> api(c).emulatorPin(uuid));
    }

    public CompletableFuture<Void> pinEmulator(String uuid, String cpus, Affect affect) {
        return session.<Void>submit(c -> {
            api(c).pinEmulator(uuid, cpus, affect);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<List<CpuUsageRow>> cpuStats(String uuid) {
        return session.<List<CpuUsageRow>>submit(c -> api(c).cpuStats(uuid));
    }

    public CompletableFuture<Void> blockPull(String uuid, String disk, long bandwidth) {
        return session.<Void>submit(c -> {
            api(c).blockPull(uuid, disk, bandwidth);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<Void> blockCopy(String uuid, String disk, String dest, long bandwidth) {
        return session.<Void>submit(c -> {
            api(c).blockCopy(uuid, disk, dest, bandwidth);
            return null;
        });
    }

    public CompletableFuture<Void> blockRebase(String uuid, String disk, String base, long bandwidth, boolean copy) {
        return session.<Void>submit(c -> {
            api(c).blockRebase(uuid, disk, base, bandwidth, copy);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<Void> blockCommit(String uuid, String disk, long bandwidth) {
        return session.<Void>submit(c -> {
            api(c).blockCommit(uuid, disk, bandwidth);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<BlockJob> blockJob(String uuid, String disk) {
        return session.<BlockJob>submit(c -> api(c).blockJob(uuid, disk));
    }

    public CompletableFuture<Void> blockJobSpeed(String uuid, String disk, long bandwidth) {
        return session.<Void>submit(c -> {
            api(c).blockJobSpeed(uuid, disk, bandwidth);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<Void> blockJobAbort(String uuid, String disk, boolean pivot) {
        return session.<Void>submit(c -> {
            api(c).blockJobAbort(uuid, disk, pivot);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<Void> abortJob(String uuid) {
        return session.<Void>submit(c -> {
            api(c).abortJob(uuid);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<byte[]> screenshot(String uuid) {
        return session.<byte[]>submit(c -> api(c).screenshot(uuid));
    }

    public CompletableFuture<byte[]> memoryPeek(String uuid, long start, int size) {
        return session.<byte[]>submit(c -> api(c).memoryPeek(uuid, start, size));
    }

    public CompletableFuture<byte[]> blockPeek(String uuid, String disk, long offset, int size) {
        return session.<byte[]>submit(c -> api(c).blockPeek(uuid, disk, offset, size));
    }
}
