package org.vireo.ui.domain;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.util.Duration;
import org.vireo.host.DomainService;
import org.vireo.model.BlockJob;
import org.vireo.model.DomainFlags;
import org.vireo.model.GuestCredentials;
import org.vireo.model.HostPath;
import org.vireo.model.KeyCodes;
import org.vireo.model.NumberInput;
import org.vireo.ui.DomainRowViewModel;

/**
 * The Actions tab: lifecycle with flags, PM suspend, save/restore, managed save, core dump, NMI, keys,
 * screenshot, peek, block jobs, undefine, guest agent. It parses what the user typed (refusing bad
 * input with the reason, sending nothing), says what each disruptive action loses before it runs,
 * and polls a block job only while a running domain's tab is on screen.
 */
public final class ActionsViewModel extends DomainTabViewModel {
    /** Linux keycodes (KEY_*): the LINUX keycode set. */
    static final Map<String, int[]> KEYS = new LinkedHashMap<>();
    /** virDomainPMSuspendForDuration's targets, in the order of VIR_NODE_SUSPEND_TARGET_*. */
    static final List<String> PM_TARGETS = List.of("suspend to RAM", "suspend to disk", "hybrid");
    static final List<String> KEYCODE_SETS = List.of("LINUX", "XT", "ATSET1", "ATSET2", "ATSET3", "OSX", "XT_KBD", "USB", "WIN32", "RFB");
    static final NumberRule PM_SECONDS = new NumberRule("Wake-up time", 0, Integer.MAX_VALUE, false);
    static final NumberRule PEEK_OFFSET = new NumberRule("Offset", 0, Long.MAX_VALUE, true);
    /** libvirt takes MiB/s as an unsigned long and refuses more than fits in bytes/s. */
    static final NumberRule SPEED = new NumberRule("Speed", 0, Long.MAX_VALUE >> 20, false);
    static final int PEEK_SIZE = 256;
    static final Duration POLL_EVERY = Duration.millis(500);

    static {
        KEYS.put("Ctrl+Alt+Del", new int[] {29, 56, 111});
        KEYS.put("Ctrl+Alt+Backspace", new int[] {29, 56, 14});
        int[] fkeys = {59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 87, 88};
        for (int i = 0; i < 12; i++) {
            KEYS.put("Ctrl+Alt+F" + (i + 1), new int[] {29, 56, fkeys[i]});
        }
        KEYS.put("Alt+SysRq+S (sync)", new int[] {56, 99, 31});
        KEYS.put("Alt+SysRq+B (reboot)", new int[] {56, 99, 48});
    }

    private static final String DISRUPTIVE_KEYS = "These keys can reboot the guest or end its session (Ctrl+Alt+Del, "
        + "Ctrl+Alt+Backspace, SysRq): unsaved data in the guest may be lost.";

    private final ObjectProperty<BlockJob> blockJob = new SimpleObjectProperty<>(this, "blockJob");
    private final StringProperty peek = new SimpleStringProperty(this, "peek", "");
    private final StringProperty agentInfo = new SimpleStringProperty(this, "agentInfo", "");
    private final Timeline poll = new Timeline(new KeyFrame(POLL_EVERY, e -> pollTick()));
    private BooleanSupplier onScreen = () -> false;
    private Supplier<String> pollDisk = () -> "";

    ActionsViewModel(DomainPageViewModel page) {
        super(page, DomainPageViewModel.ACTIONS);
        poll.setCycleCount(Animation.INDEFINITE);
    }

    @Override
    void clear() {
        blockJob.set(null);
        peek.set("");
        agentInfo.set("");
    }

    @Override
    void load() {
        // nothing to read: the block job's own poll shows how a job goes
    }

    private DomainService service() {
        return page.service();
    }

    private String uuid() {
        return page.uuid();
    }

    // ------------------------------------------------------------ block job poll

    /**
     * Polls the block job of the disk {@code disk} names every {@link #POLL_EVERY} while the tab is in a scene; each tick
     * asks {@link #shouldPoll()} first. {@code onScreen}: whether the tab is on screen (its view knows).
     */
    void startPolling(Supplier<String> disk, BooleanSupplier tabOnScreen) {
        this.pollDisk = disk;
        this.onScreen = tabOnScreen;
        poll.play();
    }

    void stopPolling() {
        poll.stop();
    }

    /** Whether a block job is worth polling now: a running domain open and its Actions tab on screen. */
    boolean shouldPoll() {
        DomainRowViewModel d = page.domainProperty().get();
        return d != null && d.getState().isActive() && onScreen.getAsBoolean();
    }

