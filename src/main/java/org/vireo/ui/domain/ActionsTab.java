package org.vireo.ui.domain;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.vireo.model.DomainFlags;
import org.vireo.model.DomainFlags.PowerMode;
import org.vireo.ui.dialog.ConfirmDialog;

/** Actions: lifecycle with flags, save/restore, managed save, core dump, NMI, keys, screenshot, peek, block jobs, undefine. */
final class ActionsTab extends VBox {
    private final ActionsViewModel model;

    ActionsTab(ActionsViewModel model) {
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
            Ui.button("resetButton", "Reset…", () -> confirm(model.resetConfirmation(), model::reset)),
            Ui.button("forceOffActionButton", "Force off…", () -> confirm(model.forceOffConfirmation(),
                () -> model.forceOff(graceful.isSelected()))), graceful);
        NumberField pmSeconds = new NumberField("pmDurationField", "0", ActionsViewModel.PM_SECONDS);
        pmSeconds.setPrefColumnCount(4);
        ChoiceBox<String> pmTarget = new ChoiceBox<>(FXCollections.observableArrayList(ActionsViewModel.PM_TARGETS));
        pmTarget.setId("pmTargetChoice");
        pmTarget.setValue(ActionsViewModel.PM_TARGETS.getFirst());
        Button pmSuspend = Ui.button("pmSuspendButton", "PM suspend", () -> model.pmSuspend(pmTarget.getValue(), pmSeconds.getText()));
        pmSuspend.disableProperty().bind(pmSeconds.invalid());
        FlowPane pm = new FlowPane(8, 6, pmSuspend, pmTarget,
            Ui.caption("wake after s (0 = never)"), pmSeconds, pmSeconds.reason(), Ui.button("pmWakeupButton", "Wake up", model::pmWakeup));

        // save / restore
        CheckedField saveFile = new CheckedField("saveFileField", "", t -> ActionsViewModel.hostPathProblem(t, "the guest's memory"));
        saveFile.setPrefColumnCount(28);
        model.domainProperty().addListener((o, a, d) -> {
            if (d != null) {
                saveFile.setPromptText("a file on the host, e.g. /var/lib/libvirt/qemu/save/" + d.getName() + ".save");
            }
        });
        Map<DomainFlags.Save, CheckBox> saveFlags = new LinkedHashMap<>();
        Button saveButton = Ui.button("saveButton", "Save…", () -> confirm(model.saveConfirmation(saveFile.getText()),
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
        CheckedField dumpFile = new CheckedField("dumpFileField", "", t -> ActionsViewModel.hostPathProblem(t, "the guest's memory"));
        dumpFile.setPrefColumnCount(28);
        model.domainProperty().addListener((o, a, d) -> {
            if (d != null) {
                dumpFile.setPromptText("a file on the host, e.g. /var/lib/libvirt/qemu/dump/" + d.getName() + ".core");
            }
        });
        Map<DomainFlags.Dump, CheckBox> dumpFlags = new LinkedHashMap<>();
        Button coreDump = Ui.button("coreDumpButton", "Core dump", () -> {
                Set<DomainFlags.Dump> flags = chosen(dumpFlags, DomainFlags.Dump.class);
                confirm(model.coreDumpConfirmation(flags), () -> model.coreDump(dumpFile.getText(), flags));
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
        ChoiceBox<String> combo = new ChoiceBox<>(FXCollections.observableArrayList(ActionsViewModel.KEYS.keySet()));
        combo.setId("keyComboChoice");
        combo.setValue("Ctrl+Alt+Del");
        CheckedField custom = new CheckedField("customKeysField", "", ActionsViewModel::keyCodesProblem);
        custom.setPromptText("codes, e.g. 29 56 111");
        custom.setPrefColumnCount(14);
        ChoiceBox<String> codeSet = new ChoiceBox<>(FXCollections.observableArrayList(ActionsViewModel.KEYCODE_SETS));
        codeSet.setId("keycodeSetChoice");
        codeSet.setValue("LINUX");
        // a file on this computer: chosen in the desktop's file dialog (or typed)
        TextField shotFile = new TextField();
        shotFile.setId("screenshotFileField");
        shotFile.setPromptText("a PNG file on this computer");
        shotFile.setPrefColumnCount(22);
        Button sendCustom = Ui.button("sendCustomKeysButton", "Send codes", () -> {
            String text = custom.getText();
            String set = codeSet.getValue();
            confirm(model.keysConfirmation(text, set, ActionsViewModel.keyCodes(text)), () -> model.sendCodes(text, set));
        });
        sendCustom.disableProperty().bind(custom.invalid());
        FlowPane keys = new FlowPane(8, 6, combo, Ui.button("sendKeysButton", "Send", () -> {
                String c = combo.getValue();
                confirm(model.keysConfirmation(c, "LINUX", ActionsViewModel.KEYS.get(c)), () -> model.sendCombo(c));
            }),
            Ui.caption("custom"), custom, codeSet, sendCustom, custom.reason(),
            Ui.button("injectNmiButton", "Inject NMI…", () -> confirm(model.nmiConfirmation(), model::injectNmi)));
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

        VBox peek = ActionsSections.peek(model);
        VBox jobs = ActionsSections.blockJobs(model, this, this::shown);

        // undefine
        Map<DomainFlags.Undefine, CheckBox> undefineFlags = new LinkedHashMap<>();
        FlowPane undefine = new FlowPane(8, 6);
        for (DomainFlags.Undefine f : DomainFlags.Undefine.values()) {
            CheckBox c = new CheckBox(f.label());
            c.setId("undefine-" + f.name());
            undefineFlags.put(f, c);
            undefine.getChildren().add(c);
        }
        undefine.getChildren().add(Ui.button("undefineButton", "Undefine…", () -> {
            Set<DomainFlags.Undefine> flags = chosen(undefineFlags, DomainFlags.Undefine.class);
            confirm(model.undefineConfirmation(flags), () -> model.undefine(flags));
        }));

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
            Ui.button("fsFreezeButton", "Freeze filesystems…", () -> confirm(model.freezeConfirmation(), model::fsFreeze)),
            Ui.button("fsThawButton", "Thaw", model::fsThaw),
            Ui.button("fsInfoButton", "Filesystems", model::fsInfo),
            Ui.button("guestTimeButton", "Guest time", model::guestTime),
            Ui.button("syncTimeButton", "Set guest time to now", model::setGuestTimeToNow));
        FlowPane agentUserBox = new FlowPane(8, 6, Ui.caption("User"), agentUser, Ui.caption("new password"), agentPassword, setPassword);
        Ui.page(this, Ui.bar(Ui.outcome("actionsOutcome", model.outcome(), model.failed())),
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

    /**
     * Fills {@code field} with a path picked from the host's storage pools. The name offered is the
     * field's file name, or the domain's name with {@code suffix}.
     */
    private void pickHostPath(TextField field, String title, String suffix) {
        HostPathViewModel paths = model.hostPaths();
        if (paths == null) {
            return;
        }
        HostPathDialog.pick(getScene().getWindow(), paths, title, "the guest's memory", model.suggestedFile(field.getText(), suffix))
            .ifPresent(field::setText);
    }

    /** Runs {@code run} when there is nothing to ask ({@code question} null) or the user agrees. */
    private void confirm(Confirmation question, Runnable run) {
        if (question == null || ConfirmDialog.ask(getScene().getWindow(), question.title(), question.lost(), question.action())) {
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
}
