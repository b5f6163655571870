package org.vireo.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.vireo.job.Job;
import org.vireo.job.JobControl;
import org.vireo.job.JobKind;
import org.vireo.job.Jobs;
import org.vireo.libvirt.BlockJobApi;
import org.vireo.libvirt.GuestAgentApi;
import org.vireo.libvirt.HardwareApi;
import org.vireo.libvirt.LifecycleApi;
import org.vireo.libvirt.OverviewApi;
import org.vireo.libvirt.SnapshotApi;
import org.vireo.libvirt.TuningApi;
import org.vireo.libvirt.JobApi;
import org.vireo.libvirt.VirtException;
import org.vireo.model.JobStats;
import org.vireo.libvirt.VirtConnection;
import org.vireo.model.BlockJob;
import org.vireo.model.CpuUsageRow;
import org.vireo.model.DomainFlags;
import org.vireo.model.DomainFlags.Affect;
import org.vireo.model.DomainLabels;
import org.vireo.model.DomainOverview;
import org.vireo.model.DomainTags;
import org.vireo.model.GuestCredentials;
import org.vireo.model.HardwareInfo;
import org.vireo.model.HostPath;
import org.vireo.model.SnapshotInfo;
import org.vireo.model.TuningGroup;
import org.vireo.model.TuningParam;
import org.vireo.model.VcpuPin;

/**
 * The domain pages' calls for one host: each runs a gateway call (OverviewApi, LifecycleApi ...) on the host's worker and
 * completes with the value or libvirt's error; a call that changes a domain refreshes the
 * host's list afterwards, so the tree and the table follow at once.
 */
