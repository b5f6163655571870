package org.vireo.ui.domain;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.vireo.model.BlockJob;
import org.vireo.model.DomainFlags;
import org.vireo.model.DomainFlags.PowerMode;
import org.vireo.ui.dialog.ConfirmDialog;

/** Actions: lifecycle with flags, save/restore, managed save, core dump, NMI, keys, screenshot, peek, block jobs, undefine. */
final class ActionsTab extends VBox {
    /** Linux keycodes (KEY_*): the LINUX keycode set. */
    private static final Map<String, int[]> KEYS = new LinkedHashMap<>();

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

    private final DomainPageViewModel model;

    ActionsTab(DomainPageViewModel model) {
        this.model = model;
        setId("actionsPane");
        // power
        Map<DomainFlags.Start, CheckBox> startFlags = new LinkedHashMap<>();
        FlowPane start = new FlowPane(8, 6);
        start.getChildren().add(Ui.button("startWithFlagsButton", "Start", () -> model.start(chosen(startFlags, DomainFlags.Start.class))));
        for (DomainFlags.Start f : DomainFlags.Start.values()) {
            CheckBox c = new CheckBox(f.label());
            c.setId("start-" + f.name());
            startFlags.put(f, c);
            start.getChildren().add(c);
        }
        ChoiceBox<PowerMode> mode = new ChoiceBox<>(FXCollections.observableArrayList(PowerMode.values()));
        mode.setId("powerModeChoice");
        mode.setValue(PowerMode.DEFAULT);
        CheckBox graceful = new CheckBox("graceful");
        graceful.setId("gracefulCheck");
        FlowPane power = new FlowPane(8, 6,
            Ui.button("shutdownWithModeButton", "Shut down", () -> model.shutdown(mode.getValue())),
            Ui.button("rebootWithModeButton", "Reboot", () -> model.reboot(mode.getValue())),
            Ui.caption("via"), mode,
            Ui.button("pauseActionButton", "Pause", model::pause),
            Ui.button("resumeActionButton", "Resume", model::resume),
            Ui.button("resetButton", "Reset…", () -> confirm("Reset " + model.name() + "?",
                "The guest restarts at once like a pressed reset button: unsaved data in the guest is lost.", "Reset", model::reset)),
            Ui.button("forceOffActionButton", "Force off…", () -> confirm("Force off " + model.name() + "?",
                "The guest stops at once, as if unplugged: unsaved data in the guest is lost.", "Force off",
                () -> model.forceOff(graceful.isSelected()))), graceful);
        NumberField pmSeconds = new NumberField("pmDurationField", "0", "Wake-up time", 0, Integer.MAX_VALUE, false);
        pmSeconds.setPrefColumnCount(4);
        ChoiceBox<String> pmTarget = new ChoiceBox<>(FXCollections.observableArrayList("suspend to RAM", "suspend to disk", "hybrid"));
        pmTarget.setId("pmTargetChoice");
        pmTarget.setValue("suspend to RAM");
        Button pmSuspend = Ui.button("pmSuspendButton", "PM suspend", () -> model.pmSuspend(
            pmTarget.getItems().indexOf(pmTarget.getValue()), pmSeconds.value()));
        pmSuspend.disableProperty().bind(pmSeconds.invalid());
        FlowPane pm = new FlowPane(8, 6, pmSuspend, pmTarget,
            Ui.caption("wake after s (0 = never)"), pmSeconds, pmSeconds.reason(), Ui.button("pmWakeupButton", "Wake up", model::pmWakeup));

        // save / restore
        CheckedField saveFile = new CheckedField("saveFileField", "", t -> hostPathProblem(t, "the guest's memory"));
        saveFile.setPrefColumnCount(28);
        model.domainProperty().addListener((o, a, d) -> {
            if (d != null) {
                saveFile.setPromptText("a file on the host, e.g. /var/lib/libvirt/qemu/save/" + d.getName() + ".save");
            }
        });
        Map<DomainFlags.Save, CheckBox> saveFlags = new LinkedHashMap<>();
        Button saveButton = Ui.button("saveButton", "Save…", () -> confirm("Save " + model.name() + " to a file?",
            "The guest stops; its memory goes to " + saveFile.getText() + " (an existing file there is overwritten).", "Save",
            () -> model.save(saveFile.getText(), chosen(saveFlags, DomainFlags.Save.class))));
        Button restoreButton = Ui.button("restoreButton", "Restore", () -> model.restore(saveFile.getText(), chosen(saveFlags, DomainFlags.Save.class)));
        saveButton.disableProperty().bind(saveFile.invalid());
        restoreButton.disableProperty().bind(saveFile.invalid());
        Button chooseSave = Ui.button("chooseSaveFileButton", "Choose…", () -> pickHostPath(saveFile,
            "Save or restore " + model.name() + ": a file on the host", ".save"));
        FlowPane saveBox = new FlowPane(8, 6, Ui.caption("File"), saveFile, chooseSave, saveFile.reason(), saveButton, restoreButton,
            Ui.button("managedSaveButton", "Managed save", () -> model.managedSave(chosen(saveFlags, DomainFlags.Save.class))));
        for (DomainFlags.Save f : DomainFlags.Save.values()) {
            CheckBox c = new CheckBox(f.label());
            c.setId("save-" + f.name());
            saveFlags.put(f, c);
            saveBox.getChildren().add(c);
        }

        // core dump
        CheckedField dumpFile = new CheckedField("dumpFileField", "", t -> hostPathProblem(t, "the guest's memory"));
        dumpFile.setPrefColumnCount(28);
        model.domainProperty().addListener((o, a, d) -> {
            if (d != null) {
                dumpFile.setPromptText("a file on the host, e.g. /var/lib/libvirt/qemu/dump/" + d.getName() + ".core");
            }
        });
        Map<DomainFlags.Dump, CheckBox> dumpFlags = new LinkedHashMap<>();
        Button coreDump = Ui.button("coreDumpButton", "Core dump", () -> {
                Set<DomainFlags.Dump> flags = chosen(dumpFlags, DomainFlags.Dump.class);
                String lost = flags.contains(DomainFlags.Dump.CRASH) ? "The guest is stopped after the dump, as if unplugged: unsaved data in it is lost."
                    : flags.contains(DomainFlags.Dump.RESET) ? "The guest is reset after the dump, like a pressed reset button: unsaved data in it is lost."
                    : null;
                if (lost == null) {
                    model.coreDump(dumpFile.getText(), flags);
                } else {
                    confirm("Core dump " + model.name() + " and " + (flags.contains(DomainFlags.Dump.CRASH) ? "stop" : "reset") + " it?",
                        lost, "Dump", () -> model.coreDump(dumpFile.getText(), flags));
                }
            });
        coreDump.disableProperty().bind(dumpFile.invalid());
        Button chooseDump = Ui.button("chooseDumpFileButton", "Choose…", () -> pickHostPath(dumpFile,
            "Core dump of " + model.name() + ": a file on the host", ".core"));
        FlowPane dump = new FlowPane(8, 6, Ui.caption("File"), dumpFile, chooseDump, dumpFile.reason(), coreDump);
        for (DomainFlags.Dump f : DomainFlags.Dump.values()) {
            CheckBox c = new CheckBox(f.label());
            c.setId("dump-" + f.name());
            dumpFlags.put(f, c);
            dump.getChildren().add(c);
        }

        // keys, NMI, screenshot
        ChoiceBox<String> combo = new ChoiceBox<>(FXCollections.observableArrayList(KEYS.keySet()));
        combo.setId("keyComboChoice");
        combo.setValue("Ctrl+Alt+Del");
        CheckedField custom = new CheckedField("customKeysField", "", ActionsTab::keyCodesProblem);
        custom.setPromptText("codes, e.g. 29 56 111");
        custom.setPrefColumnCount(14);
        ChoiceBox<String> codeSet = new ChoiceBox<>(FXCollections.observableArrayList("LINUX", "XT", "ATSET1", "ATSET2", "ATSET3",
            "OSX", "XT_KBD", "USB", "WIN32", "RFB"));
        codeSet.setId("keycodeSetChoice");
        codeSet.setValue("LINUX");
        // a file on this computer: chosen in the desktop's file dialog (or typed)
        TextField shotFile = new TextField();
        shotFile.setId("screenshotFileField");
        shotFile.setPromptText("a PNG file on this computer");
        shotFile.setPrefColumnCount(22);
        Button sendCustom = Ui.button("sendCustomKeysButton", "Send codes", () -> {
            int[] codes = keyCodes(custom.getText());
            if (codeSet.getValue().equals("LINUX") && disruptive(codes)) {
                confirm("Send " + custom.getText().strip() + " to " + model.name() + "?", DISRUPTIVE_KEYS, "Send",
                    () -> model.sendKey(custom.getText(), codeSet.getValue(), codes));
            } else {
                model.sendKey(custom.getText(), codeSet.getValue(), codes);
            }
        });
        sendCustom.disableProperty().bind(custom.invalid());
        FlowPane keys = new FlowPane(8, 6, combo, Ui.button("sendKeysButton", "Send", () -> {
                int[] codes = KEYS.get(combo.getValue());
                if (disruptive(codes)) {
                    confirm("Send " + combo.getValue() + " to " + model.name() + "?", DISRUPTIVE_KEYS, "Send",
                        () -> model.sendKey(combo.getValue(), "LINUX", codes));
                } else {
                    model.sendKey(combo.getValue(), "LINUX", codes);
                }
            }),
            Ui.caption("custom"), custom, codeSet, sendCustom, custom.reason(),
            Ui.button("injectNmiButton", "Inject NMI…", () -> confirm("Inject an NMI into " + model.name() + "?",
                "Many guests panic or reboot on a non-maskable interrupt (Linux with panic on NMI, Windows with its crash dump "
                    + "setting): unsaved data in the guest may be lost.", "Inject NMI", model::injectNmi)));
        Button chooseShot = Ui.button("chooseScreenshotFileButton", "Choose…", () -> {
            javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
            chooser.setTitle("Save the screenshot of " + model.name());
            chooser.setInitialFileName(model.name() + ".png");
            chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("PNG image", "*.png"));
            java.io.File f = chooser.showSaveDialog(getScene().getWindow());
            if (f != null) {
                shotFile.setText(f.getAbsolutePath());
            }
        });
        Button shotButton = Ui.button("screenshotButton", "Save screenshot", () -> model.screenshotTo(shotFile.getText()));
        shotButton.disableProperty().bind(shotFile.textProperty().isEmpty());
        FlowPane shot = new FlowPane(8, 6, Ui.caption("PNG file"), shotFile, chooseShot, shotButton);

