package org.vireo.ui.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
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
import org.vireo.host.HostOptions;
import org.vireo.job.JobState;
import org.vireo.model.ConnectionState;
import org.vireo.model.PoolInfo;
import org.vireo.support.Fx;
import org.vireo.support.Lab;
import org.vireo.support.Screenshots;
import org.vireo.ui.HostViewModel;
import org.vireo.ui.MainViewModel;
import org.vireo.ui.MainWindow;
import org.vireo.ui.VireoApp;

/**
 * The host page's Storage tab driven through the window on the local lab, checked with virsh:
 * a directory pool made, volumes created, resized, uploaded and deleted; bad input (a negative
 * size, a duplicate name) shown and nothing sent; a volume a domain uses is refused until the
 * user ticks that they know.
 */
@Tag("lab")
@ExtendWith(ApplicationExtension.class)
@Timeout(240)
class StorageUiLabTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    private final String tag = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    private final String pool = "ui-pool-" + tag;
    private final String guest = "ui-user-" + tag;
    private MainViewModel model;
    private MainWindow window;
    private Scene scene;
    private Path upload;

    @Start
    void start(Stage stage) {
        model = new MainViewModel(HostOptions.defaults(), uris -> { });
        scene = VireoApp.createScene(model, 1280, 860);
        window = (MainWindow) scene.getRoot();
        stage.setScene(scene);
        stage.show();
        model.openAll(List.of(Lab.uri()));
    }

    @AfterEach
    void stop() throws Exception {
        Fx.run(model::stopAll);
        quietly("undefine", guest);
        for (String v : List.of("disk.qcow2", "data.bin")) {
            quietly("vol-delete", "--pool", pool, v);
        }
        quietly("pool-destroy", pool);
        quietly("pool-delete", pool);
        quietly("pool-undefine", pool);
        try {
            Files.deleteIfExists(poolDir()); // a directory left by a pool that failed half-way
        } catch (java.io.IOException ignored) {
            // not empty: a volume the test could not delete; its name says whose
        }
        if (upload != null) {
            Files.deleteIfExists(upload);
        }
    }

    static void quietly(String... args) {
        try {
            Lab.virsh(args);
        } catch (AssertionError | RuntimeException ignored) {
            // not there
        }
    }

    private Path poolDir() {
        return Path.of(System.getenv().getOrDefault("VIREO_LAB_DIR", "/tmp/vireo-lab"), "pools", pool);
    }

    @Test
    void poolsAndVolumesThroughTheStorageTab(FxRobot robot) throws Exception {
        HostViewModel host = model.find(Lab.uri()).orElseThrow();
        Fx.await(WAIT, "lab connected", () -> host.getState() == ConnectionState.CONNECTED && !host.domains().isEmpty());
        Fx.run(() -> window.tree().select(host));
        robot.clickOn("#hostStorageTab");
        Fx.await(WAIT, "storage tab shown", () -> robot.lookup("#poolTable").tryQuery().isPresent());

        // a new directory pool
        robot.clickOn("#newPoolButton");
        set(robot, "#poolNameField", pool);
        set(robot, "#poolPathField", poolDir().toString());
        robot.clickOn("#formOkButton");
        Fx.await(WAIT, "pool listed running", () -> pools().stream().anyMatch(p -> p.name().equals(pool) && p.active()));
        assertTrue(Lab.virsh("pool-list").contains(pool), "virsh lists the running pool");
        assertTrue(Files.isDirectory(poolDir()), "its directory was made");
        select(robot, pool);

        // bad input stays in the dialog with the reason; nothing reaches libvirt
        robot.clickOn("#newVolumeButton");
        set(robot, "#volumeNameField", "disk.qcow2");
        set(robot, "#volumeSizeField", "-5");
        robot.clickOn("#formOkButton");
        String error = text(robot, "#formError");
        assertTrue(error.contains("Size: a number above 0"), error);
        assertTrue(robot.lookup("#newVolumeDialog").tryQuery().isPresent(), "the dialog stays open");
        assertEquals("", Lab.virsh("vol-list", pool).strip(), "nothing was created");
        set(robot, "#volumeSizeField", "64");
        Fx.run(() -> unit(robot, "#volumeSizeFieldUnit"));
        Screenshots.save(robot.lookup("#newVolumeDialog").query().getScene(), "storage-new-volume");
        robot.clickOn("#formOkButton");
        Fx.await(WAIT, "volume listed", () -> volumeRow("disk.qcow2").isPresent());
        assertTrue(Lab.virsh("vol-info", "--pool", pool, "disk.qcow2").contains("64.00 MiB"));
        assertTrue(Lab.virsh("vol-dumpxml", "--pool", pool, "disk.qcow2").contains("type='qcow2'"));

        // a duplicate name
        robot.clickOn("#newVolumeButton");
        set(robot, "#volumeNameField", "disk.qcow2");
        robot.clickOn("#formOkButton");
        assertTrue(text(robot, "#formError").contains("already has a volume called disk.qcow2"), text(robot, "#formError"));
        Screenshots.save(robot.lookup("#newVolumeDialog").query().getScene(), "storage-new-volume-error");
        cancel(robot, "#newVolumeDialog");

        // resize to 128 MiB
        selectVolume("disk.qcow2");
        robot.clickOn("#volumeResizeButton");
        set(robot, "#resizeSizeField", "128");
        Fx.run(() -> unit(robot, "#resizeSizeFieldUnit"));
        robot.clickOn("#formOkButton");
        Fx.await(WAIT, "resized", () -> volumeRow("disk.qcow2").map(v -> v.volume().capacity() == 128L << 20).orElse(false));
        assertTrue(Lab.virsh("vol-info", "--pool", pool, "disk.qcow2").contains("128.00 MiB"));

        // upload 4 MiB of random bytes from this computer
        byte[] data = new byte[4 << 20];
        new Random(7).nextBytes(data);
        upload = Files.createTempFile("vireo-ui-upload", ".bin");
        Files.write(upload, data);
        Path file = upload;
        Fx.run(() -> window.storagePane().setFilePicker(new FixedFile(file)));
        robot.clickOn("#volumeUploadButton");
        set(robot, "#uploadNameField", "data.bin");
        Screenshots.save(robot.lookup("#uploadDialog").query().getScene(), "storage-upload");
        robot.clickOn("#formOkButton");
        Fx.await(WAIT, "upload job done", () -> model.jobs().rows().stream()
            .anyMatch(r -> r.titleProperty().get().contains("data.bin") && r.stateProperty().get() == JobState.SUCCEEDED));
        Fx.await(WAIT, "uploaded volume listed", () -> volumeRow("data.bin").isPresent());
        assertArrayEquals(data, Files.readAllBytes(poolDir().resolve("data.bin")), "the pool's file equals the upload");

        // a volume a domain uses: refused until ticked
        Lab.virsh("define", domainXml(poolDir().resolve("disk.qcow2")).toString());
        robot.clickOn("#storageReloadButton");
        Fx.await(WAIT, "used by shown", () -> volumeRow("disk.qcow2").map(v -> v.usedBy().equals(List.of(guest))).orElse(false));
        Fx.run(() -> window.showJobs(false));
        Screenshots.save(scene, "storage");
        selectVolume("disk.qcow2");
        robot.clickOn("#volumeDeleteButton");
        Fx.await(WAIT, "delete dialog", () -> robot.lookup("#deleteVolumeDialog").tryQuery().isPresent());
        assertTrue(text(robot, "#volumeInUseLabel").contains(guest));
        Button confirm = robot.lookup("#volumeDeleteConfirm").queryAs(Button.class);
        assertTrue(Fx.get(confirm::isDisabled), "Delete is refused while the box is not ticked");
        Screenshots.save(robot.lookup("#deleteVolumeDialog").query().getScene(), "storage-delete-in-use");
        cancel(robot, "#deleteVolumeDialog");
        assertTrue(Lab.virsh("vol-list", pool).contains("disk.qcow2"), "still there");
        robot.clickOn("#volumeDeleteButton");
        robot.clickOn("#volumeDeleteAnywayCheck");
        robot.clickOn("#volumeDeleteConfirm");
        Fx.await(WAIT, "deleted", () -> volumeRow("disk.qcow2").isEmpty());
        assertFalse(Lab.virsh("vol-list", pool).contains("disk.qcow2"));

        // stop, start, and delete the pool with its directory
        selectVolume("data.bin");
        robot.clickOn("#volumeDeleteButton");
        robot.clickOn("#volumeDeleteConfirm");
        Fx.await(WAIT, "data.bin deleted", () -> volumeRow("data.bin").isEmpty());
        robot.clickOn("#poolStopButton");
        Fx.await(WAIT, "pool stopped", () -> pools().stream().anyMatch(p -> p.name().equals(pool) && !p.active()));
        robot.clickOn("#poolStartButton");
        Fx.await(WAIT, "pool running", () -> pools().stream().anyMatch(p -> p.name().equals(pool) && p.active()));
        robot.clickOn("#poolDeleteButton");
        robot.clickOn("#poolDeleteDataCheck");
        clickDialogButton(robot, "#deletePoolDialog", "Delete");
        Fx.await(WAIT, "pool gone", () -> pools().stream().noneMatch(p -> p.name().equals(pool)));
        assertFalse(Lab.virsh("pool-list", "--all").contains(pool));
        assertFalse(Files.exists(poolDir()));
    }

    private Path domainXml(Path disk) throws Exception {
        Path xml = Files.createTempFile("vireo-ui-user", ".xml");
        Files.writeString(xml, "<domain type='qemu'><name>" + guest + "</name><memory unit='MiB'>64</memory>"
            + "<os><type arch='x86_64'>hvm</type></os><devices><disk type='file' device='disk'>"
            + "<driver name='qemu' type='qcow2'/><source file='" + disk + "'/><target dev='vda' bus='virtio'/>"
            + "</disk></devices></domain>");
        xml.toFile().deleteOnExit();
        return xml;
    }

    private List<PoolInfo> pools() {
        return List.copyOf(window.storagePane().model().pools());
    }

    private Optional<VolumeRow> volumeRow(String name) {
        return window.storagePane().model().volumes().stream().filter(v -> v.name().equals(name)).findFirst();
    }

    private void select(FxRobot robot, String poolName) {
        Fx.run(() -> {
            TableView<PoolInfo> t = robot.lookup("#poolTable").queryAs(TableView.class);
            t.getItems().stream().filter(p -> p.name().equals(poolName)).findFirst().ifPresent(p -> t.getSelectionModel().select(p));
        });
        Fx.await(WAIT, "pool selected", () -> window.storagePane().model().selectedPoolProperty().get() != null
            && window.storagePane().model().selectedPoolProperty().get().name().equals(poolName));
    }

    private void selectVolume(String name) {
        Fx.await(WAIT, name + " listed", () -> volumeRow(name).isPresent());
        Fx.run(() -> {
            TableView<VolumeRow> t = (TableView<VolumeRow>) window.storagePane().lookup("#volumeTable");
            t.getItems().stream().filter(v -> v.name().equals(name)).findFirst().ifPresent(v -> t.getSelectionModel().select(v));
        });
    }

    static void set(FxRobot robot, String query, String text) {
        Fx.await(WAIT, query + " shown", () -> robot.lookup(query).tryQuery().isPresent());
        TextField f = robot.lookup(query).queryAs(TextField.class);
        Fx.run(() -> {
            f.requestFocus();
            f.setText(text);
        });
    }

    static String text(FxRobot robot, String query) {
        return Fx.get(() -> robot.lookup(query).queryAs(Label.class).getText());
    }

    static void cancel(FxRobot robot, String dialog) {
        clickDialogButton(robot, dialog, "Cancel");
        Fx.await(WAIT, dialog + " closed", () -> robot.lookup(dialog).tryQuery().isEmpty());
    }

    /** Clicks the button labelled {@code label} of the dialog whose pane has id {@code dialog}. */
    static void clickDialogButton(FxRobot robot, String dialog, String label) {
        Fx.await(WAIT, dialog + " shown", () -> robot.lookup(dialog).tryQuery().isPresent());
        DialogPane pane = robot.lookup(dialog).queryAs(DialogPane.class);
        Node button = Fx.get(() -> pane.lookupAll(".button").stream()
            .filter(n -> n instanceof ButtonBase b && label.equals(b.getText())).findFirst().orElseThrow());
        robot.clickOn(button);
    }

    /** Stands in for the desktop's file chooser. */
    record FixedFile(Path file) implements FilePicker {
        @Override
        public Optional<Path> open(Window owner, String title) {
            return Optional.of(file);
        }

        @Override
        public Optional<Path> save(Window owner, String title, String suggestedName) {
            return Optional.of(file);
        }
    }

    @SuppressWarnings("unchecked")
    static void unit(FxRobot robot, String query) {
        ((ComboBox<String>) robot.lookup(query).query()).setValue("MiB");
    }

    static CheckBox check(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(CheckBox.class);
    }
}