public final class DomainService {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DomainService.class);
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
    private CompletableFuture<Void> job(JobKind kind, String what, String uuid, Change call) {
        VirtConnection c = session.connection();
        if (c == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("Not connected to " + session.uri()));
        }
        String name = uuid == null ? "" : nameOf(uuid);
        JobControl control = uuid == null ? JobControl.NONE : controlOf(c, uuid);
        session.jobStarted();
        Job job = jobs.start(kind, what, session.uri(), uuid == null ? "" : uuid, name, control, () -> call.apply(c));
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

    /** A read on the host's worker: its value, or libvirt's error. */
    private <T> CompletableFuture<T> ask(HostSession.HostCall<T> call) {
        return session.submit(call);
    }

    /** A call with no value on the host's worker (the guest agent's, a job started in libvirt). */
    private CompletableFuture<Void> run(Change change) {
        return ask(c -> {
            change.apply(c);
            return null;
        });
    }

    /** A change to a domain: afterwards, failed or not, the host's list is read again so the tree and the table follow. */
    private CompletableFuture<Void> change(Change change) {
        return run(change).whenComplete((ok, err) -> session.requestRefresh());
    }

    @FunctionalInterface
    private interface Change {
        void apply(VirtConnection c) throws VirtException;
    }

    public CompletableFuture<DomainOverview> overview(String uuid) {
        return ask(c -> new OverviewApi(c).overview(uuid));
    }

    /** Who re-reads a domain's labels after Vireo changed them (the host's view model). */
    public void setOnLabelsChanged(java.util.function.Consumer<String> listener) {
        this.labelsChanged = listener;
    }

    /** Title, description and tags of these domains, read on the host's worker (not per tick: when domains appear, after edits). */
    public CompletableFuture<List<org.vireo.model.DomainLabels>> labels(java.util.Collection<String> uuids) {
        List<String> copy = List.copyOf(uuids);
        return ask(c -> new OverviewApi(c).labels(copy));
    }

    /** Replaces a domain's Vireo tags (persistent, and live while it runs). */
    public CompletableFuture<Void> setTags(String uuid, List<String> tags) {
        List<String> copy = List.copyOf(tags);
        Optional<String> problem = DomainTags.problem(copy);
        if (problem.isPresent()) {
            return refused(problem.get());
        }
        return run(c -> new OverviewApi(c).setTags(uuid, copy)).whenComplete((ok, err) -> labelsChanged.accept(uuid));
    }

    public CompletableFuture<Void> setAutostart(String uuid, boolean on) {
        return change(c -> new OverviewApi(c).setAutostart(uuid, on));
    }

    public CompletableFuture<Void> setMetadata(String uuid, String which, String text, Affect affect) {
        Optional<String> problem = DomainLabels.metadataProblem(which, text);
        if (problem.isPresent()) {
            return refused(problem.get());
        }
        return change(c -> new OverviewApi(c).setMetadata(uuid, which, text, affect)).whenComplete((ok, err) -> labelsChanged.accept(uuid));
    }

    public CompletableFuture<String> customMetadata(String uuid, String namespaceUri) {
        return ask(c -> new OverviewApi(c).customMetadata(uuid, namespaceUri));
    }

    public CompletableFuture<Void> setCustomMetadata(String uuid, String xml, String key, String namespaceUri, Affect affect) {
        return change(c -> new OverviewApi(c).setCustomMetadata(uuid, xml, key, namespaceUri, affect)).whenComplete((ok, err) -> labelsChanged.accept(uuid));
    }

    public CompletableFuture<Void> removeManagedSave(String uuid) {
        return change(c -> new LifecycleApi(c).removeManagedSave(uuid));
    }

    public CompletableFuture<HardwareInfo> hardware(String uuid) {
        return ask(c -> new HardwareApi(c).hardware(uuid));
    }

    public CompletableFuture<Void> setVcpus(String uuid, int count, boolean maximum, Affect affect) {
        return change(c -> new HardwareApi(c).setVcpus(uuid, count, maximum, affect));
    }

    public CompletableFuture<Void> setMemory(String uuid, long kib, boolean maximum, Affect affect) {
        return change(c -> new HardwareApi(c).setMemory(uuid, kib, maximum, affect));
    }

    public CompletableFuture<Void> attachDevice(String uuid, String xml, Affect affect) {
        return change(c -> new HardwareApi(c).attachDevice(uuid, xml, affect));
    }

    public CompletableFuture<Void> detachDevice(String uuid, String xml, Affect affect) {
        return change(c -> new HardwareApi(c).detachDevice(uuid, xml, affect));
    }

    public CompletableFuture<Void> updateDevice(String uuid, String xml, Affect affect, boolean force) {
        return change(c -> new HardwareApi(c).updateDevice(uuid, xml, affect, force));
    }

    public CompletableFuture<Void> blockResize(String uuid, String disk, long bytes) {
        return change(c -> new HardwareApi(c).blockResize(uuid, disk, bytes));
    }

    public CompletableFuture<String> xml(String uuid, int flags) {
        return ask(c -> new HardwareApi(c).xml(uuid, DomainFlags.fromMask(DomainFlags.XmlDesc.class, flags)));
    }

    public CompletableFuture<Void> define(String xml) {
        // refused here, before libvirt: nothing half-parsed reaches the daemon
        java.util.Optional<String> problem = org.vireo.model.DomainXml.definitionProblem(xml);
        if (problem.isPresent()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(problem.get()));
        }
        return change(c -> new HardwareApi(c).define(xml));
    }

    public CompletableFuture<Void> start(String uuid, Set<DomainFlags.Start> flags) {
        return change(c -> new LifecycleApi(c).start(uuid, flags));
    }

    public CompletableFuture<Void> shutdown(String uuid, DomainFlags.PowerMode mode) {
        return change(c -> new LifecycleApi(c).shutdown(uuid, mode));
    }

    public CompletableFuture<Void> reboot(String uuid, DomainFlags.PowerMode mode) {
        return change(c -> new LifecycleApi(c).reboot(uuid, mode));
    }

    public CompletableFuture<Void> reset(String uuid) {
        return change(c -> new LifecycleApi(c).reset(uuid));
    }

    public CompletableFuture<Void> destroy(String uuid, boolean graceful) {
        return change(c -> new LifecycleApi(c).destroy(uuid, graceful));
    }

    public CompletableFuture<Void> suspend(String uuid) {
        return change(c -> new LifecycleApi(c).suspend(uuid));
    }

    public CompletableFuture<Void> resume(String uuid) {
        return change(c -> new LifecycleApi(c).resume(uuid));
    }

    public CompletableFuture<Void> pmSuspend(String uuid, int target, long seconds) {
        return change(c -> new LifecycleApi(c).pmSuspend(uuid, DomainFlags.PmTarget.of(target), seconds));
    }

    public CompletableFuture<Integer> fsFreeze(String uuid) {
        return ask(c -> new GuestAgentApi(c).fsFreeze(uuid));
    }

    public CompletableFuture<Integer> fsThaw(String uuid) {
        return ask(c -> new GuestAgentApi(c).fsThaw(uuid));
    }

    public CompletableFuture<List<String>> fsInfo(String uuid) {
        return ask(c -> new GuestAgentApi(c).fsInfo(uuid));
    }

    public CompletableFuture<Long> guestTime(String uuid) {
        return ask(c -> new GuestAgentApi(c).guestTime(uuid));
    }

    public CompletableFuture<Void> setGuestTime(String uuid, long seconds) {
        return run(c -> new GuestAgentApi(c).setGuestTime(uuid, seconds));
    }

    public CompletableFuture<Void> setUserPassword(String uuid, String user, String password) {
        Optional<String> problem = GuestCredentials.problem(user, password);
        if (problem.isPresent()) {
            return refused(problem.get());
        }
        return run(c -> new GuestAgentApi(c).setUserPassword(uuid, user, password));
    }

    public CompletableFuture<Void> pmWakeup(String uuid) {
        return change(c -> new LifecycleApi(c).pmWakeup(uuid));
    }

    public CompletableFuture<Void> save(String uuid, String file, Set<DomainFlags.Save> flags) {
        Optional<String> problem = HostPath.problem(file, "the guest's memory");
        if (problem.isPresent()) {
            return refused(problem.get());
        }
        String name = nameOf(uuid);
        return whenLost(job(JobKind.SAVE, "Save " + name + " to " + file, uuid, c -> new LifecycleApi(c).save(uuid, file, flags)),
            "The daemon went away during the save: if " + name + " still runs, " + file + " on the host is left over from a save"
                + " that did not finish - delete it, do not restore it; if " + name + " is shut off, the file holds it.");
    }

    public CompletableFuture<Void> restore(String file, Set<DomainFlags.Save> flags) {
        Optional<String> problem = HostPath.problem(file, "the guest's memory");
        if (problem.isPresent()) {
            return refused(problem.get());
        }
        return job(JobKind.RESTORE, "Restore from " + file, null, c -> new LifecycleApi(c).restore(file, flags));
    }

    /**
     * A managed save cut by the daemon's death leaves its image behind while the restarted daemon
     * resumes the guest (lab-checked, libvirt 9.0: "running", "Managed save: yes"). The next start
     * would restore that old memory over newer disks, so the image is removed once the host is
     * back if the guest runs; if it is shut off, the image is whole and holds it.
     */
    public CompletableFuture<Void> managedSave(String uuid, Set<DomainFlags.Save> flags) {
        String name = nameOf(uuid);
        CompletableFuture<Void> f = job(JobKind.MANAGED_SAVE, "Managed save of " + name, uuid,
            c -> new LifecycleApi(c).managedSave(uuid, flags));
        f.whenComplete((ok, err) -> {
            if (lostUnder(err)) {
                session.whenConnected(c -> removeStaleManagedSave(c, uuid, name));
            }
        });
        return whenLost(f, "The daemon went away during the managed save of " + name + ": if " + name
            + " runs once the host is back, the unfinished save image is removed then, so that its next start boots"
            + " afresh instead of restoring stale memory; if " + name + " is shut off, the image holds it.");
    }

    private boolean removeStaleManagedSave(VirtConnection c, String uuid, String name) throws VirtException {
        boolean removed = new LifecycleApi(c).removeStaleManagedSave(uuid);
        if (removed) {
            LOG.warn("removed the unfinished managed-save image of {} on {}: it runs again", name, session.uri());
        }
        return removed;
    }

    private static boolean lostUnder(Throwable err) {
        Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
        return cause instanceof VirtException v && ConnectErrors.isConnectionLost(v);
    }

    public CompletableFuture<Void> coreDump(String uuid, String file, Set<DomainFlags.Dump> flags) {
        Optional<String> problem = HostPath.problem(file, "the guest's memory");
        if (problem.isPresent()) {
            return refused(problem.get());
        }
        return job(JobKind.CORE_DUMP, "Core dump of " + nameOf(uuid) + " to " + file, uuid, c -> new LifecycleApi(c).coreDump(uuid, file, flags));
    }

    /** A call refused before libvirt sees it, with the reason the dialog gave. */
    private static CompletableFuture<Void> refused(String why) {
        return CompletableFuture.failedFuture(new IllegalArgumentException(why));
    }

    public CompletableFuture<Void> injectNmi(String uuid) {
        return change(c -> new LifecycleApi(c).injectNmi(uuid));
    }

    /** libvirt takes 1 to 16 keys (VIR_DOMAIN_SEND_KEY_MAX_KEYS), each a 16-bit code; the Send key field says so first. */
    public CompletableFuture<Void> sendKey(String uuid, String codeSet, int holdMs, int[] keys) {
        if (keys == null || keys.length == 0 || keys.length > 16) {
            return refused("Send key: 1 to 16 keys at once, not " + (keys == null ? 0 : keys.length) + ".");
        }
        for (int k : keys) {
            if (k < 0 || k > 0xffff) {
                return refused("Send key: key code " + k + " is not 0 to 65535.");
            }
        }
        if (holdMs < 0) {
            return refused("Send key: the hold time cannot be negative.");
        }
        return change(c -> new LifecycleApi(c).sendKey(uuid, codeSet, holdMs, keys));
    }

    public CompletableFuture<Void> undefine(String uuid, Set<DomainFlags.Undefine> flags) {
        return change(c -> new LifecycleApi(c).undefine(uuid, flags));
    }

    public CompletableFuture<Long> screenshotTo(String uuid, Path file) {
        return ask(c -> new HardwareApi(c).screenshotTo(uuid, file));
    }

    public CompletableFuture<List<SnapshotInfo>> snapshots(String uuid) {
        return ask(c -> new SnapshotApi(c).snapshots(uuid));
    }

    public CompletableFuture<org.vireo.model.SnapshotSource> snapshotSource(String uuid) {
        return ask(c -> new SnapshotApi(c).snapshotSource(uuid));
    }

    /** The wizard's snapshot, always as a job (with memory it lasts as long as a save; quiesce waits for the agent). */
    public CompletableFuture<String> createSnapshot(String uuid, org.vireo.model.SnapshotPlan plan) {
        Optional<String> problem = org.vireo.model.DomainNames.snapshotProblem(plan.name())
            .or(() -> DomainLabels.descriptionProblem(plan.description()));
        if (problem.isPresent()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(problem.get()));
        }
        java.util.concurrent.atomic.AtomicReference<String> made = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<List<String>> files = new java.util.concurrent.atomic.AtomicReference<>(List.of());
        return snapshotOutcome(job(JobKind.SNAPSHOT, "Snapshot " + nameOf(uuid) + " as " + plan.name() + " ("
            + plan.kind().label().toLowerCase(java.util.Locale.ROOT) + ")",
            uuid, c -> made.set(new SnapshotApi(c).createSnapshot(uuid, plan, files::set))).thenApply(v -> made.get()), plan, files::get);
    }

    /**
     * A snapshot whose daemon died under it may be half-made, and libvirt offers no call to see
     * or remove what it left, so the user is told where to look (lab-checked, libvirt 9.0, the
     * fault suite's DaemonKillFaultTest): an internal one is written to the qcow2 image before
     * libvirt's own record of it, so a kill in between leaves it in the image only; an external
     * one with memory writes its memory file first, so a kill leaves that file, unlisted.
     */
    private static CompletableFuture<String> snapshotOutcome(CompletableFuture<String> f, org.vireo.model.SnapshotPlan plan,
                                                             java.util.function.Supplier<List<String>> files) {
        String which = plan.name() == null || plan.name().isBlank() ? "the snapshot" : "snapshot \"" + plan.name().strip() + "\"";
        return whenLost(f, () -> plan.kind() == org.vireo.model.SnapshotPlan.Kind.INTERNAL
            ? "The daemon went away while taking " + which + ": it may be left in its qcow2 disk images without libvirt"
                + " listing it (qemu-img snapshot -l on the host shows it; qemu-img snapshot -d removes it)."
            : "The daemon went away while taking " + which + ": if libvirt does not list it once the host is back, these"
                + " files on the host may be left over from it, in use by nothing: " + String.join(", ", files.get())
                + ". Delete them, do not restore from them.");
    }

    /** A call whose link to the daemon broke under it fails with libvirt's reason plus {@code what may be left}. */
    private static <T> CompletableFuture<T> whenLost(CompletableFuture<T> f, String whatMayBeLeft) {
        return whenLost(f, () -> whatMayBeLeft);
    }

    private static <T> CompletableFuture<T> whenLost(CompletableFuture<T> f, java.util.function.Supplier<String> whatMayBeLeft) {
        return f.exceptionallyCompose(err -> {
            Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
            if (lostUnder(cause) && cause instanceof VirtException v) {
                return CompletableFuture.failedFuture(new VirtException(v.code(), v.codeName(), v.errorDomain(),
                    v.getMessage() + ". " + whatMayBeLeft.get(), v));
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    public CompletableFuture<Void> revertToSnapshot(String uuid, String name, int flags) {
        return job(JobKind.REVERT, "Revert " + nameOf(uuid) + " to " + name, uuid, c -> new SnapshotApi(c)
            .revertToSnapshot(uuid, name, DomainFlags.fromMask(DomainFlags.SnapshotRevert.class, flags)));
    }

    public CompletableFuture<Void> deleteSnapshot(String uuid, String name, DomainFlags.SnapshotDelete mode) {
        return change(c -> new SnapshotApi(c).deleteSnapshot(uuid, name, mode));
    }

    public CompletableFuture<String> schedulerType(String uuid) {
        return ask(c -> new TuningApi(c).schedulerType(uuid));
    }

    public CompletableFuture<TuningGroup> tuning(String uuid, String group, String target, Affect affect) {
        return ask(c -> new TuningApi(c).tuning(uuid, group, target, affect));
    }

    public CompletableFuture<Void> setTuning(String uuid, String group, String target, Map<String, String> values, Affect affect) {
        return change(c -> new TuningApi(c).setTuning(uuid, group, target, values, affect));
    }

    public CompletableFuture<List<TuningParam>> schedulerParameters(String uuid) {
        return ask(c -> new TuningApi(c).schedulerParameters(uuid));
    }

    public CompletableFuture<List<VcpuPin>> vcpus(String uuid) {
        return ask(c -> new TuningApi(c).vcpus(uuid));
    }

    public CompletableFuture<Void> pinVcpu(String uuid, int vcpu, String cpus) {
        return change(c -> new TuningApi(c).pinVcpu(uuid, vcpu, cpus));
    }

    public CompletableFuture<String> emulatorPin(String uuid) {
        return ask(c -> new TuningApi(c).emulatorPin(uuid));
    }

    public CompletableFuture<Void> pinEmulator(String uuid, String cpus, Affect affect) {
        return change(c -> new TuningApi(c).pinEmulator(uuid, cpus, affect));
    }

    public CompletableFuture<List<CpuUsageRow>> cpuStats(String uuid) {
        return ask(c -> new TuningApi(c).cpuStats(uuid));
    }

    public CompletableFuture<Void> blockPull(String uuid, String disk, long bandwidth) {
        return change(c -> new BlockJobApi(c).blockPull(uuid, disk, bandwidth));
    }

    public CompletableFuture<Void> blockCopy(String uuid, String disk, String dest, long bandwidth) {
        return run(c -> new BlockJobApi(c).blockCopy(uuid, disk, dest, bandwidth));
    }

    public CompletableFuture<Void> blockRebase(String uuid, String disk, String base, long bandwidth, boolean copy) {
        return change(c -> new BlockJobApi(c).blockRebase(uuid, disk, base, bandwidth, copy));
    }

    public CompletableFuture<Void> blockCommit(String uuid, String disk, long bandwidth) {
        return change(c -> new BlockJobApi(c).blockCommit(uuid, disk, bandwidth));
    }

    public CompletableFuture<BlockJob> blockJob(String uuid, String disk) {
        return ask(c -> new BlockJobApi(c).blockJob(uuid, disk));
    }

    public CompletableFuture<Void> blockJobSpeed(String uuid, String disk, long bandwidth) {
        return change(c -> new BlockJobApi(c).blockJobSpeed(uuid, disk, bandwidth));
    }

    public CompletableFuture<Void> blockJobAbort(String uuid, String disk, boolean pivot) {
        return change(c -> new BlockJobApi(c).blockJobAbort(uuid, disk, pivot));
    }

    public CompletableFuture<Void> abortJob(String uuid) {
        return change(c -> new JobApi(c).abort(uuid));
    }

    public CompletableFuture<byte[]> screenshot(String uuid) {
        return ask(c -> new HardwareApi(c).screenshot(uuid));
    }

    public CompletableFuture<byte[]> memoryPeek(String uuid, long start, int size) {
        return ask(c -> new HardwareApi(c).memoryPeek(uuid, start, size));
    }

    public CompletableFuture<byte[]> blockPeek(String uuid, String disk, long offset, int size) {
        return ask(c -> new HardwareApi(c).blockPeek(uuid, disk, offset, size));
    }
}