        // peek
        NumberField peekAt = new NumberField("peekOffsetField", "0", "Offset", 0, Long.MAX_VALUE, true);
        peekAt.setPrefColumnCount(10);
        TextField peekDisk = new TextField("vda");
        peekDisk.setId("peekDiskField");
        peekDisk.setPrefColumnCount(5);
        TextArea hex = new TextArea();
        hex.setId("peekHexView");
        hex.setEditable(false);
        hex.setPrefRowCount(8);
        hex.setStyle("-fx-font-family: 'DejaVu Sans Mono', monospace;");
        hex.textProperty().bind(model.peekProperty());
        Button memoryPeek = Ui.button("memoryPeekButton", "Peek memory", () -> model.memoryPeek(peekAt.value(), 256));
        Button blockPeek = Ui.button("blockPeekButton", "Peek disk", () -> model.blockPeek(peekDisk.getText(), peekAt.value(), 256));
        memoryPeek.disableProperty().bind(peekAt.invalid());
        blockPeek.disableProperty().bind(peekAt.invalid());
        VBox peek = new VBox(6, new FlowPane(8, 6, Ui.caption("Offset (hex or decimal)"), peekAt, memoryPeek,
            Ui.caption("disk"), peekDisk, blockPeek, peekAt.reason()), hex);

