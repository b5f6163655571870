package org.vireo.ui.domain;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.vireo.host.DomainService;
import org.vireo.model.BlockJob;
import org.vireo.model.CpuUsageRow;
import org.vireo.model.DomainFlags;
import org.vireo.model.DomainFlags.Affect;
import org.vireo.model.DomainOverview;
import org.vireo.model.HardwareInfo;
import org.vireo.model.SnapshotInfo;
import org.vireo.model.TuningGroup;
import org.vireo.model.VcpuPin;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.MainViewModel;

/**
 * The state of the open domain's pages (overview, hardware, tuning, XML, snapshots, actions)
 * and the operations on them. Every libvirt call runs on the host's worker through the
 * {@link DomainService}; results and errors come back here on the FX thread. Each page has
 * an outcome line ({@link #outcome(String)}) where a failure shows libvirt's message next to
 * the operation that failed.
 */
public final class DomainPageViewModel {
    public static final String OVERVIEW = "overview";
    public static final String HARDWARE = "hardware";
    public static final String TUNING = "tuning";
    public static final String XML = "xml";
    public static final String SNAPSHOTS = "snapshots";
    public static final String ACTIONS = "actions";

    private final ObjectProperty<DomainRowViewModel> domain = new SimpleObjectProperty<>(this, "domain");
    private final ObjectProperty<DomainOverview> overview = new SimpleObjectProperty<>(this, "overview");
    private final ObjectProperty<byte[]> thumbnail = new SimpleObjectProperty<>(this, "thumbnail");
    private final StringProperty thumbnailNote = new SimpleStringProperty(this, "thumbnailNote", "");
    private final ObjectProperty<HardwareInfo> hardware = new SimpleObjectProperty<>(this, "hardware");
    private final ObservableList<TuningGroup> tuning = FXCollections.observableArrayList();
    private final ObservableList<VcpuPin> vcpuPins = FXCollections.observableArrayList();
    private final ObservableList<CpuUsageRow> cpuStats = FXCollections.observableArrayList();
    private final StringProperty emulatorPin = new SimpleStringProperty(this, "emulatorPin", "");
    private final StringProperty xml = new SimpleStringProperty(this, "xml", "");
    private final ObservableList<SnapshotInfo> snapshots = FXCollections.observableArrayList();
    private final javafx.beans.property.LongProperty hostLibVersion = new javafx.beans.property.SimpleLongProperty();
    private final ObjectProperty<BlockJob> blockJob = new SimpleObjectProperty<>(this, "blockJob");
    private final StringProperty peek = new SimpleStringProperty(this, "peek", "");
    private final StringProperty agentInfo = new SimpleStringProperty(this, "agentInfo", "");
    private final StringProperty customMetadata = new SimpleStringProperty(this, "customMetadata", "");
    private final StringProperty cpuStatsNote = new SimpleStringProperty(this, "cpuStatsNote", "");
    private final StringProperty vcpuNote = new SimpleStringProperty(this, "vcpuNote", "");
    private final StringProperty addresses = new SimpleStringProperty(this, "addresses", "");
    private final Map<String, StringProperty> outcomes = new HashMap<>();
    private final Map<String, BooleanProperty> failed = new HashMap<>();
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    /** The saved definition by default: it is what Save writes. */
    private int xmlFlags = 2;
    private final MainViewModel main;

    public DomainPageViewModel(MainViewModel main) {
        this.main = main;
        for (String area : List.of(OVERVIEW, HARDWARE, TUNING, XML, SNAPSHOTS, ACTIONS)) {
            outcomes.put(area, new SimpleStringProperty(this, area + "Outcome", ""));
            failed.put(area, new SimpleBooleanProperty(this, area + "Failed"));
        }
        main.selectedDomainProperty().addListener((obs, old, now) -> open(now));
        open(main.selectedDomainProperty().get());
    }

    private void open(DomainRowViewModel row) {
        domain.set(row);
        overview.set(null);
        thumbnail.set(null);
        hardware.set(null);
        tuning.clear();
        vcpuPins.clear();
        cpuStats.clear();
        snapshots.clear();
        hostLibVersion.set(0);
        xml.set("");
        blockJob.set(null);
        peek.set("");
        agentInfo.set("");
        customMetadata.set("");
        cpuStatsNote.set("");
        vcpuNote.set("");
        addresses.set("");
        outcomes.values().forEach(o -> o.set(""));
        failed.values().forEach(f -> f.set(false));
    }

