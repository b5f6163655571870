package org.vireo.ui.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ScrollPane;
import javafx.stage.Window;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.testfx.util.WaitForAsyncUtils;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.vireo.host.HostOptions;
import org.vireo.model.DomainFlags.Affect;
import org.vireo.model.SnapshotInfo;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.HostViewModel;
import org.vireo.ui.MainViewModel;
import org.vireo.ui.MainWindow;
import org.vireo.ui.VireoApp;
import org.vireo.support.Fx;
import org.vireo.support.Lab;
import org.vireo.support.Screenshots;

/**
 * The domain pages in a real window against the lab's QEMU guests. Read-only checks use
 * lab-alpha; everything that changes a domain works on a throwaway copy of lab-gamma (own
 * name, UUID and disk image), removed afterwards, so the lab guests stay as they were.
 */
@Tag("lab")
@ExtendWith(ApplicationExtension.class)
// a stuck wait fails the test (with its stack) instead of hanging the whole run
@Timeout(value = 8, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DomainPagesLabTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private MainViewModel model;
    private Scene scene;
    private String scratch;
    private Path scratchDir;

    @Start
    void start(Stage stage) {
        model = new MainViewModel(HostOptions.defaults().withPollInterval(Duration.ofSeconds(2)), uris -> { });
        scene = VireoApp.createScene(model, 1280, 800);
        stage.setScene(scene);
        stage.show();
        model.openAll(List.of(Lab.uri()));
    }

    @AfterEach
    void stop() {
        // a failed test may leave a confirmation open: close it, so it cannot block the next test's window
        Fx.run(() -> List.copyOf(Window.getWindows()).stream()
            .filter(w -> w instanceof Stage st && st.getOwner() != null).forEach(Window::hide));
        Fx.run(model::stopAll);
        if (scratch != null) {
            try {
                Lab.virsh("destroy", scratch);
            } catch (AssertionError ignored) {
                // not running
            }
            try {
                Lab.virsh("undefine", scratch, "--managed-save", "--snapshots-metadata");
            } catch (AssertionError ignored) {
                // already gone (the undefine test)
            }
        }
    }

    private DomainPageViewModel pages() {
        return ((MainWindow) scene.getRoot()).domainPage().pages();
    }

    private HostViewModel lab() {
        return model.find(Lab.uri()).orElseThrow();
    }

    private DomainRowViewModel row(String name) {
        return lab().domains().stream().filter(r -> r.getName().equals(name)).findFirst().orElse(null);
    }

    private void open(FxRobot robot, String name) {
        Fx.await(WAIT, name + " listed", () -> row(name) != null && robot.lookup("#domain-" + name).tryQuery().isPresent());
        robot.clickOn("#domain-" + name);
        Fx.await(WAIT, name + " page open", () -> pages().domainProperty().get() != null
            && pages().domainProperty().get().getName().equals(name));
    }

    private void tab(FxRobot robot, String id) {
        Fx.run(() -> {
            TabPane tabs = ((MainWindow) scene.getRoot()).domainPage().tabs();
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().orElseThrow());
        });
    }

    /**
     * Presses a button of a page with a real click: waits until it is enabled, scrolls its page so
     * it is in view, then clicks it. Never runs the button's action synchronously from the test
     * thread: an action that asks first opens a modal dialog (showAndWait), and a blocking
     * {@code robot.interact(b::fire)} would then wait for the FX call forever (the old hang).
     */
    private static void press(FxRobot robot, String id) {
        ButtonBase b = robot.lookup(id).queryAs(ButtonBase.class);
        Fx.await(WAIT, id + " shown and enabled", () -> b.getScene() != null && !b.isDisabled());
        Fx.run(() -> scrollIntoView(b));
        WaitForAsyncUtils.waitForFxEvents();
        if (!Fx.get(() -> inView(b))) {
            throw new AssertionError(id + " could not be scrolled into view");
        }
        robot.clickOn(b);
    }

    /** Scrolls every scroll pane around {@code node} so that its centre is in the middle of the viewport, if possible. */
    static void scrollIntoView(Node node) {
        for (Parent p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane sp && sp.getContent() != null) {
                Node content = sp.getContent();
                Bounds nb = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
                double contentH = content.getLayoutBounds().getHeight();
                double viewH = sp.getViewportBounds().getHeight();
                if (contentH > viewH) {
                    double y = Math.max(0, Math.min(contentH - viewH, nb.getCenterY() - viewH / 2));
                    sp.setVvalue(sp.getVmin() + y / (contentH - viewH) * (sp.getVmax() - sp.getVmin()));
                }
                sp.layout();
            }
        }
    }

    /** Whether the centre of {@code node} is inside the window and inside the viewport of each scroll pane around it. */
    static boolean inView(Node node) {
        Bounds nb = node.localToScene(node.getBoundsInLocal());
        double x = nb.getCenterX();
        double y = nb.getCenterY();
        Scene sc = node.getScene();
        if (sc == null || x < 0 || y < 0 || x > sc.getWidth() || y > sc.getHeight()) {
            return false;
        }
        for (Parent p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane sp && !sp.localToScene(sp.getLayoutBounds()).contains(x, y)) {
                return false;
            }
        }
        return true;
    }

    /** Clicks {@code action} in the confirmation dialog (after checking it says what is lost). */
    private static void confirm(FxRobot robot, String action) {
        Fx.await(Duration.ofSeconds(10), "confirm dialog", () -> robot.lookup("#confirmDialog").tryQuery().isPresent());
        javafx.scene.control.DialogPane pane = robot.lookup("#confirmDialog").queryAs(javafx.scene.control.DialogPane.class);
        assertFalse(Fx.get(pane::getContentText).isBlank(), "the dialog says what is lost");
        robot.clickOn(robot.from(pane).lookup((javafx.scene.control.Button b) -> action.equals(b.getText())).queryButton());
    }

    private String outcome(String area) {
        return Fx.get(() -> pages().outcome(area).get());
    }

    private void awaitDone(String area, String what) {
        Fx.await(Duration.ofSeconds(90), what + " done (" + area + ")", () -> {
            String o = pages().outcome(area).get();
            if (pages().failed(area).get()) {
                throw new AssertionError(what + " failed: " + o);
            }
            return o.endsWith(": done");
        });
    }

    @Test
    void everyPageShowsLabAlphaAsVirshSeesIt(FxRobot robot) {
        open(robot, Lab.ALPHA);
        Fx.await(WAIT, "overview loaded", () -> pages().overviewProperty().get() != null);
        assertEquals(Lab.virsh("domuuid", Lab.ALPHA), Fx.get(() -> pages().overviewProperty().get().uuid()));
        assertEquals(Lab.virsh("domid", Lab.ALPHA), Integer.toString(Fx.get(() -> pages().overviewProperty().get().id())));
        assertEquals("hvm", Fx.get(() -> robot.lookup("#osTypeValue").queryAs(Label.class).getText()));
        assertEquals("running (booted)", Fx.get(() -> robot.lookup("#stateWithReason").queryAs(Label.class).getText()));
        Fx.await(WAIT, "screenshot thumbnail", () -> pages().thumbnailProperty().get() != null);
        Screenshots.save(scene, "domain-overview");

        tab(robot, "hardwareTab");
        Fx.await(WAIT, "hardware loaded", () -> pages().hardwareProperty().get() != null);
        var hw = Fx.get(() -> pages().hardwareProperty().get());
        assertTrue(hw.devices().stream().anyMatch(d -> d.kind().equals("disk") && d.target().equals("vda")), "vda listed");
        assertTrue(hw.devices().stream().anyMatch(d -> d.kind().equals("graphics") && d.summary().startsWith("vnc")), "vnc listed");
        assertEquals(64L << 20, hw.blocks().getFirst().capacity(), "block capacity as qemu-img created it");
        assertTrue(Lab.virsh("domblkinfo", Lab.ALPHA, "vda").contains(Long.toString(64L << 20)));
        assertEquals(1, hw.vcpusLive());
        Screenshots.save(scene, "domain-hardware");

        tab(robot, "tuningTab");
        Fx.await(WAIT, "tuning loaded", () -> pages().tuning().size() >= 5 && !pages().vcpuPins().isEmpty());
        assertTrue(Fx.get(() -> pages().tuning().stream().anyMatch(g -> g.group().equals("iotune") && g.supported())), "iotune of vda");
        Screenshots.save(scene, "domain-tuning");

        tab(robot, "xmlTab");
        Fx.await(WAIT, "xml loaded", () -> robot.lookup("#xmlEditor").queryAs(CodeArea.class).getText().contains("<name>lab-alpha</name>"));
        Screenshots.save(scene, "domain-xml");

        tab(robot, "snapshotsTab");
        Screenshots.save(scene, "domain-snapshots");
        tab(robot, "actionsTab");
        press(robot, "#memoryPeekButton");
        Fx.await(WAIT, "memory peek shown", () -> pages().peekProperty().get().startsWith("00000000  "));
        Screenshots.save(scene, "domain-actions");
        assertEquals("running", Lab.state(Lab.ALPHA));
    }

    /** A copy of lab-gamma with its own name, UUID, MAC, disk and log; shut off. */
    private String defineScratch() throws IOException {
        scratch = "vireo-scratch-" + Long.toHexString(System.nanoTime() & 0xffffff);
        String xml = Lab.virsh("dumpxml", "--inactive", Lab.GAMMA);
        String disk = xml.replaceAll("(?s).*<source file='([^']+)'.*", "$1");
        scratchDir = Path.of(disk).getParent();
        Path copy = scratchDir.resolve(scratch + ".qcow2");
        run("qemu-img", "create", "-q", "-f", "qcow2", copy.toString(), "64M");
        String mine = xml.replaceAll("<name>[^<]+</name>", "<name>" + scratch + "</name>")
            .replaceAll("<uuid>[^<]+</uuid>", "")
            .replaceAll("<mac address='[^']+'/>", "")
            .replace(disk, copy.toString())
            .replace(Lab.GAMMA + "-serial.log", scratch + "-serial.log");
        Path file = Files.createTempFile("scratch", ".xml");
        Files.writeString(file, mine);
        Lab.virsh("define", file.toString());
        Files.delete(file);
        return scratch;
    }

    private static void run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new AssertionError(String.join(" ", cmd) + ": " + out);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void hardwareAndXmlChangesReachTheRealDomain(FxRobot robot) throws IOException {
        String name = defineScratch();
        open(robot, name);
        tab(robot, "hardwareTab");
        Fx.await(WAIT, "hardware loaded", () -> pages().hardwareProperty().get() != null);
        // maximum first (config), then the current count
        Fx.run(() -> robot.lookup("#vcpuAffect").queryAs(ChoiceBox.class).setValue(Affect.CONFIG));
        Fx.run(() -> robot.lookup("#vcpuMaximumCheck").queryAs(CheckBox.class).setSelected(true));
        Fx.run(() -> robot.lookup("#vcpuSpinner").queryAs(javafx.scene.control.Spinner.class).getValueFactory().setValue(2));
        press(robot, "#applyVcpusButton");
        awaitDone(DomainPageViewModel.HARDWARE, "max vcpus");
        Fx.run(() -> robot.lookup("#vcpuMaximumCheck").queryAs(CheckBox.class).setSelected(false));
        Fx.run(() -> robot.lookup("#vcpuSpinner").queryAs(javafx.scene.control.Spinner.class).getValueFactory().setValue(2));
        press(robot, "#applyVcpusButton");
        awaitDone(DomainPageViewModel.HARDWARE, "vcpus");
        assertEquals("2", Lab.virsh("vcpucount", name, "--config", "--current"));
        assertEquals("2", Lab.virsh("vcpucount", name, "--config", "--maximum"));

        Fx.run(() -> robot.lookup("#memoryAffect").queryAs(ChoiceBox.class).setValue(Affect.CONFIG));
        Fx.run(() -> robot.lookup("#memoryField").queryAs(TextField.class).setText("96"));
        press(robot, "#applyMemoryButton");
        awaitDone(DomainPageViewModel.HARDWARE, "memory");
        assertTrue(Lab.virsh("dumpxml", "--inactive", name).contains("<currentMemory unit='KiB'>98304</currentMemory>"));

        // attach a second disk to the saved definition, then detach it
        Path extra = scratchDir.resolve(name + "-extra.qcow2");
        run("qemu-img", "create", "-q", "-f", "qcow2", extra.toString(), "8M");
        String diskXml = "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='" + extra
            + "'/><target dev='vdb' bus='virtio'/></disk>";
        Fx.run(() -> robot.lookup("#deviceXmlField").queryAs(javafx.scene.control.TextArea.class).setText(diskXml));
        Fx.run(() -> robot.lookup("#deviceAffect").queryAs(ChoiceBox.class).setValue(Affect.CONFIG));
        press(robot, "#attachDeviceButton");
        awaitDone(DomainPageViewModel.HARDWARE, "attach");
        assertTrue(Lab.virsh("domblklist", name, "--inactive").contains("vdb"));
        Fx.await(WAIT, "vdb in the device table", () -> pages().hardwareProperty().get().devices().stream().anyMatch(d -> d.target().equals("vdb")));
        press(robot, "#detachDeviceButton");
        confirm(robot, "Detach");
        awaitDone(DomainPageViewModel.HARDWARE, "detach");
        assertFalse(Lab.virsh("domblklist", name, "--inactive").contains("vdb"));

        // XML: a rejected document leaves the domain as it was; an accepted one redefines it
        tab(robot, "xmlTab");
        Fx.await(WAIT, "xml loaded", () -> pages().xmlProperty().get().contains("<name>" + name + "</name>"));
        String before = Lab.virsh("dumpxml", "--inactive", name);
        Fx.run(() -> robot.lookup("#xmlEditor").queryAs(CodeArea.class).replaceText(
            pages().xmlProperty().get().replace("<vcpu", "<vcpu bogus='1'")));
        press(robot, "#saveXmlButton");
        Fx.await(WAIT, "libvirt's refusal shown", () -> pages().failed(DomainPageViewModel.XML).get());
        String refusal = outcome(DomainPageViewModel.XML);
        System.out.println("[figure] rejected XML: " + refusal);
        assertTrue(refusal.startsWith("Save XML failed: ") && refusal.length() > "Save XML failed: ".length() + 10, refusal);
        assertEquals(before, Lab.virsh("dumpxml", "--inactive", name), "domain unchanged after a rejected XML");
        Screenshots.save(scene, "domain-xml-rejected");
        Fx.run(() -> robot.lookup("#xmlEditor").queryAs(CodeArea.class).replaceText(
            pages().xmlProperty().get().replace("</name>", "</name>\n  <description>edited in Vireo</description>")));
        press(robot, "#saveXmlButton");
        awaitDone(DomainPageViewModel.XML, "save xml");
        assertEquals("edited in Vireo", Lab.virsh("desc", name, "--config"));
    }

    @Test
    void actionsAndSnapshotsChangeTheRealDomain(FxRobot robot) throws IOException {
        String name = defineScratch();
        open(robot, name);
        tab(robot, "actionsTab");
        Fx.run(() -> robot.lookup("#start-PAUSED").queryAs(CheckBox.class).setSelected(true));
        press(robot, "#startWithFlagsButton");
        awaitDone(DomainPageViewModel.ACTIONS, "start paused");
        assertEquals("paused", Lab.state(name));
        press(robot, "#resumeActionButton");
        awaitDone(DomainPageViewModel.ACTIONS, "resume");
        assertEquals("running", Lab.state(name));

        // snapshots: create, see it in the tree as current, revert (confirmed), delete
        tab(robot, "snapshotsTab");
        Fx.run(() -> robot.lookup("#snapshotNameField").queryAs(TextField.class).setText("first"));
        Fx.run(() -> robot.lookup("#snapshotDescriptionField").queryAs(TextField.class).setText("made by the test"));
        press(robot, "#createSnapshotButton");
        awaitDone(DomainPageViewModel.SNAPSHOTS, "create snapshot");
        assertTrue(Lab.virsh("snapshot-list", name, "--name").contains("first"));
        assertEquals("first", Lab.virsh("snapshot-current", name, "--name"));
        Fx.await(WAIT, "snapshot in the tree", () -> {
            TreeTableView<?> tree = robot.lookup("#snapshotTree").queryAs(TreeTableView.class);
            return tree.getRoot() != null && tree.getRoot().getChildren().size() == 1;
        });
        SnapshotInfo first = Fx.get(() -> pages().snapshots().getFirst());
        assertTrue(first.current() && first.withMemory() && first.description().equals("made by the test"), first.toString());
        Screenshots.save(scene, "domain-snapshots-one");
        tab(robot, "actionsTab");
        press(robot, "#pauseActionButton");
        awaitDone(DomainPageViewModel.ACTIONS, "pause");
        assertEquals("paused", Lab.state(name));
        tab(robot, "snapshotsTab");
        Fx.run(() -> {
            @SuppressWarnings("unchecked")
            TreeTableView<SnapshotInfo> tree = robot.lookup("#snapshotTree").queryAs(TreeTableView.class);
            TreeItem<SnapshotInfo> item = tree.getRoot().getChildren().getFirst();
            tree.getSelectionModel().select(item);
        });
        press(robot, "#revertSnapshotButton");
        confirm(robot, "Revert");
        awaitDone(DomainPageViewModel.SNAPSHOTS, "revert");
        assertEquals("running", Lab.state(name), "reverted to the running snapshot");
        Fx.run(() -> {
            @SuppressWarnings("unchecked")
            TreeTableView<SnapshotInfo> tree = robot.lookup("#snapshotTree").queryAs(TreeTableView.class);
            tree.getSelectionModel().select(tree.getRoot().getChildren().getFirst());
        });
        press(robot, "#deleteSnapshotButton");
        confirm(robot, "Delete");
        awaitDone(DomainPageViewModel.SNAPSHOTS, "delete snapshot");
        assertEquals("", Lab.virsh("snapshot-list", name, "--name"));

        // save to a file (confirmed), restore from it
        tab(robot, "actionsTab");
        Path save = scratchDir.resolve(name + ".save");
        Fx.run(() -> robot.lookup("#saveFileField").queryAs(TextField.class).setText(save.toString()));
        press(robot, "#saveButton");
        confirm(robot, "Save");
        awaitDone(DomainPageViewModel.ACTIONS, "save");
        assertEquals("shut off", Lab.state(name));
        assertTrue(Files.size(save) > 1 << 20, "save file written");
        press(robot, "#restoreButton");
        awaitDone(DomainPageViewModel.ACTIONS, "restore");
        assertEquals("running", Lab.state(name));
        assertEquals("restored", Lab.virsh("domstate", "--reason", name).replaceAll(".*\\((.*)\\)", "$1"));
        Files.deleteIfExists(save);

        // core dump, memory only
        Path core = scratchDir.resolve(name + ".core");
        Fx.run(() -> robot.lookup("#dumpFileField").queryAs(TextField.class).setText(core.toString()));
        Fx.run(() -> robot.lookup("#dump-MEMORY_ONLY").queryAs(CheckBox.class).setSelected(true));
        press(robot, "#coreDumpButton");
        awaitDone(DomainPageViewModel.ACTIONS, "core dump");
        assertTrue(Files.size(core) > 1 << 20, "core dump written");
        byte[] head = new byte[4];
        try (var in = Files.newInputStream(core)) {
            assertEquals(4, in.read(head));
        }
        assertEquals("\u007fELF", new String(head, java.nio.charset.StandardCharsets.ISO_8859_1), "an ELF core");
        Files.deleteIfExists(core);

        // keys, NMI, screenshot to a file
        Fx.run(() -> robot.lookup("#keyComboChoice").queryAs(ChoiceBox.class).setValue("Ctrl+Alt+F2"));
        press(robot, "#sendKeysButton");
        awaitDone(DomainPageViewModel.ACTIONS, "send keys");
        press(robot, "#injectNmiButton");
        awaitDone(DomainPageViewModel.ACTIONS, "nmi");
        Path png = scratchDir.resolve(name + ".png");
        Fx.run(() -> robot.lookup("#screenshotFileField").queryAs(TextField.class).setText(png.toString()));
        press(robot, "#screenshotButton");
        awaitDone(DomainPageViewModel.ACTIONS, "screenshot");
        assertTrue(Files.size(png) > 100, "screenshot written");
        Files.deleteIfExists(png);

        // managed save, then the overview offers to remove the image
        press(robot, "#managedSaveButton");
        awaitDone(DomainPageViewModel.ACTIONS, "managed save");
        assertEquals("shut off", Lab.state(name));
        assertTrue(Lab.virsh("dominfo", name).matches("(?s).*Managed save:\\s+yes.*"));
        tab(robot, "overviewTab");
        Fx.await(WAIT, "managed save shown", () -> pages().overviewProperty().get() != null && pages().overviewProperty().get().managedSaveImage());
        press(robot, "#removeManagedSaveButton");
        confirm(robot, "Remove image");
        awaitDone(DomainPageViewModel.OVERVIEW, "remove managed save");
        assertTrue(Lab.virsh("dominfo", name).matches("(?s).*Managed save:\\s+no.*"));

        // undefine (confirmed): gone from virsh
        tab(robot, "actionsTab");
        press(robot, "#undefineButton");
        confirm(robot, "Undefine");
        // the shut-off domain disappears from the list with its page; the outcome stays in the status line
        Fx.await(Duration.ofSeconds(90), "undefine reported", () -> model.messageProperty().get().startsWith("Undefine " + name));
        assertEquals("Undefine " + name + ": done", Fx.get(() -> model.messageProperty().get()));
        assertFalse(Lab.virsh("list", "--all", "--name").contains(name));
        Fx.await(WAIT, "the page closes", () -> pages().domainProperty().get() == null && row(name) == null);
        Files.deleteIfExists(scratchDir.resolve(name + ".qcow2"));
        assertNotNull(name);
    }
}
