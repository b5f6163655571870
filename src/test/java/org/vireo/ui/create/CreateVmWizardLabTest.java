package org.vireo.ui.create;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.vireo.job.JobKind;
import org.vireo.job.JobState;
import org.vireo.model.NetworkSource;
import org.vireo.model.OsVariant;
import org.vireo.model.PoolSummary;
import org.vireo.support.Await;
import org.vireo.support.CreateLab;
import org.vireo.support.Fx;
import org.vireo.support.Lab;
import org.vireo.support.Screenshots;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.HostViewModel;
import org.vireo.ui.MainViewModel;
import org.vireo.ui.MainWindow;
import org.vireo.ui.VireoApp;

/**
 * The New VM wizard driven with TestFX against the lab: an ISO on this computer uploaded into
 * a pool (its label read locally, unknown to osinfo: generic), a name clash refused on the
 * page with the reason, the XML page, the job, a guest that boots from the ISO and answers on
 * its serial console; then Clone from the domain page and Delete from the table's right-click
 * menu with its volumes to tick. Checked with virsh.
 */
@Tag("lab")
@ExtendWith(ApplicationExtension.class)
@Timeout(300)
class CreateVmWizardLabTest {
    private static final String POOL = "vireo-create";
    private final List<String> made = new ArrayList<>();
    private MainViewModel model;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        CreateLab.pool(POOL);
        model = new MainViewModel(uris -> { });
        Scene scene = VireoApp.createScene(model, 1280, 860);
        window = (MainWindow) scene.getRoot();
        stage.setScene(scene);
        stage.show();
        model.openAll(List.of(Lab.uri()));
    }

    @AfterEach
    void stop() {
        Fx.run(model::stopAll);
        for (String n : made) {
            CreateLab.remove(n, POOL);
        }
    }

    private HostViewModel host() {
        return model.find(Lab.uri()).orElseThrow();
    }

    private DomainRowViewModel row(String name) {
        return host().domains().stream().filter(r -> r.getName().equals(name)).findFirst().orElse(null);
    }

    private static String text(FxRobot robot, String query) {
        return Fx.get(() -> ((Label) robot.lookup(query).query()).getText());
    }

    private static void type(FxRobot robot, String query, String value) {
        robot.clickOn(query);
        robot.push(KeyCode.CONTROL, KeyCode.A);
        robot.write(value);
        Fx.await(Duration.ofSeconds(5), query + " = " + value,
            () -> ((TextField) robot.lookup(query).query()).getText().equals(value));
    }

    private static boolean disabled(FxRobot robot, String query) {
        return Fx.get(() -> robot.lookup(query).query().isDisabled());
    }

    @SuppressWarnings("unchecked")
    private static <T> void choose(FxRobot robot, String query, java.util.function.Predicate<T> which) {
        Fx.await(Duration.ofSeconds(30), query + " offers the choice",
            () -> ((ComboBox<T>) robot.lookup(query).query()).getItems().stream().anyMatch(which));
        Fx.run(() -> {
            ComboBox<T> box = (ComboBox<T>) robot.lookup(query).query();
            box.getSelectionModel().select(box.getItems().stream().filter(which).findFirst().orElseThrow());
        });
    }

    @Test
    void isoUploadedThroughTheWizardBootsThenTheGuestIsClonedAndDeleted(FxRobot robot) throws Exception {
        Fx.await(Duration.ofSeconds(30), "lab host connected", () -> model.find(Lab.uri()).map(h -> !h.domains().isEmpty()).orElse(false));
        Fx.run(() -> model.selectedHostProperty().set(host()));
        String name = CreateLab.unique("wiz-iso");
        made.add(name);
        Path iso = Files.createTempDirectory("vireo-iso").resolve(name + "-media.iso");
        Files.copy(CreateLab.ASSETS.resolve("lab.iso"), iso);

        robot.clickOn("#newVmButton");
        Fx.await(Duration.ofSeconds(30), "the wizard has read the host", () -> robot.lookup("#createVmWizard").tryQuery().isPresent()
            && !((ComboBox<?>) robot.lookup("#archChoice").query()).getItems().isEmpty());
        Scene wizard = Fx.get(() -> robot.lookup("#createVmWizard").query().getScene());
        // page 1: the ISO is on this computer
        robot.clickOn("#source-iso");
        robot.clickOn("#isoUpload");
        assertTrue(disabled(robot, "#createNext"), "no ISO chosen yet");
        assertTrue(text(robot, "#createProblem").contains("ISO file"), text(robot, "#createProblem"));
        type(robot, "#localIsoField", iso.toString());
        // the lab runs guests under TCG (its /dev/kvm cannot run them)
        choose(robot, "#virtTypeChoice", "qemu"::equals);
        assertEquals("q35", Fx.get(() -> ((ComboBox<?>) robot.lookup("#machineChoice").query()).getValue()));
        assertTrue(disabled(robot, "#uefiCheck"), "no OVMF in the lab: UEFI cannot be chosen");
        Fx.await(Duration.ofSeconds(5), "page 1 complete", () -> !robot.lookup("#createNext").query().isDisabled());
        Screenshots.save(wizard, "create-vm-source");

        // page 2: the volume label is read from the local file; osinfo does not know it
        robot.clickOn("#createNext");
        Fx.await(Duration.ofSeconds(60), "the label read", () -> text(robot, "#osDetection").contains("VIREO_LAB"));
        assertTrue(text(robot, "#osDetection").contains("not in the osinfo database"), text(robot, "#osDetection"));
        type(robot, "#osSearchField", "debian 11");
        Fx.await(Duration.ofSeconds(60), "osinfo's Debian 11 found", () -> ((ListView<OsVariant>) robot.lookup("#osList").query())
            .getItems().stream().anyMatch(o -> o.shortId().equals("debian11")));
        Screenshots.save(wizard, "create-vm-os");
        // choose Debian 11: its recommendations fill the next page
        Fx.run(() -> {
            ListView<OsVariant> l = robot.lookup("#osList").query();
            l.getSelectionModel().select(l.getItems().stream().filter(o -> o.shortId().equals("debian11")).findFirst().orElseThrow());
        });
        robot.clickOn("#createNext");
        assertEquals("1024", Fx.get(() -> ((TextField) robot.lookup("#memoryField").query()).getText()), "Debian 11 recommends 1 GiB");

        // page 3: a clash is refused on the page with the reason, before anything is made
        type(robot, "#nameField", Lab.ALPHA);
        assertTrue(disabled(robot, "#createNext"));
        assertTrue(text(robot, "#createProblem").contains("already exists"), text(robot, "#createProblem"));
        type(robot, "#nameField", name);
        type(robot, "#memoryField", "128");
        type(robot, "#vcpusField", "1");
        type(robot, "#diskSizeField", "16");
        choose(robot, "#poolChoice", (PoolSummary p) -> p.name().equals(POOL));
        choose(robot, "#networkChoice", (NetworkSource n) -> n.kind() == NetworkSource.Kind.USER);
        Fx.await(Duration.ofSeconds(5), "page 3 complete", () -> !robot.lookup("#createNext").query().isDisabled());
        Screenshots.save(wizard, "create-vm-resources");

        // page 4: summary; then the XML
        robot.clickOn("#createNext");
        String summary = Fx.get(() -> ((javafx.scene.control.TextArea) robot.lookup("#createSummary").query()).getText());
        assertTrue(summary.contains(name) && summary.contains("uploaded") && summary.contains("128 MiB"), summary);
        Screenshots.save(wizard, "create-vm-summary");
        robot.clickOn("#editXmlCheck");
        robot.clickOn("#createNext");
        String xml = Fx.get(() -> ((org.fxmisc.richtext.CodeArea) robot.lookup("#createXmlEditor").query()).getText());
        assertTrue(xml.contains("<name>" + name + "</name>") && xml.contains("http://debian.org/debian/11"), xml);
        Screenshots.save(wizard, "create-vm-xml");
        robot.clickOn("#createButton");

        Fx.await(Duration.ofSeconds(120), "the create job done", () -> model.jobs().rows().stream()
            .anyMatch(r -> r.job().kind() == JobKind.CREATE && r.job().state() == JobState.SUCCEEDED));
        assertEquals("running", Lab.state(name));
        assertTrue(CreateLab.volumes(POOL).contains(name + "-media.iso"), "the ISO uploaded into the pool");
        assertEquals(Files.size(iso), Files.size(CreateLab.pool(POOL).resolve(name + "-media.iso")));
        assertTrue(Lab.virsh("dumpxml", name).contains("http://debian.org/debian/11"), "the OS id in the metadata");
        CreateLab.awaitSerialShell(name, 120_000);
        Screenshots.save(window.getScene(), "create-vm-job");

        // clone from the domain's menu: refused while it runs, offered once it is off
        Lab.virsh("destroy", name);
        Fx.await(Duration.ofSeconds(30), "shown shut off", () -> row(name) != null
            && row(name).getState() == org.vireo.model.DomainState.SHUTOFF);
        String copy = name + "-copy";
        made.add(copy);
        // from the domain page's Clone button
        Fx.run(() -> window.tree().select(row(name)));
        Fx.clickWhenShown(robot, "#pageCloneButton");
        type(robot, "#cloneNameField", copy);
        Fx.await(Duration.ofSeconds(5), "clone name accepted", () -> !robot.lookup("#cloneOk").query().isDisabled());
        Screenshots.save(Fx.get(() -> robot.lookup("#cloneNameField").query().getScene()), "create-vm-clone");
        robot.clickOn("#cloneOk");
        Fx.await(Duration.ofSeconds(120), "the clone job done", () -> model.jobs().rows().stream()
            .anyMatch(r -> r.job().kind() == JobKind.CLONE && r.job().state().finished()));
        assertTrue(CreateLab.domainExists(copy), "the copy is defined");
        assertTrue(CreateLab.volumes(POOL).contains(copy + ".qcow2"), "its disk copied as a volume");

        // delete the original from the table's menu, its ISO ticked too
        Fx.await(Duration.ofSeconds(30), "row listed", () -> row(name) != null);
        Fx.run(() -> window.tree().select(host()));
        Fx.await(Duration.ofSeconds(10), "the host's table shown", () -> model.selectedDomainProperty().get() == null);
        javafx.scene.Node tableRow = Fx.get(() -> robot.lookup(".table-row-cell").queryAll().stream()
            .filter(n -> n instanceof javafx.scene.control.TableRow<?> r && r.getItem() == row(name)).findFirst().orElseThrow());
        robot.rightClickOn(tableRow);
        Fx.clickWhenShown(robot, "#tableMenuDelete");
        Fx.await(Duration.ofSeconds(30), "its disks listed", () -> robot.lookup("#deleteVolume-vda").tryQuery().isPresent());
        assertTrue(Fx.get(() -> ((CheckBox) robot.lookup("#deleteVolume-vda").query()).isSelected()), "its disk ticked");
        // the copy shares the ISO (CD-ROMs are not copied): offered disabled, with the reason
        assertFalse(Fx.get(() -> ((CheckBox) robot.lookup("#deleteVolume-sda").query()).isSelected()), "the ISO not ticked");
        assertTrue(disabled(robot, "#deleteVolume-sda"), "a volume another domain uses cannot be ticked");
        assertTrue(text(robot, "#deleteReason-sda").contains("also used by " + copy), text(robot, "#deleteReason-sda"));
        Screenshots.save(Fx.get(() -> robot.lookup("#deleteVolumeList").query().getScene()), "create-vm-delete");
        robot.clickOn("#deleteOk");
        // on the test thread, every 100 ms: virsh must not run on the FX thread
        Await.until(Duration.ofSeconds(60), Duration.ofMillis(100), "deleted", () -> !CreateLab.domainExists(name));
        Await.until(Duration.ofSeconds(30), Duration.ofMillis(100), "its disk deleted", () -> !CreateLab.volumes(POOL).contains(name + ".qcow2"));
        assertTrue(CreateLab.volumes(POOL).contains(name + "-media.iso"), "the ISO the copy uses is kept");
        assertTrue(CreateLab.volumes(POOL).contains(copy + ".qcow2"), "the copy's disk is kept");
        Files.deleteIfExists(iso);
    }

    /** Opens the wizard from the host's right-click menu in the tree and waits until it has read the host. */
    private Scene openFromHostMenu(FxRobot robot) {
        Fx.await(Duration.ofSeconds(30), "lab host connected", () -> model.find(Lab.uri()).map(h -> !h.domains().isEmpty()).orElse(false));
        Fx.run(() -> window.tree().select(host()));
        robot.rightClickOn(".tree-cell");
        Fx.clickWhenShown(robot, "#hostNewVmItem");
        Fx.await(Duration.ofSeconds(30), "the wizard has read the host", () -> robot.lookup("#createVmWizard").tryQuery().isPresent()
            && !((ComboBox<?>) robot.lookup("#archChoice").query()).getItems().isEmpty());
        return Fx.get(() -> robot.lookup("#createVmWizard").query().getScene());
    }

    private void resources(FxRobot robot, String name) {
        type(robot, "#nameField", name);
        type(robot, "#memoryField", "128");
        type(robot, "#vcpusField", "1");
        type(robot, "#diskSizeField", "16");
        choose(robot, "#poolChoice", (PoolSummary p) -> p.name().equals(POOL));
        choose(robot, "#networkChoice", (NetworkSource n) -> n.kind() == NetworkSource.Kind.USER);
        Fx.await(Duration.ofSeconds(5), "page 3 complete", () -> !robot.lookup("#createNext").query().isDisabled());
    }

    @Test
    void directKernelBootFromTheHostMenuBoots(FxRobot robot) throws Exception {
        String name = CreateLab.unique("wiz-kernel");
        made.add(name);
        openFromHostMenu(robot);
        robot.clickOn("#source-kernel");
        assertTrue(text(robot, "#createProblem").contains("kernel"), text(robot, "#createProblem"));
        type(robot, "#kernelField", CreateLab.ASSETS.resolve("vmlinuz").toString());
        type(robot, "#initrdField", CreateLab.ASSETS.resolve("initrd.img").toString());
        type(robot, "#cmdlineField", "console=ttyS0 quiet");
        choose(robot, "#virtTypeChoice", "qemu"::equals);
        robot.clickOn("#createNext");
        robot.clickOn("#createNext");
        resources(robot, name);
        robot.clickOn("#createNext");
        robot.clickOn("#createButton");
        Fx.await(Duration.ofSeconds(120), "the create job done", () -> model.jobs().rows().stream()
            .anyMatch(r -> r.job().kind() == JobKind.CREATE && r.job().state() == JobState.SUCCEEDED));
        String xml = Lab.virsh("dumpxml", name);
        assertTrue(xml.contains("<kernel>" + CreateLab.ASSETS.resolve("vmlinuz") + "</kernel>")
            && xml.contains("<cmdline>console=ttyS0 quiet</cmdline>"), xml);
        CreateLab.awaitSerialShell(name, 90_000);
    }

    @Test
    void cancelFromTheJobsPanelDuringTheUploadLeavesNothing(FxRobot robot) throws Exception {
        String name = CreateLab.unique("wiz-cancel");
        made.add(name);
        Path big = Files.createTempDirectory("vireo-iso").resolve(name + "-big.iso");
        Files.copy(CreateLab.ASSETS.resolve("lab.iso"), big);
        try (var f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(768L << 20);
        }
        List<String> before = CreateLab.volumes(POOL);
        openFromHostMenu(robot);
        robot.clickOn("#source-iso");
        robot.clickOn("#isoUpload");
        type(robot, "#localIsoField", big.toString());
        choose(robot, "#virtTypeChoice", "qemu"::equals);
        robot.clickOn("#createNext");
        robot.clickOn("#createNext");
        resources(robot, name);
        robot.clickOn("#createNext");
        robot.clickOn("#createButton");
        Fx.await(Duration.ofSeconds(60), "the upload under way", () -> model.jobs().rows().stream()
            .anyMatch(r -> r.job().kind() == JobKind.CREATE && r.job().stats().dataProcessed() > 0));
        org.vireo.job.Job job = Fx.get(() -> model.jobs().rows().stream().filter(r -> r.job().kind() == JobKind.CREATE)
            .findFirst().orElseThrow().job());
        Screenshots.save(window.getScene(), "create-vm-upload");
        Fx.clickWhenShown(robot, "#cancelJob-" + job.id());
        Fx.await(Duration.ofSeconds(60), "cancelled", () -> job.state() == JobState.CANCELLED);
        assertTrue(job.stats().dataProcessed() < job.stats().dataTotal(), "cancelled half-way");
        assertEquals(before, CreateLab.volumes(POOL), "no volume left: the disk and the partial upload deleted");
        assertFalse(CreateLab.domainExists(name));
        Files.deleteIfExists(big);
    }

    @Test
    void importOfAPoolVolumeChosenInTheListBoots(FxRobot robot) throws Exception {
        String name = CreateLab.unique("wiz-import");
        made.add(name);
        String disk = CreateLab.copyIntoPool(POOL, "disk.qcow2", name + "-src.qcow2");
        openFromHostMenu(robot);
        robot.clickOn("#source-import");
        assertTrue(disabled(robot, "#createNext"), "no image chosen yet");
        choose(robot, "#importVolumeChoice", (org.vireo.model.VolumeSummary v) -> v.path().equals(disk));
        assertEquals(disk, Fx.get(() -> ((TextField) robot.lookup("#importPathField").query()).getText()));
        choose(robot, "#virtTypeChoice", "qemu"::equals);
        robot.clickOn("#createNext");
        robot.clickOn("#createNext");
        assertTrue(disabled(robot, "#diskSizeField"), "an imported image needs no new disk");
        type(robot, "#nameField", name);
        type(robot, "#memoryField", "128");
        type(robot, "#vcpusField", "1");
        choose(robot, "#networkChoice", (NetworkSource n) -> n.kind() == NetworkSource.Kind.NONE);
        robot.clickOn("#createNext");
        String summary = Fx.get(() -> ((javafx.scene.control.TextArea) robot.lookup("#createSummary").query()).getText());
        assertTrue(summary.contains(disk + " (qcow2)") && summary.contains("No network"), summary);
        robot.clickOn("#createButton");
        Fx.await(Duration.ofSeconds(120), "the create job done", () -> model.jobs().rows().stream()
            .anyMatch(r -> r.job().kind() == JobKind.CREATE && r.job().state() == JobState.SUCCEEDED));
        String xml = Lab.virsh("dumpxml", name);
        assertTrue(xml.contains(disk) && !xml.contains("<interface"), xml);
        CreateLab.awaitSerialShell(name, 120_000);
    }
}