    public ObjectProperty<DomainRowViewModel> domainProperty() {
        return domain;
    }

    private DomainService service() {
        return domain.get().host().domainService();
    }

    private String uuid() {
        return domain.get().uuid();
    }

    /** A path picker over the open domain's host's storage pools (null while no domain is open). */
    public HostPathViewModel hostPaths() {
        return domain.get() == null ? null : new HostPathViewModel(domain.get().host());
    }

    public String name() {
        return domain.get() == null ? "" : domain.get().getName();
    }

    // ------------------------------------------------------------ loading

    /** Reloads one page's data. */
    public void load(String area) {
        if (domain.get() == null) {
            return;
        }
        switch (area) {
            case OVERVIEW -> loadOverview();
            case HARDWARE -> fetch(HARDWARE, () -> service().hardware(uuid()), hardware::set);
            case TUNING -> loadTuning();
            case XML -> loadXml(xmlFlags);
            case SNAPSHOTS -> {
                fetch(SNAPSHOTS, () -> service().snapshots(uuid()), snapshots::setAll);
                if (hostLibVersion.get() == 0) {
                    snapshotSource(s -> hostLibVersion.set(s.libVersion()), e -> { });
                }
            }
            case ACTIONS -> { }
            default -> throw new IllegalArgumentException(area);
        }
    }

    private void loadOverview() {
        fetch(OVERVIEW, () -> service().overview(uuid()), o -> {
            overview.set(o);
            loadAddresses(o.status().state().isActive());
            if (o.status().state().isActive()) {
                service().screenshot(o.uuid()).whenComplete(onPage((png, err) -> {
                    thumbnail.set(err == null ? png : null);
                    thumbnailNote.set(err == null ? "" : "No screenshot: " + reason(err));
                }));
            } else {
                thumbnail.set(null);
                thumbnailNote.set("No screenshot: the domain is not running.");
            }
        });
    }

    /** The guest's IP addresses: from the DHCP leases of libvirt's networks, else its guest agent. */
    private void loadAddresses(boolean running) {
        DomainRowViewModel row = domain.get();
        if (!running) {
            addresses.set("none (the domain is not running)");
            return;
        }
        addresses.set("asking…");
        row.host().networkService().domainAddresses(row.uuid()).whenComplete((list, err) -> Platform.runLater(() -> {
            if (domain.get() != row) {
                return; // another domain is open by now
            }
            if (err != null) {
                addresses.set("unknown: " + reason(err));
            } else if (list.isEmpty()) {
                addresses.set("none known (no DHCP lease on a libvirt network, no guest agent answering)");
            } else {
                addresses.set(String.join("\n", list.stream().map(a -> a.address() + "/" + a.prefix() + "  "
                    + (a.iface().isEmpty() ? "" : a.iface() + ", ") + a.mac() + " (" + a.source() + ")").toList()));
            }
        }));
    }

    /** The guest's IP addresses as lines ("10.231.5.23/24  vnet0, 52:54:00:… (DHCP lease)"), or why there are none. */
    public StringProperty addressesProperty() {
        return addresses;
    }