    /** One tick of the poll: asks libvirt only when {@link #shouldPoll()}; says whether it asked. */
    boolean pollTick() {
        if (!shouldPoll()) {
            return false;
        }
        pollBlockJob(pollDisk.get());
        return true;
    }

    /** Polls the block job of {@code disk} once into {@link #blockJobProperty()} (dropped when another domain opened meanwhile). */
    public CompletableFuture<BlockJob> pollBlockJob(String disk) {
        CompletableFuture<BlockJob> f = DomainPageViewModel.safe(() -> service().blockJob(uuid(), disk));
        f.whenComplete(page.onPage((job, err) -> blockJob.set(err == null ? job : null)));
        return f;
    }

    /** "copy 42% (1024 / 2048 bytes, 10 MiB/s)", or "no job". */
    static String jobText(BlockJob job) {
        return job == null ? "no job" : job.type() + " " + Math.round(job.fraction() * 100) + "% (" + job.cur() + " / " + job.end() + " bytes"
            + (job.bandwidth() > 0 ? ", " + job.bandwidth() + " MiB/s" : "") + ")";
    }

    // ------------------------------------------------------------ input checks

    /** Why {@code text} cannot hold {@code what} on the host (see {@link HostPath}), or null. */
    static String hostPathProblem(String text, String what) {
        return HostPath.problem(text, what).orElse(null);
    }

    /** A path picker over the open domain's host's storage pools (null while no domain is open). */
    HostPathViewModel hostPaths() {
        return page.hostPaths();
    }

    /** The file name a host path picker offers: the typed path's file name, or the domain's name with {@code suffix}. */
    String suggestedFile(String typed, String suffix) {
        String t = typed.strip();
        return t.contains("/") && !t.endsWith("/") ? t.substring(t.lastIndexOf('/') + 1) : t.isEmpty() ? page.name() + suffix : t;
    }

    /** Linux keycodes that reboot or kill a session in common guests: Del or Backspace with Ctrl+Alt, and any SysRq. */
    static boolean disruptive(int[] codes) {
        Set<Integer> set = new HashSet<>();
        for (int c : codes) {
            set.add(c);
        }
        boolean ctrlAlt = (set.contains(29) || set.contains(97)) && (set.contains(56) || set.contains(100));
        return set.contains(99) || ctrlAlt && (set.contains(111) || set.contains(14));
    }

    /** Why {@code text} is not a list of key codes (see {@link KeyCodes}), or null. */
    static String keyCodesProblem(String text) {
        return KeyCodes.problem(text).orElse(null);
    }

    static int[] keyCodes(String text) {
        return KeyCodes.parse(text);
    }

    /** Refuses {@code problem} on the outcome line (true: nothing may be sent), or nothing to refuse (false). */
    private boolean refused(String problem) {
        if (problem == null) {
            return false;
        }
        page.refuse(DomainPageViewModel.ACTIONS, problem);
        return true;
    }

    // ------------------------------------------------------------ what disruptive actions lose

    Confirmation resetConfirmation() {
        return new Confirmation("Reset " + page.name() + "?",
            "The guest restarts at once like a pressed reset button: unsaved data in the guest is lost.", "Reset");
    }

    Confirmation forceOffConfirmation() {
        return new Confirmation("Force off " + page.name() + "?",
            "The guest stops at once, as if unplugged: unsaved data in the guest is lost.", "Force off");
    }

    Confirmation saveConfirmation(String file) {
        return new Confirmation("Save " + page.name() + " to a file?",
            "The guest stops; its memory goes to " + file + " (an existing file there is overwritten).", "Save");
    }

    /** A dump that stops (crash) or resets the guest asks first; a plain one does not (null). */
    Confirmation coreDumpConfirmation(Set<DomainFlags.Dump> flags) {
        boolean crash = flags.contains(DomainFlags.Dump.CRASH);
        if (!crash && !flags.contains(DomainFlags.Dump.RESET)) {
            return null;
        }
        return new Confirmation("Core dump " + page.name() + " and " + (crash ? "stop" : "reset") + " it?",
            crash ? "The guest is stopped after the dump, as if unplugged: unsaved data in it is lost."
                : "The guest is reset after the dump, like a pressed reset button: unsaved data in it is lost.", "Dump");
    }

    /** Keys that reboot or end a session ask first (null: they do not); only LINUX codes are known. */
    Confirmation keysConfirmation(String label, String codeSet, int[] codes) {
        return codeSet.equals("LINUX") && disruptive(codes)
            ? new Confirmation("Send " + label.strip() + " to " + page.name() + "?", DISRUPTIVE_KEYS, "Send") : null;
    }