        // block jobs
        TextField jobDisk = new TextField("vda");
        jobDisk.setId("jobDiskField");
        jobDisk.setPrefColumnCount(5);
        // libvirt takes MiB/s as an unsigned long and refuses more than fits in bytes/s
        NumberField speed = new NumberField("jobSpeedField", "0", "Speed", 0, Long.MAX_VALUE >> 20, false);
        speed.setPrefColumnCount(4);
        TextField copyDest = new TextField("/var/tmp/copy.qcow2");
        copyDest.setId("copyDestField");
        copyDest.setPrefColumnCount(18);
        ProgressBar progress = new ProgressBar(0);
        progress.setId("blockJobProgress");
        progress.setPrefWidth(200);
        Label jobText = new Label("no job");
        jobText.setId("blockJobText");
        model.blockJobProperty().addListener((o, a, job) -> showJob(job, progress, jobText));
        javafx.animation.Timeline poll = new javafx.animation.Timeline(new javafx.animation.KeyFrame(javafx.util.Duration.millis(500),
            e -> {
                if (model.domainProperty().get() != null && model.domainProperty().get().getState().isActive() && shown()) {
                    model.pollBlockJob(jobDisk.getText());
                }
            }));
        poll.setCycleCount(javafx.animation.Animation.INDEFINITE);
        sceneProperty().addListener((o, a, s) -> {
            if (s == null) {
                poll.stop();
            } else {
                poll.play();
            }
        });
        Button pull = Ui.button("blockPullButton", "Pull", () -> model.blockPull(jobDisk.getText(), speed.value()));
        Button commit = Ui.button("blockCommitButton", "Commit", () -> model.blockCommit(jobDisk.getText(), speed.value()));
        Button copy = Ui.button("blockCopyButton", "Copy to", () -> model.blockCopy(jobDisk.getText(), copyDest.getText(), speed.value()));
        Button setSpeed = Ui.button("jobSpeedButton", "Set speed", () -> model.blockJobSpeed(jobDisk.getText(), speed.value()));
        for (Button b : List.of(pull, commit, copy, setSpeed)) {
            b.disableProperty().bind(speed.invalid());
        }
        VBox jobs = new VBox(6, new FlowPane(8, 6, Ui.caption("Disk"), jobDisk, Ui.caption("MiB/s (0 = unlimited)"), speed,
            pull, commit, copy, copyDest, speed.reason()),
            new HBox(8, progress, jobText, setSpeed,
                Ui.button("jobAbortButton", "Abort", () -> model.blockJobAbort(jobDisk.getText(), false)),
                Ui.button("jobPivotButton", "Pivot", () -> model.blockJobAbort(jobDisk.getText(), true))));