    private void loadTuning() {
        DomainService svc = service();
        String id = uuid();
        HardwareInfo hw = hardware.get();
        CompletableFuture<HardwareInfo> hwf = hw != null ? CompletableFuture.completedFuture(hw) : svc.hardware(id);
        hwf.thenCompose(h -> {
            List<String> disks = h.devices().stream().filter(d -> d.kind().equals("disk")).map(d -> d.target()).toList();
            List<String> nics = h.devices().stream().filter(d -> d.kind().equals("interface")).map(d -> d.target()).toList();
            List<CompletableFuture<TuningGroup>> parts = new java.util.ArrayList<>();
            for (String g : List.of("scheduler", "memory", "blkio", "numa")) {
                parts.add(svc.tuning(id, g, null, Affect.CURRENT));
            }
            disks.forEach(d -> parts.add(svc.tuning(id, "iotune", d, Affect.CURRENT)));
            nics.forEach(n -> parts.add(svc.tuning(id, "bandwidth", n, Affect.CURRENT)));
            return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(v -> parts.stream().map(CompletableFuture::join).toList());
        }).whenComplete(onPage((groups, err) -> {
            if (err != null) {
                report(TUNING, "Loading tuning", err);
            } else {
                tuning.setAll(groups);
            }
        }));
        svc.vcpus(id).whenComplete(onPage((v, err) -> {
            vcpuNote.set(err == null ? "" : "No vCPU information: " + reason(err));
            if (err == null) {
                vcpuPins.setAll(v);
            } else {
                vcpuPins.clear();
            }
        }));
        svc.emulatorPin(id).whenComplete(onPage((v, err) -> emulatorPin.set(err == null ? v : "unknown: " + reason(err))));
        svc.cpuStats(id).whenComplete(onPage((v, err) -> {
            if (err == null) {
                cpuStatsNote.set(v.isEmpty() ? "libvirt reports no CPU usage for this domain." : "");
                cpuStats.setAll(v);
            } else {
                cpuStatsNote.set("Not available here: " + reason(err));
                cpuStats.clear();
            }
        }));
    }

    /** flags: 0 live, 2 inactive, 1 secure (may combine). */
    public void loadXml(int flags) {
        xmlFlags = flags;
        // every load is news to the editor, also when the text equals the last one (live and saved XML
        // of a domain without runtime state are the same): "" first, which the editor ignores
        fetch(XML, () -> service().xml(uuid(), flags), text -> {
            xml.set("");
            xml.set(text);
        });
    }

    // ------------------------------------------------------------ overview

    /** {@code onRefused} runs on the FX thread when libvirt refuses, while this domain's page is still open. */
    public void setAutostart(boolean on, Runnable onRefused) {
        String id = uuid();
        run(OVERVIEW, on ? "Enable autostart" : "Disable autostart", () -> service().setAutostart(id, on)
            .whenComplete(onPage((ok, err) -> {
                if (err != null) {
                    onRefused.run();
                }
            })), OVERVIEW);
    }

    public void setTitleAndDescription(String title, String description) {
        String id = uuid();
        Affect affect = affectForMetadata();
        run(OVERVIEW, "Save title and description", () -> service().setMetadata(id, "title", title, affect)
            .thenCompose(v -> service().setMetadata(id, "description", description, affect)), OVERVIEW);
    }

    /** Replaces the domain's Vireo tags ("db, prod": commas or spaces separate); the row shows them once read back. */
    public void saveTags(String text) {
        String id = uuid();
        java.util.List<String> tags = org.vireo.model.DomainTags.fromText(text);
        run(OVERVIEW, "Save tags", () -> service().setTags(id, tags), OVERVIEW);
    }

    private Affect affectForMetadata() {
        DomainOverview o = overview.get();
        if (o == null) {
            return Affect.CURRENT;
        }
        return o.status().state().isActive() && o.persistent() ? Affect.BOTH : Affect.CURRENT;
    }

    /** Loads the metadata element of {@code namespaceUri} into {@link #customMetadataProperty()}; libvirt's refusal goes to the outcome line. */
    public void loadCustomMetadata(String namespaceUri) {
        read(OVERVIEW, "Load metadata of " + namespaceUri, () -> service().customMetadata(uuid(), namespaceUri), customMetadata::set);
    }

    public StringProperty customMetadataProperty() {
        return customMetadata;
    }

    public void setCustomMetadata(String xmlText, String key, String namespaceUri) {
        run(OVERVIEW, "Save metadata of " + namespaceUri, () -> service().setCustomMetadata(uuid(), xmlText, key, namespaceUri,
            affectForMetadata()), OVERVIEW);
    }

    public void removeManagedSave() {
        run(OVERVIEW, "Remove managed save image", () -> service().removeManagedSave(uuid()), OVERVIEW);
    }

    // ------------------------------------------------------------ hardware

    public void setVcpus(int count, boolean maximum, Affect affect) {
        run(HARDWARE, "Set " + (maximum ? "maximum " : "") + "vCPUs to " + count + " (" + affect.label() + ")",
            () -> service().setVcpus(uuid(), count, maximum, affect), HARDWARE);
    }