    Confirmation nmiConfirmation() {
        return new Confirmation("Inject an NMI into " + page.name() + "?",
            "Many guests panic or reboot on a non-maskable interrupt (Linux with panic on NMI, Windows with its crash dump "
                + "setting): unsaved data in the guest may be lost.", "Inject NMI");
    }

    Confirmation undefineConfirmation(Set<DomainFlags.Undefine> flags) {
        return new Confirmation("Undefine " + page.name() + "?",
            "Its saved definition is deleted: a shut-off domain disappears from the list; a running one becomes transient and "
                + "disappears when it stops. Disk images stay on disk."
                + (flags.contains(DomainFlags.Undefine.MANAGED_SAVE) ? " Its managed save image is deleted." : "")
                + (flags.contains(DomainFlags.Undefine.SNAPSHOTS_METADATA) ? " libvirt forgets its snapshots." : ""),
            "Undefine");
    }

    Confirmation freezeConfirmation() {
        return new Confirmation("Freeze " + page.name() + "'s filesystems?",
            "Every write in the guest waits until you press Thaw (programs that write hang meanwhile).", "Freeze");
    }

    // ------------------------------------------------------------ lifecycle

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

    /** {@code target} one of {@link #PM_TARGETS}; {@code secondsText} as typed (0 = never wake). */
    public void pmSuspend(String target, String secondsText) {
        NumberInput seconds = PM_SECONDS.parse(secondsText);
        if (refused(seconds.problem())) {
            return;
        }
        int t = PM_TARGETS.indexOf(target);
        action("PM suspend", () -> service().pmSuspend(uuid(), t, seconds.value()));
    }

    public void pmWakeup() {
        action("Wake up", () -> service().pmWakeup(uuid()));
    }

    public void save(String file, Set<DomainFlags.Save> flags) {
        if (refused(hostPathProblem(file, "the guest's memory"))) {
            return;
        }
        action("Save to " + file, () -> service().save(uuid(), file, flags));
    }

    public void restore(String file, Set<DomainFlags.Save> flags) {
        if (refused(hostPathProblem(file, "the guest's memory"))) {
            return;
        }
        DomainService svc = service();
        action("Restore from " + file, () -> svc.restore(file, flags));
    }

    public void managedSave(Set<DomainFlags.Save> flags) {
        action("Managed save", () -> service().managedSave(uuid(), flags));
    }

    public void coreDump(String file, Set<DomainFlags.Dump> flags) {
        if (refused(hostPathProblem(file, "the guest's memory"))) {
            return;
        }
        action("Core dump to " + file, () -> service().coreDump(uuid(), file, flags));
    }

    public void injectNmi() {
        action("Inject NMI", () -> service().injectNmi(uuid()));
    }

    /** One of {@link #KEYS}. */
    public void sendCombo(String combo) {
        sendKey(combo, "LINUX", KEYS.get(combo));
    }

    /** Codes as typed ("29 56 111", hex as 0x…) in {@code codeSet}; refused with the reason unless they are key codes. */
    public void sendCodes(String text, String codeSet) {
        if (refused(keyCodesProblem(text))) {
            return;
        }
        sendKey(text, codeSet, keyCodes(text));
    }

    public void sendKey(String label, String codeSet, int[] keys) {
        action("Send " + label, () -> service().sendKey(uuid(), codeSet, 100, keys));
    }

    public void screenshotTo(String file) {
        action("Screenshot to " + file, () -> service().screenshotTo(uuid(), Path.of(file)));
    }

    /** The outcome also goes to the status line: a shut-off domain disappears with its page as soon as the list refreshes. */
    public void undefine(Set<DomainFlags.Undefine> flags) {
        page.run(DomainPageViewModel.ACTIONS, "Undefine " + page.name(), () -> service().undefine(uuid(), flags),
            DomainPageViewModel.OVERVIEW, true);
    }

    // ------------------------------------------------------------ guest agent

    public void fsFreeze() {
        page.read(DomainPageViewModel.ACTIONS, "Freeze filesystems", () -> service().fsFreeze(uuid()),
            n -> agentInfo.set(n + " filesystem(s) frozen: guest writes wait until Thaw"));
    }

    public void fsThaw() {
        page.read(DomainPageViewModel.ACTIONS, "Thaw filesystems", () -> service().fsThaw(uuid()), n -> agentInfo.set(n + " filesystem(s) thawed"));
    }

    public void fsInfo() {
        page.read(DomainPageViewModel.ACTIONS, "Filesystems", () -> service().fsInfo(uuid()),
            l -> agentInfo.set(l.isEmpty() ? "no filesystem mounted in the guest" : "mounted (mountpoint, device, type, disks):\n" + String.join("\n", l)));
    }

