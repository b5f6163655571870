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
        // refused here, before libvirt: nothing half-parsed reaches the daemon
        java.util.Optional<String> problem = org.vireo.model.DomainXml.definitionProblem(xml);
        if (problem.isPresent()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(problem.get()));
        }
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

    public CompletableFuture<Integer> fsFreeze(String uuid) {
        return session.<Integer>submit(c -> api(c).fsFreeze(uuid));
    }

    public CompletableFuture<Integer> fsThaw(String uuid) {
        return session.<Integer>submit(c -> api(c).fsThaw(uuid));
    }

    public CompletableFuture<List<String>> fsInfo(String uuid) {
        return session.<List<String>>submit(c -> api(c).fsInfo(uuid));
    }

    public CompletableFuture<Long> guestTime(String uuid) {
        return session.<Long>submit(c -> api(c).guestTime(uuid));
    }

    public CompletableFuture<Void> setGuestTime(String uuid, long seconds) {
        return session.<Void>submit(c -> {
            api(c).setGuestTime(uuid, seconds);
            return null;
        });
    }

    public CompletableFuture<Void> setUserPassword(String uuid, String user, String password) {
        return session.<Void>submit(c -> {
            api(c).setUserPassword(uuid, user, password);
            return null;
        });
    }

    public CompletableFuture<Void> pmWakeup(String uuid) {
        return session.<Void>submit(c -> {
            api(c).pmWakeup(uuid);
            return null;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    public CompletableFuture<Void> save(String uuid, String file, Set<DomainFlags.Save> flags) {
        String name = nameOf(uuid);
        return whenLost(job(JobKind.SAVE, "Save " + name + " to " + file, uuid, c -> api(c).save(uuid, file, flags)),
            "The daemon went away during the save: if " + name + " still runs, " + file + " on the host is left over from a save"
                + " that did not finish - delete it, do not restore it; if " + name + " is shut off, the file holds it.");
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

    public CompletableFuture<org.vireo.model.SnapshotSource> snapshotSource(String uuid) {
        return session.<org.vireo.model.SnapshotSource>submit(c -> api(c).snapshotSource(uuid));
    }

    /** The wizard's snapshot, always as a job (with memory it lasts as long as a save; quiesce waits for the agent). */
    public CompletableFuture<String> createSnapshot(String uuid, org.vireo.model.SnapshotPlan plan) {
        java.util.Optional<String> problem = org.vireo.model.DomainNames.snapshotProblem(plan.name());
        if (problem.isPresent()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(problem.get()));
        }
        String image = plan.kind() == org.vireo.model.SnapshotPlan.Kind.INTERNAL
            ? "its qcow2 disk images" : "its disk images or snapshot files";
        java.util.concurrent.atomic.AtomicReference<String> made = new java.util.concurrent.atomic.AtomicReference<>();
        return snapshotOutcome(job(JobKind.SNAPSHOT, "Snapshot " + nameOf(uuid) + " as " + plan.name() + " ("
            + plan.kind().label().toLowerCase(java.util.Locale.ROOT) + ")",
            uuid, c -> made.set(api(c).createSnapshot(uuid, plan))).thenApply(v -> made.get()), plan.name(), image);
    }

    /**
     * A snapshot whose daemon died under it may be half-made: libvirt 9.0 writes the disk's
     * snapshot (qemu-img, QEMU) before its own record of it, so a kill in between leaves a
     * snapshot in the image that libvirt does not list (the fault suite's DaemonKillFaultTest).
     * libvirt offers no call to see or remove it, so the user is told where to look.
     */
    private static CompletableFuture<String> snapshotOutcome(CompletableFuture<String> f, String name, String image) {
        String which = name == null || name.isBlank() ? "the snapshot" : "snapshot \"" + name.strip() + "\"";
        return whenLost(f, "The daemon went away while taking " + which + ": it may be left in " + image
            + " without libvirt listing it (qemu-img snapshot -l on the host shows it; qemu-img snapshot -d removes it).");
    }

    /** A call whose link to the daemon broke under it fails with libvirt's reason plus {@code what may be left}. */
    private static <T> CompletableFuture<T> whenLost(CompletableFuture<T> f, String whatMayBeLeft) {
        return f.exceptionallyCompose(err -> {
            Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
            if (cause instanceof VirtException v && ConnectErrors.isConnectionLost(v)) {
                return CompletableFuture.failedFuture(new VirtException(v.code(), v.codeName(), v.errorDomain(),
                    v.getMessage() + ". " + whatMayBeLeft, v));
            }
            return CompletableFuture.failedFuture(cause);
        });
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