    public void setMemory(long kib, boolean maximum, Affect affect) {
        run(HARDWARE, "Set " + (maximum ? "maximum " : "") + "memory to " + kib / 1024 + " MiB (" + affect.label() + ")",
            () -> service().setMemory(uuid(), kib, maximum, affect), HARDWARE);
    }

    public void attachDevice(String xmlText, Affect affect) {
        run(HARDWARE, "Attach device (" + affect.label() + ")", () -> service().attachDevice(uuid(), xmlText, affect), HARDWARE);
    }

    public void detachDevice(String xmlText, Affect affect) {
        run(HARDWARE, "Detach device (" + affect.label() + ")", () -> service().detachDevice(uuid(), xmlText, affect), HARDWARE);
    }

    public void updateDevice(String xmlText, Affect affect, boolean force) {
        run(HARDWARE, "Update device (" + affect.label() + (force ? ", force" : "") + ")",
            () -> service().updateDevice(uuid(), xmlText, affect, force), HARDWARE);
    }

    public void blockResize(String disk, long bytes) {
        run(HARDWARE, "Resize " + disk + " to " + bytes / (1024 * 1024) + " MiB", () -> service().blockResize(uuid(), disk, bytes), HARDWARE);
    }

    // ------------------------------------------------------------ tuning

    public void setTuning(TuningGroup group, Map<String, String> values, Affect affect) {
        run(TUNING, "Set " + group.title(), () -> service().setTuning(uuid(), group.group(), group.target(), values, affect), TUNING);
    }

    public void pinVcpu(int vcpu, String cpus) {
        run(TUNING, "Pin vCPU " + vcpu + " to " + cpus, () -> service().pinVcpu(uuid(), vcpu, cpus), TUNING);
    }

    public void pinEmulator(String cpus) {
        run(TUNING, "Pin emulator to " + cpus, () -> service().pinEmulator(uuid(), cpus, Affect.CURRENT), TUNING);
    }

    // ------------------------------------------------------------ XML

    /** Writes the saved (persistent) definition; {@code onSaved} runs on the FX thread once libvirt took it. */
    public void define(String xmlText, Runnable onSaved) {
        run(XML, "Save XML", () -> service().define(xmlText).whenComplete(onPage((ok, err) -> {
            if (err == null) {
                onSaved.run();
            }
        })), XML);
    }

    /** Where a draft of the open page belongs, in words: "XML of db-primary on test:///…" (names repeat across hosts). */
    public String place(String what) {
        return domain.get() == null ? "" : what + " of " + name() + " on " + domain.get().host().titleProperty().get();
    }

    public org.vireo.ui.UnsavedEdits unsavedEdits() {
        return main.unsavedEdits();
    }

    // ------------------------------------------------------------ snapshots

    /** The wizard's snapshot: a job (Jobs panel), its outcome in the Snapshots tab's line. */
    public void createSnapshot(org.vireo.model.SnapshotPlan plan) {
        run(SNAPSHOTS, "Create snapshot " + plan.name(), () -> service().createSnapshot(uuid(), plan), SNAPSHOTS);
    }

    /** Reads what the snapshot wizard needs on the host's worker; the answer arrives on the FX thread. */
    void snapshotSource(Consumer<org.vireo.model.SnapshotSource> onOk, Consumer<String> onError) {
        if (domain.get() == null) {
            onError.accept("No domain open.");
            return;
        }
        service().snapshotSource(uuid()).whenComplete((s, err) -> Platform.runLater(() -> {
            if (err != null) {
                onError.accept("Could not read the domain: " + reason(err));
            } else {
                onOk.accept(s);
            }
        }));
    }

    /** The libvirt version of this domain's host (0 until the Snapshots tab loaded): what it can do with external snapshots. */
    public javafx.beans.property.LongProperty hostLibVersionProperty() {
        return hostLibVersion;
    }

    public void revertToSnapshot(String name, int flags) {
        run(SNAPSHOTS, "Revert to " + name, () -> service().revertToSnapshot(uuid(), name, flags), SNAPSHOTS);
    }

