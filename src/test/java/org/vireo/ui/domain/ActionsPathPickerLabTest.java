package org.vireo.ui.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vireo.model.PoolInfo;
import org.vireo.model.VolumeInfo;
import org.vireo.support.CreateLab;
import org.vireo.support.Fx;
import org.vireo.support.Lab;
import org.vireo.support.LabWindow;
import org.vireo.support.ScratchGuest;
import org.vireo.support.Screenshots;

/**
 * Save, restore and core dump to paths picked from the lab host's storage pools with the
 * Choose… buttons (no path typed): the files land in a lab pool's directory, virsh sees the
 * guest saved and restored. Works on a throwaway copy of lab-gamma, removed afterwards.
 */
@Tag("lab")
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ActionsPathPickerLabTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String POOL = "vireo-picked";
    private LabWindow lab;
    private ScratchGuest scratch;
    private Path poolDir;

    @Start
    void start(Stage stage) {
        lab = LabWindow.show(stage);
    }

    @AfterEach
    void stop() throws IOException {
        lab.close();
        if (scratch != null) {
            scratch.close();
            if (poolDir != null) {
                try (var files = Files.newDirectoryStream(poolDir, scratch.name() + "*")) {
                    for (Path f : files) {
                        Files.deleteIfExists(f);
                    }
                }
                Lab.virsh("pool-refresh", POOL);
            }
        }
    }

    @Test
    void saveRestoreAndCoreDumpToFilesPickedFromAHostPool(FxRobot robot) throws IOException {
        poolDir = CreateLab.pool(POOL);
        String name = defineScratch();
        Lab.virsh("start", name);
        assertEquals("running", Lab.state(name));
        lab.open(robot, name);
        lab.tab("actionsTab");
        TextField saveField = robot.lookup("#saveFileField").queryAs(TextField.class);
        assertEquals("", Fx.get(saveField::getText), "nothing typed: only the picker can fill the path");

        // save: the pool's directory and the name offered (the domain's name + .save)
        press(robot, "#chooseSaveFileButton");
        DialogPane dialog = awaitDialog(robot);
        pickPool(robot);
        TextField nameField = robot.lookup("#hostPathNameField").queryAs(TextField.class);
        assertEquals(name + ".save", Fx.get(nameField::getText));
        Path save = poolDir.resolve(name + ".save");
        Fx.await(WAIT, "the full path shown", () -> robot.lookup("#hostPathResult").queryAs(javafx.scene.control.Label.class)
            .getText().equals("Path on the host: " + save));
        Screenshots.saveDoc(dialog.getScene(), "host-path-picker");
        robot.clickOn("#hostPathOkButton");
        Fx.await(WAIT, "the dialog closes", () -> robot.lookup("#hostPathDialog").tryQuery().isEmpty());
        assertEquals(save.toString(), Fx.get(saveField::getText), "the picker filled the path");
        Screenshots.save(lab.scene(), "domain-actions-host-path");
        press(robot, "#saveButton");
        confirm(robot, "Save");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "save");
        assertEquals("shut off", Lab.state(name));
        assertEquals("saved", Lab.virsh("domstate", "--reason", name).replaceAll(".*\\((.*)\\)", "$1"));
        assertTrue(Files.size(save) > 1 << 20, "save file written in the pool's directory");

        // restore: the field emptied, the saved image picked from the pool's files
        Fx.run(() -> saveField.setText(""));
        press(robot, "#chooseSaveFileButton");
        awaitDialog(robot);
        pickPool(robot);
        // a new dialog each time: its own fields
        TextField restoreName = robot.lookup("#hostPathNameField").queryAs(TextField.class);
        ListView<VolumeInfo> files = list(robot, "#hostPathFileList");
        Fx.await(WAIT, "the save image listed", () -> files.getItems().stream().anyMatch(v -> v.name().equals(name + ".save")));
        Fx.run(() -> restoreName.setText("something else"));
        robot.clickOn(cell(robot, "#hostPathFileList", name + ".save"));
        Fx.await(WAIT, "the clicked file named", () -> restoreName.getText().equals(name + ".save"));
        Screenshots.saveDoc(robot.lookup("#hostPathDialog").query().getScene(), "host-path-picker-restore");
        robot.clickOn("#hostPathOkButton");
        Fx.await(WAIT, "the dialog closes", () -> robot.lookup("#hostPathDialog").tryQuery().isEmpty());
        assertEquals(save.toString(), Fx.get(saveField::getText), "the picker filled the path");
        press(robot, "#restoreButton");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "restore");
        assertEquals("running", Lab.state(name));
        assertEquals("restored", Lab.virsh("domstate", "--reason", name).replaceAll(".*\\((.*)\\)", "$1"));

        // core dump, memory only, to a new file in the pool
        Path core = poolDir.resolve(name + ".core");
        press(robot, "#chooseDumpFileButton");
        awaitDialog(robot);
        pickPool(robot);
        TextField dumpName = robot.lookup("#hostPathNameField").queryAs(TextField.class);
        Fx.await(WAIT, "the dump name offered", () -> dumpName.getText().equals(name + ".core"));
        robot.clickOn("#hostPathOkButton");
        Fx.await(WAIT, "the dialog closes", () -> robot.lookup("#hostPathDialog").tryQuery().isEmpty());
        assertEquals(core.toString(), Fx.get(() -> robot.lookup("#dumpFileField").queryAs(TextField.class).getText()));
        Fx.run(() -> robot.lookup("#dump-MEMORY_ONLY").queryAs(CheckBox.class).setSelected(true));
        press(robot, "#coreDumpButton");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "core dump");
        byte[] head = new byte[4];
        try (var in = Files.newInputStream(core)) {
            assertEquals(4, in.read(head));
        }
        assertEquals("\u007fELF", new String(head, java.nio.charset.StandardCharsets.ISO_8859_1), "an ELF core in the pool");
    }

    /** A name with a slash is refused in the dialog (Use stays disabled) and Cancel leaves the field as it was. */
    @Test
    void aPathTypedAsTheNameIsRefusedAndCancelKeepsTheField(FxRobot robot) throws IOException {
        poolDir = CreateLab.pool(POOL);
        String name = defineScratch();
        lab.open(robot, name);
        lab.tab("actionsTab");
        TextField dumpField = robot.lookup("#dumpFileField").queryAs(TextField.class);
        Fx.run(() -> dumpField.setText("/var/lib/keep/" + name + ".core"));
        press(robot, "#chooseDumpFileButton");
        awaitDialog(robot);
        pickPool(robot);
        TextField nameField = robot.lookup("#hostPathNameField").queryAs(TextField.class);
        assertEquals(name + ".core", Fx.get(nameField::getText), "the field's file name offered");
        Fx.run(() -> nameField.setText("../etc/x"));
        ButtonBase ok = robot.lookup("#hostPathOkButton").queryAs(ButtonBase.class);
        Fx.await(WAIT, "Use disabled", ok::isDisabled);
        assertTrue(Fx.get(() -> robot.lookup("#hostPathResult").queryAs(javafx.scene.control.Label.class).getText())
            .startsWith("A file name, not a path"));
        Fx.run(() -> nameField.setText(name + ".core"));
        Fx.await(WAIT, "Use enabled", () -> !ok.isDisabled());
        DialogPane pane = robot.lookup("#hostPathDialog").queryAs(DialogPane.class);
        robot.clickOn(robot.from(pane).lookup((javafx.scene.control.Button b) -> "Cancel".equals(b.getText())).queryButton());
        Fx.await(WAIT, "the dialog closes", () -> robot.lookup("#hostPathDialog").tryQuery().isEmpty());
        assertEquals("/var/lib/keep/" + name + ".core", Fx.get(dumpField::getText), "cancel changes nothing");
    }

    private DialogPane awaitDialog(FxRobot robot) {
        Fx.await(WAIT, "the path picker", () -> robot.lookup("#hostPathDialog").tryQuery().isPresent());
        return robot.lookup("#hostPathDialog").queryAs(DialogPane.class);
    }

    /** Waits for the lab pool in the picker's list (read off the FX thread) and clicks it. */
    private void pickPool(FxRobot robot) {
        ListView<PoolInfo> pools = list(robot, "#hostPathPoolList");
        Fx.await(WAIT, POOL + " listed", () -> pools.getItems().stream().anyMatch(p -> p.name().equals(POOL)));
        robot.clickOn(cell(robot, "#hostPathPoolList", POOL));
        Fx.await(WAIT, POOL + " chosen", () -> pools.getSelectionModel().getSelectedItem() != null
            && pools.getSelectionModel().getSelectedItem().name().equals(POOL));
    }

    @SuppressWarnings("unchecked")
    private static <T> ListView<T> list(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(ListView.class);
    }

    /** The cell of a list whose text starts with {@code name}, scrolled into view. */
    private static ListCell<?> cell(FxRobot robot, String listId, String name) {
        ListView<?> l = robot.lookup(listId).queryAs(ListView.class);
        Fx.run(() -> {
            for (int i = 0; i < l.getItems().size(); i++) {
                Object o = l.getItems().get(i);
                String n = o instanceof PoolInfo p ? p.name() : ((VolumeInfo) o).name();
                if (n.equals(name)) {
                    l.scrollTo(i);
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        return robot.from(l).lookup((ListCell<?> c) -> c.getText() != null && (c.getText().startsWith(name + "\n")
            || c.getText().startsWith(name + "  ("))).query();
    }

    private static void press(FxRobot robot, String id) {
        ButtonBase b = robot.lookup(id).queryAs(ButtonBase.class);
        Fx.await(WAIT, id + " shown and enabled", () -> b.getScene() != null && !b.isDisabled());
        Fx.run(() -> DomainPagesLabTest.scrollIntoView(b));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Fx.get(() -> DomainPagesLabTest.inView(b)), id + " in view");
        robot.clickOn(b);
    }

    private static void confirm(FxRobot robot, String action) {
        Fx.await(Duration.ofSeconds(10), "confirm dialog", () -> robot.lookup("#confirmDialog").tryQuery().isPresent());
        DialogPane pane = robot.lookup("#confirmDialog").queryAs(DialogPane.class);
        robot.clickOn(robot.from(pane).lookup((javafx.scene.control.Button b) -> action.equals(b.getText())).queryButton());
    }

    /** A copy of lab-gamma with its own name, UUID, MAC, disk and log; shut off. */
    private String defineScratch() {
        scratch = ScratchGuest.define("vireo-picker");
        return scratch.name();
    }
}
