package org.vireo.ui.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vireo.host.HostOptions;
import org.vireo.model.PoolInfo;
import org.vireo.model.VolumeInfo;
import org.vireo.support.CreateLab;
import org.vireo.support.Fx;
import org.vireo.support.Lab;
import org.vireo.support.Screenshots;
import org.vireo.ui.MainViewModel;
import org.vireo.ui.MainWindow;
import org.vireo.ui.VireoApp;

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
    private MainViewModel model;
    private Scene scene;
    private String scratch;
    private Path scratchDisk;
    private Path poolDir;

    @Start
    void start(Stage stage) {
        model = new MainViewModel(HostOptions.defaults().withPollInterval(Duration.ofSeconds(2)), uris -> { });
        scene = VireoApp.createScene(model, 1280, 800);
        stage.setScene(scene);
        stage.show();
        model.openAll(List.of(Lab.uri()));
    }

    @AfterEach
    void stop() throws IOException {
        Fx.run(() -> List.copyOf(Window.getWindows()).stream()
            .filter(w -> w instanceof Stage st && st.getOwner() != null).forEach(Window::hide));
        Fx.run(model::stopAll);
        if (scratch != null) {
            try {
                Lab.virsh("destroy", scratch);
            } catch (AssertionError ignored) {
                // not running
            }
            Lab.virsh("undefine", scratch, "--managed-save", "--snapshots-metadata");
            Files.deleteIfExists(scratchDisk);
            if (poolDir != null) {
                try (var files = Files.newDirectoryStream(poolDir, scratch + "*")) {
                    for (Path f : files) {
                        Files.deleteIfExists(f);
                    }
                }
                Lab.virsh("pool-refresh", POOL);
            }
        }
    }

    private DomainPageViewModel pages() {
        return ((MainWindow) scene.getRoot()).domainPage().pages();
    }

    @Test
    void saveRestoreAndCoreDumpToFilesPickedFromAHostPool(FxRobot robot) throws IOException {
        poolDir = CreateLab.pool(POOL);
        String name = defineScratch();
        Lab.virsh("start", name);
        assertEquals("running", Lab.state(name));
        open(robot, name);
        Fx.run(() -> {
            TabPane tabs = ((MainWindow) scene.getRoot()).domainPage().tabs();
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "actionsTab".equals(t.getId())).findFirst().orElseThrow());
        });
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
        Screenshots.save(scene, "domain-actions-host-path");
        press(robot, "#saveButton");
        confirm(robot, "Save");
        awaitDone("save");
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
        awaitDone("restore");
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
        awaitDone("core dump");
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
        open(robot, name);
        Fx.run(() -> {
            TabPane tabs = ((MainWindow) scene.getRoot()).domainPage().tabs();
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "actionsTab".equals(t.getId())).findFirst().orElseThrow());
        });
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

    private void open(FxRobot robot, String name) {
        Fx.await(WAIT, name + " listed", () -> robot.lookup("#domain-" + name).tryQuery().isPresent());
        robot.clickOn("#domain-" + name);
        Fx.await(WAIT, name + " page open", () -> pages().domainProperty().get() != null
            && pages().domainProperty().get().getName().equals(name));
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

    private void awaitDone(String what) {
        Fx.await(Duration.ofSeconds(90), what + " done", () -> {
            String o = pages().outcome(DomainPageViewModel.ACTIONS).get();
            if (pages().failed(DomainPageViewModel.ACTIONS).get()) {
                throw new AssertionError(what + " failed: " + o);
            }
            return o.endsWith(": done");
        });
    }

    /** A copy of lab-gamma with its own name, UUID, MAC, disk and log; shut off. */
    private String defineScratch() throws IOException {
        scratch = "vireo-picker-" + Long.toHexString(System.nanoTime() & 0xffffff);
        String xml = Lab.virsh("dumpxml", "--inactive", Lab.GAMMA);
        String disk = xml.replaceAll("(?s).*<source file='([^']+)'.*", "$1");
        scratchDisk = Path.of(disk).getParent().resolve(scratch + ".qcow2");
        Files.copy(CreateLab.ASSETS.resolve("data.qcow2"), scratchDisk);
        String mine = xml.replaceAll("<name>[^<]+</name>", "<name>" + scratch + "</name>")
            .replaceAll("<uuid>[^<]+</uuid>", "")
            .replaceAll("<mac address='[^']+'/>", "")
            .replace(disk, scratchDisk.toString())
            .replace(Lab.GAMMA + "-serial.log", scratch + "-serial.log");
        Path file = Files.createTempFile("scratch", ".xml");
        Files.writeString(file, mine);
        Lab.virsh("define", file.toString());
        Files.delete(file);
        return scratch;
    }
}