    public void deleteSnapshot(String name, DomainFlags.SnapshotDelete mode) {
        run(SNAPSHOTS, "Delete " + name + " (" + mode.label() + ")", () -> service().deleteSnapshot(uuid(), name, mode), SNAPSHOTS);
    }

    /** Which snapshots a revert to {@code name} would make unreachable as the current state: everything since. */
    public String revertConsequence(SnapshotInfo target) {
        DomainOverview o = overview.get();
        String state = domain.get().getStatus().text();
        return "The domain (now " + state + ") returns to \"" + target.name() + "\" as it was "
            + (target.state().isEmpty() ? "" : "(" + target.state() + ") ")
            + "when the snapshot was taken. Everything written to its disks"
            + (target.withMemory() ? " and all of its memory" : "")
            + " since then is lost, unless another snapshot holds it."
            + (o != null && !o.currentSnapshot().isEmpty() && !o.currentSnapshot().equals(target.name())
            ? " The current snapshot is \"" + o.currentSnapshot() + "\"." : "");
    }

    // ------------------------------------------------------------ actions

    public void start(Set<DomainFlags.Start> flags) {
        action("Start", () -> service().start(uuid(), flags));
    }

    public void shutdown(DomainFlags.PowerMode mode) {
        action("Shut down (" + mode.label() + ")", () -> service().shutdown(uuid(), mode));
    }

    public void reboot(DomainFlags.PowerMode mode) {
        action("Reboot (" + mode.label() + ")", () -> service().reboot(uuid(), mode));
    }

    public void reset() {
        action("Reset", () -> service().reset(uuid()));
    }

    public void forceOff(boolean graceful) {
        action(graceful ? "Force off (graceful)" : "Force off", () -> service().destroy(uuid(), graceful));
    }

    public void pause() {
        action("Pause", () -> service().suspend(uuid()));
    }

    public void resume() {
        action("Resume", () -> service().resume(uuid()));
    }

    public void pmSuspend(int target, long seconds) {
        action("PM suspend", () -> service().pmSuspend(uuid(), target, seconds));
    }

    public void pmWakeup() {
        action("Wake up", () -> service().pmWakeup(uuid()));
    }

    public void save(String file, Set<DomainFlags.Save> flags) {
        action("Save to " + file, () -> service().save(uuid(), file, flags));
    }

    public void restore(String file, Set<DomainFlags.Save> flags) {
        DomainService svc = service();
        action("Restore from " + file, () -> svc.restore(file, flags));
    }

    public void managedSave(Set<DomainFlags.Save> flags) {
        action("Managed save", () -> service().managedSave(uuid(), flags));
    }

    public void coreDump(String file, Set<DomainFlags.Dump> flags) {
        action("Core dump to " + file, () -> service().coreDump(uuid(), file, flags));
    }

    public void injectNmi() {
        action("Inject NMI", () -> service().injectNmi(uuid()));
    }

    public void sendKey(String label, String codeSet, int[] keys) {
        action("Send " + label, () -> service().sendKey(uuid(), codeSet, 100, keys));
    }

    public void screenshotTo(String file) {
        action("Screenshot to " + file, () -> service().screenshotTo(uuid(), Path.of(file)));
    }

    /** The outcome also goes to the status line: a shut-off domain disappears with its page as soon as the list refreshes. */
    public void undefine(Set<DomainFlags.Undefine> flags) {
        run(ACTIONS, "Undefine " + name(), () -> service().undefine(uuid(), flags), OVERVIEW, true);
    }

    // ------------------------------------------------------------ guest agent

    public void fsFreeze() {
        read(ACTIONS, "Freeze filesystems", () -> service().fsFreeze(uuid()), n -> agentInfo.set(n + " filesystem(s) frozen: guest writes wait until Thaw"));
    }

    public void fsThaw() {
        read(ACTIONS, "Thaw filesystems", () -> service().fsThaw(uuid()), n -> agentInfo.set(n + " filesystem(s) thawed"));
    }

    public void fsInfo() {
        read(ACTIONS, "Filesystems", () -> service().fsInfo(uuid()),
            l -> agentInfo.set(l.isEmpty() ? "no filesystem mounted in the guest" : "mounted (mountpoint, device, type, disks):\n" + String.join("\n", l)));
    }