        // undefine
        Map<DomainFlags.Undefine, CheckBox> undefineFlags = new LinkedHashMap<>();
        FlowPane undefine = new FlowPane(8, 6);
        for (DomainFlags.Undefine f : DomainFlags.Undefine.values()) {
            CheckBox c = new CheckBox(f.label());
            c.setId("undefine-" + f.name());
            undefineFlags.put(f, c);
            undefine.getChildren().add(c);
        }
        undefine.getChildren().add(Ui.button("undefineButton", "Undefine…", () -> confirm("Undefine " + model.name() + "?",
            "Its saved definition is deleted: a shut-off domain disappears from the list; a running one becomes transient and "
                + "disappears when it stops. Disk images stay on disk."
                + (undefineFlags.get(DomainFlags.Undefine.MANAGED_SAVE).isSelected() ? " Its managed save image is deleted." : "")
                + (undefineFlags.get(DomainFlags.Undefine.SNAPSHOTS_METADATA).isSelected() ? " libvirt forgets its snapshots." : ""),
            "Undefine", () -> model.undefine(chosen(undefineFlags, DomainFlags.Undefine.class)))));

        // guest agent: filesystems, clock, a user's password (the password field is cleared once sent; nothing keeps it)
        javafx.scene.control.TextField agentUser = new javafx.scene.control.TextField("root");
        agentUser.setId("agentUserField");
        agentUser.setPrefColumnCount(8);
        javafx.scene.control.PasswordField agentPassword = new javafx.scene.control.PasswordField();
        agentPassword.setId("agentPasswordField");
        agentPassword.setPrefColumnCount(12);
        Button setPassword = Ui.button("setPasswordButton", "Set password", () -> {
            model.setUserPassword(agentUser.getText().strip(), agentPassword.getText());
            agentPassword.clear();
        });
        setPassword.disableProperty().bind(agentUser.textProperty().isEmpty().or(agentPassword.textProperty().isEmpty()));
        javafx.scene.control.Label agentInfo = new javafx.scene.control.Label();
        agentInfo.setId("agentInfo");
        agentInfo.setWrapText(true);
        agentInfo.textProperty().bind(model.agentInfoProperty());
        FlowPane agentFs = new FlowPane(8, 6,
            Ui.button("fsFreezeButton", "Freeze filesystems…", () -> confirm("Freeze " + model.name() + "'s filesystems?",
                "Every write in the guest waits until you press Thaw (programs that write hang meanwhile).", "Freeze", model::fsFreeze)),
            Ui.button("fsThawButton", "Thaw", model::fsThaw),
            Ui.button("fsInfoButton", "Filesystems", model::fsInfo),
            Ui.button("guestTimeButton", "Guest time", model::guestTime),
            Ui.button("syncTimeButton", "Set guest time to now", model::setGuestTimeToNow));
        FlowPane agentUserBox = new FlowPane(8, 6, Ui.caption("User"), agentUser, Ui.caption("new password"), agentPassword, setPassword);
        Ui.page(this, Ui.bar(Ui.outcome("actionsOutcome", model.outcome(DomainPageViewModel.ACTIONS), model.failed(DomainPageViewModel.ACTIONS))),
            Ui.section("Start", start), Ui.section("Power", new VBox(6, power, pm)),
            Ui.section("Guest agent", new VBox(6, agentFs, agentUserBox, agentInfo)),
            Ui.section("Save and restore", saveBox), Ui.section("Core dump", dump),
            Ui.section("Keys, NMI and screenshot", new VBox(6, keys, shot)),
            Ui.section("Peek (hex view)", peek), Ui.section("Block jobs", jobs), Ui.section("Undefine", undefine));
    }

    /**
     * Whether this page is on screen: its tab selected (the tab pane hides the content of the others, not the content
     * node itself), the domain page visible and its window showing. Only then is the block job worth polling.
     */
    private boolean shown() {
        for (javafx.scene.Node n = this; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return getScene() != null && getScene().getWindow() != null && getScene().getWindow().isShowing();
    }

    private static void showJob(BlockJob job, ProgressBar bar, Label text) {
        if (job == null) {
            bar.setProgress(0);
            text.setText("no job");
        } else {
            bar.setProgress(job.fraction());
            text.setText(job.type() + " " + Math.round(job.fraction() * 100) + "% (" + job.cur() + " / " + job.end() + " bytes"
                + (job.bandwidth() > 0 ? ", " + job.bandwidth() + " MiB/s" : "") + ")");
        }
    }

    /**
     * Fills {@code field} with a path picked from the host's storage pools. The name offered is the
     * field's file name, or the domain's name with {@code suffix}.
     */
    private void pickHostPath(TextField field, String title, String suffix) {
        HostPathViewModel paths = model.hostPaths();
        if (paths == null) {
            return;
        }
        String typed = field.getText().strip();
        String suggested = typed.contains("/") && !typed.endsWith("/") ? typed.substring(typed.lastIndexOf('/') + 1)
            : typed.isEmpty() ? model.name() + suffix : typed;
        HostPathDialog.pick(getScene().getWindow(), paths, title, "the guest's memory", suggested).ifPresent(field::setText);
    }

    private void confirm(String title, String lost, String action, Runnable run) {
        if (ConfirmDialog.ask(getScene().getWindow(), title, lost, action)) {
            run.run();
        }
    }

    private static <E extends Enum<E>> Set<E> chosen(Map<E, CheckBox> boxes, Class<E> type) {
        Set<E> set = EnumSet.noneOf(type);
        boxes.forEach((f, c) -> {
            if (c.isSelected()) {
                set.add(f);
            }
        });
        return set;
    }

    /**
     * A path on the host for a file holding the guest's memory: absolute, and not straight in a
     * world-writable directory, where other users of the host could read it or plant a link.
     */
    static String hostPathProblem(String text, String what) {
        String t = text.strip();
        if (t.isEmpty()) {
            return "Give a file on the host";
        }
        if (!t.startsWith("/")) {
            return "Give an absolute path on the host, not \"" + t + "\"";
        }
        if (t.endsWith("/")) {
            return "Give a file name, not a directory";
        }
        String dir = t.substring(0, t.lastIndexOf('/'));
        if (java.util.Set.of("", "/tmp", "/var/tmp", "/dev/shm").contains(dir)) {
            return "Not in " + (dir.isEmpty() ? "/" : dir) + ": other users of the host could read " + what + " there";
        }
        return null;
    }

    private static final String DISRUPTIVE_KEYS = "These keys can reboot the guest or end its session (Ctrl+Alt+Del, "
        + "Ctrl+Alt+Backspace, SysRq): unsaved data in the guest may be lost.";

    /** Linux keycodes that reboot or kill a session in common guests: Del or Backspace with Ctrl+Alt, and any SysRq. */
    static boolean disruptive(int[] codes) {
        Set<Integer> set = new java.util.HashSet<>();
        for (int c : codes) {
            set.add(c);
        }
        boolean ctrlAlt = (set.contains(29) || set.contains(97)) && (set.contains(56) || set.contains(100));
        return set.contains(99) || ctrlAlt && (set.contains(111) || set.contains(14));
    }

    /** libvirt sends at most 16 keys at once (VIR_DOMAIN_SEND_KEY_MAX_KEYS); codes are 16-bit. */
    static String keyCodesProblem(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return "Type key codes, e.g. 29 56 111";
        }
        String[] parts = t.split("[\\s,]+");
        if (parts.length > 16) {
            return "At most 16 keys at once, not " + parts.length;
        }
        for (String p : parts) {
            org.vireo.model.NumberInput n = org.vireo.model.NumberInput.parse(p, "Key code", 0, 0xffff, true);
            if (!n.ok()) {
                return n.problem();
            }
        }
        return null;
    }

    private static int[] keyCodes(String text) {
        String[] parts = text.strip().split("[\\s,]+");
        int[] codes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            codes[i] = (int) org.vireo.model.NumberInput.parse(parts[i], "Key code", 0, 0xffff, true).value();
        }
        return codes;
    }
}