    public void guestTime() {
        page.read(DomainPageViewModel.ACTIONS, "Guest time", () -> service().guestTime(uuid()), t -> agentInfo.set("guest clock: "
            + Instant.ofEpochSecond(t) + " (" + (t - System.currentTimeMillis() / 1000) + " s from this computer's)"));
    }

    /** Sets the guest's clock to this computer's time now. */
    public void setGuestTimeToNow() {
        long now = System.currentTimeMillis() / 1000;
        page.read(DomainPageViewModel.ACTIONS, "Set guest time", () -> service().setGuestTime(uuid(), now), v -> agentInfo.set("guest clock set to "
            + Instant.ofEpochSecond(now)));
    }

    /** The password goes to the agent and is not kept (the caller clears its field). */
    public void setUserPassword(String user, String password) {
        if (refused(GuestCredentials.problem(user, password).orElse(null))) {
            return;
        }
        page.read(DomainPageViewModel.ACTIONS, "Set password of " + user, () -> service().setUserPassword(uuid(), user, password),
            v -> agentInfo.set("password of " + user + " changed in the guest"));
    }

    // ------------------------------------------------------------ peek

    /** {@code offsetText} as typed (decimal, or hex as 0x…); refused with the reason unless it is an offset. */
    public void memoryPeek(String offsetText) {
        NumberInput at = PEEK_OFFSET.parse(offsetText);
        if (refused(at.problem())) {
            return;
        }
        long start = at.value();
        page.read(DomainPageViewModel.ACTIONS, "Peek memory at 0x" + Long.toHexString(start), () -> service().memoryPeek(uuid(), start, PEEK_SIZE),
            b -> peek.set(HexView.format(start, b)));
    }

    public void blockPeek(String disk, String offsetText) {
        NumberInput at = PEEK_OFFSET.parse(offsetText);
        if (refused(at.problem())) {
            return;
        }
        long offset = at.value();
        page.read(DomainPageViewModel.ACTIONS, "Peek disk " + disk + " at 0x" + Long.toHexString(offset),
            () -> service().blockPeek(uuid(), disk, offset, PEEK_SIZE), b -> peek.set(HexView.format(offset, b)));
    }

    // ------------------------------------------------------------ block jobs

    /** {@code speedText}: MiB/s as typed (0 = unlimited); refused with the reason unless it is a speed. */
    public void blockPull(String disk, String speedText) {
        withSpeed(speedText, mib -> blockJobAction("Block pull of " + disk, () -> service().blockPull(uuid(), disk, mib)));
    }

    public void blockCommit(String disk, String speedText) {
        withSpeed(speedText, mib -> blockJobAction("Block commit of " + disk, () -> service().blockCommit(uuid(), disk, mib)));
    }

    public void blockCopy(String disk, String dest, String speedText) {
        withSpeed(speedText, mib -> blockJobAction("Block copy of " + disk + " to " + dest, () -> service().blockCopy(uuid(), disk, dest, mib)));
    }

    public void blockJobSpeed(String disk, String speedText) {
        withSpeed(speedText, mib -> blockJobAction("Set job speed of " + disk, () -> service().blockJobSpeed(uuid(), disk, mib)));
    }

    public void blockJobAbort(String disk, boolean pivot) {
        blockJobAction((pivot ? "Pivot" : "Abort") + " job on " + disk, () -> service().blockJobAbort(uuid(), disk, pivot));
    }

    private void withSpeed(String speedText, java.util.function.LongConsumer then) {
        NumberInput speed = SPEED.parse(speedText);
        if (!refused(speed.problem())) {
            then.accept(speed.value());
        }
    }

    /**
     * A block job's start, speed, pivot or abort: nothing else is reloaded then. The Overview's reads
     * (disk errors: query-block) while QEMU 7.2 changes the disk's graph crashed the guest in the lab;
     * the job's own poll shows how it goes.
     */
    private void blockJobAction(String label, Supplier<CompletableFuture<?>> call) {
        page.run(DomainPageViewModel.ACTIONS, label, call, DomainPageViewModel.ACTIONS);
    }

    private void action(String label, Supplier<CompletableFuture<?>> call) {
        page.run(DomainPageViewModel.ACTIONS, label, call, DomainPageViewModel.OVERVIEW);
    }

    public StringProperty agentInfoProperty() {
        return agentInfo;
    }

    public ObjectProperty<BlockJob> blockJobProperty() {
        return blockJob;
    }

    public StringProperty peekProperty() {
        return peek;
    }
}