    public void guestTime() {
        read(ACTIONS, "Guest time", () -> service().guestTime(uuid()), t -> agentInfo.set("guest clock: "
            + java.time.Instant.ofEpochSecond(t) + " (" + (t - System.currentTimeMillis() / 1000) + " s from this computer's)"));
    }

    /** Sets the guest's clock to this computer's time now. */
    public void setGuestTimeToNow() {
        long now = System.currentTimeMillis() / 1000;
        read(ACTIONS, "Set guest time", () -> service().setGuestTime(uuid(), now), v -> agentInfo.set("guest clock set to "
            + java.time.Instant.ofEpochSecond(now)));
    }

    /** The password goes to the agent and is not kept (the caller clears its field). */
    public void setUserPassword(String user, String password) {
        read(ACTIONS, "Set password of " + user, () -> service().setUserPassword(uuid(), user, password),
            v -> agentInfo.set("password of " + user + " changed in the guest"));
    }

    public StringProperty agentInfoProperty() {
        return agentInfo;
    }

    public void memoryPeek(long start, int size) {
        read(ACTIONS, "Peek memory at 0x" + Long.toHexString(start), () -> service().memoryPeek(uuid(), start, size),
            b -> peek.set(HexView.format(start, b)));
    }

    public void blockPeek(String disk, long offset, int size) {
        read(ACTIONS, "Peek disk " + disk + " at 0x" + Long.toHexString(offset), () -> service().blockPeek(uuid(), disk, offset, size),
            b -> peek.set(HexView.format(offset, b)));
    }

    public void blockPull(String disk, long bandwidth) {
        blockJobAction("Block pull of " + disk, () -> service().blockPull(uuid(), disk, bandwidth));
    }

    public void blockCommit(String disk, long bandwidth) {
        blockJobAction("Block commit of " + disk, () -> service().blockCommit(uuid(), disk, bandwidth));
    }

    public void blockCopy(String disk, String dest, long bandwidth) {
        blockJobAction("Block copy of " + disk + " to " + dest, () -> service().blockCopy(uuid(), disk, dest, bandwidth));
    }

    public void blockJobSpeed(String disk, long bandwidth) {
        blockJobAction("Set job speed of " + disk, () -> service().blockJobSpeed(uuid(), disk, bandwidth));
    }

    public void blockJobAbort(String disk, boolean pivot) {
        blockJobAction((pivot ? "Pivot" : "Abort") + " job on " + disk, () -> service().blockJobAbort(uuid(), disk, pivot));
    }

    /** Polls the block job of {@code disk} once into {@link #blockJobProperty()}. */
    public CompletableFuture<BlockJob> pollBlockJob(String disk) {
        CompletableFuture<BlockJob> f = safe(() -> service().blockJob(uuid(), disk));
        f.whenComplete(onPage((job, err) -> blockJob.set(err == null ? job : null)));
        return f;
    }

    /**
     * A block job's start, speed, pivot or abort: nothing else is reloaded then. The Overview's reads
     * (disk errors: query-block) while QEMU 7.2 changes the disk's graph crashed the guest in the lab;
     * the job's own poll shows how it goes.
     */
    private void blockJobAction(String label, Supplier<CompletableFuture<?>> call) {
        run(ACTIONS, label, call, ACTIONS);
    }

    private void action(String label, Supplier<CompletableFuture<?>> call) {
        run(ACTIONS, label, call, OVERVIEW);
    }

    // ------------------------------------------------------------ plumbing

    /**
     * Hands a result to {@code then} on the FX thread only while the page that asked is still open:
     * a load started for one domain must not land on the next domain's page (nor be applied to it).
     */
    private <T> BiConsumer<T, Throwable> onPage(BiConsumer<T, Throwable> then) {
        DomainRowViewModel forRow = domain.get();
        return (value, err) -> Platform.runLater(() -> {
            if (domain.get() == forRow) {
                then.accept(value, err);
            }
        });
    }

    /** A read the user asked for: its label on the area's outcome line while it runs, then done or libvirt's refusal. */
    private <T> void read(String area, String label, Supplier<CompletableFuture<T>> call, Consumer<T> onOk) {
        if (domain.get() == null) {
            return;
        }
        DomainRowViewModel forRow = domain.get();
        outcomes.get(area).set(label + "…");
        failed.get(area).set(false);
        safe(call).whenComplete((value, err) -> Platform.runLater(() -> {
            if (domain.get() != forRow) {
                return;
            }
            if (err != null) {
                report(area, label, err);
            } else {
                onOk.accept(value);
                outcomes.get(area).set(label + ": done");
            }
        }));
    }

    private <T> void fetch(String area, Supplier<CompletableFuture<T>> call, Consumer<T> onOk) {
        DomainRowViewModel forRow = domain.get();
        safe(call).whenComplete((value, err) -> Platform.runLater(() -> {
            if (domain.get() != forRow) {
                return; // another domain opened meanwhile
            }
            if (err != null) {
                report(area, "Loading", err);
            } else {
                onOk.accept(value);
            }
        }));
    }

    private void run(String area, String label, Supplier<? extends CompletableFuture<?>> call, String reload) {
        run(area, label, call, reload, false);
    }

    /**
     * Runs an operation with its outcome on {@code area}'s line; with {@code toStatusLine}, or when another domain's page
     * (or none) is open by the time it ends, the outcome goes to the main window's status line too, so it is never lost.
     */
    private void run(String area, String label, Supplier<? extends CompletableFuture<?>> call, String reload, boolean toStatusLine) {
        if (domain.get() == null) {
            return;
        }
        DomainRowViewModel forRow = domain.get();
        outcomes.get(area).set(label + "…");
        failed.get(area).set(false);
        busy.set(true);
        CompletableFuture<?> f;
        try {
            f = call.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        String who = forRow.getName();
        f.whenComplete((ok, err) -> Platform.runLater(() -> {
            busy.set(false);
            if (toStatusLine || domain.get() != forRow) {
                main.tell(err == null ? label + (label.contains(who) ? "" : " (" + who + ")") + ": done"
                    : label + (label.contains(who) ? "" : " (" + who + ")") + " failed: " + reason(err));
            }
            if (domain.get() != forRow) {
                return;
            }
            if (err != null) {
                report(area, label, err);
            } else {
                outcomes.get(area).set(label + ": done");
                load(reload);
                if (!reload.equals(area)) {
                    load(area);
                }
            }
        }));
    }

    /** A call that could not even be queued (the host session has stopped) becomes a failed future. */
    private static <T> CompletableFuture<T> safe(Supplier<CompletableFuture<T>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void report(String area, String label, Throwable err) {
        outcomes.get(area).set(label + " failed: " + reason(err));
        failed.get(area).set(true);
    }

    static String reason(Throwable err) {
        Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    public StringProperty outcome(String area) {
        return outcomes.get(area);
    }

    public BooleanProperty failed(String area) {
        return failed.get(area);
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public ObjectProperty<DomainOverview> overviewProperty() {
        return overview;
    }

    public ObjectProperty<byte[]> thumbnailProperty() {
        return thumbnail;
    }

    public StringProperty thumbnailNoteProperty() {
        return thumbnailNote;
    }

    public ObjectProperty<HardwareInfo> hardwareProperty() {
        return hardware;
    }

    public ObservableList<TuningGroup> tuning() {
        return tuning;
    }

    public ObservableList<VcpuPin> vcpuPins() {
        return vcpuPins;
    }

    public ObservableList<CpuUsageRow> cpuStats() {
        return cpuStats;
    }

    /** Why the CPU usage grid is empty (libvirt's message), or "". */
    public StringProperty cpuStatsNoteProperty() {
        return cpuStatsNote;
    }

    /** Why there is no vCPU information (libvirt's message, e.g. the domain is not running), or "". */
    public StringProperty vcpuNoteProperty() {
        return vcpuNote;
    }

    public StringProperty emulatorPinProperty() {
        return emulatorPin;
    }

    public StringProperty xmlProperty() {
        return xml;
    }

    public ObservableList<SnapshotInfo> snapshots() {
        return snapshots;
    }

    public ObjectProperty<BlockJob> blockJobProperty() {
        return blockJob;
    }

    public StringProperty peekProperty() {
        return peek;
    }
}
