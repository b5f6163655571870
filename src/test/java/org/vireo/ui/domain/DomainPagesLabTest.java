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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.testfx.util.WaitForAsyncUtils;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
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
import org.vireo.model.DomainFlags.Affect;
import org.vireo.model.SnapshotInfo;
import org.vireo.model.SnapshotPlan;
import org.vireo.support.Await;
import org.vireo.support.Fx;
import org.vireo.support.Lab;
import org.vireo.support.LabWindow;
import org.vireo.support.ScratchGuest;
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
    private LabWindow lab;
    /** The throwaway copy of lab-gamma the test works on, if any; removed after the test. */
    private ScratchGuest scratch;

    @Start
    void start(Stage stage) {
        lab = LabWindow.show(stage);
    }

    @AfterEach
    void stop() {
        // a failed test may leave a confirmation open: close() hides it, so it cannot block the next test's window
        lab.close();
        if (scratch != null) {
            scratch.close();
        }
    }

    /**
     * Presses a button of a page with a real click: waits until it is enabled, scrolls its page so
     * it is in view, then clicks it. Never runs the button's action synchronously from the test
     * thread: an action that asks first opens a modal dialog (showAndWait), and a blocking
     * {@code robot.interact(b::fire)} would then wait for the FX call forever (the old hang).
     */
    private static void press(FxRobot robot, String id) {
        // ids must be unique in the window (the toolbar's Force off once shadowed the page's)
        assertEquals(1, robot.lookup(id).queryAll().size(), "exactly one node has the id " + id);
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
        return Fx.get(() -> lab.pages().outcome(area).get());
    }

    /** Like awaitDone, but the operation must fail: returns the outcome line with libvirt's message. */
    private String awaitRefused(String area, String label) {
        Fx.await(Duration.ofSeconds(90), label + " refused (" + area + ")", () -> lab.pages().failed(area).get());
        String o = outcome(area);
        System.out.println("[figure] " + o);
        assertTrue(o.startsWith(label + " failed: ") && o.length() > (label + " failed: ").length() + 10, o);
        return o;
    }

    private static String label(FxRobot robot, String id) {
        return Fx.get(() -> node(robot, id, Label.class).getText());
    }

    /** A "Name:   value" line of virsh dominfo. */
    private static String field(String dominfo, String name) {
        return dominfo.lines().filter(l -> l.startsWith(name + ":")).map(l -> l.substring(name.length() + 1).strip())
            .findFirst().orElseThrow(() -> new AssertionError("no " + name + " in " + dominfo));
    }

    /** Polls a condition on the test thread (for virsh and files, which must not run on the FX thread). */
    private static void eventually(Duration timeout, String what, java.util.function.BooleanSupplier condition) {
        Await.until(timeout, Duration.ofMillis(200), what, condition);
    }

    /** The node with this id (exact match, so ids with dots such as inbound.average work). */
    private static <T extends Node> T node(FxRobot robot, String id, Class<T> type) {
        String bare = id.startsWith("#") ? id.substring(1) : id;
        return robot.lookup((Node n) -> bare.equals(n.getId())).queryAs(type);
    }

    /** Starts the scratch domain with virsh and waits until its guest has booted. */
    private void startScratch() {
        scratch.startAndAwaitBoot(Duration.ofSeconds(120));
    }

    @Test
    void everyPageShowsLabAlphaAsVirshSeesIt(FxRobot robot) {
        lab.open(robot, Lab.ALPHA);
        Fx.await(WAIT, "overview loaded", () -> lab.pages().overview().overviewProperty().get() != null);
        assertEquals(Lab.virsh("domuuid", Lab.ALPHA), Fx.get(() -> lab.pages().overview().overviewProperty().get().uuid()));
        assertEquals(Lab.virsh("domid", Lab.ALPHA), Integer.toString(Fx.get(() -> lab.pages().overview().overviewProperty().get().id())));
        assertEquals("hvm", Fx.get(() -> robot.lookup("#osTypeValue").queryAs(Label.class).getText()));
        assertEquals("running (booted)", Fx.get(() -> robot.lookup("#stateWithReason").queryAs(Label.class).getText()));
        // get_hostname: the lab guest runs the guest agent, which names the guest as virsh domhostname does
        String hostname = Fx.get(() -> robot.lookup("#hostnameValue").queryAs(Label.class).getText());
        assertEquals(Lab.virsh("domhostname", Lab.ALPHA), hostname);
        assertEquals("vireo-lab-guest", hostname);
        // each fact as virsh reads it (is_persistent, is_updated, get_info, get_control_info, get_disk_errors,
        // get_security_label(_list), num_of_snapshots); a failed read would say "could not be read"
        String dominfo = Lab.virsh("dominfo", Lab.ALPHA);
        assertEquals(field(dominfo, "Persistent"), label(robot, "#persistentValue"));
        assertEquals("matches the saved definition", label(robot, "#updatedValue"));
        String cpus = field(dominfo, "CPU(s)");
        long maxKiB = Long.parseLong(field(dominfo, "Max memory").replace(" KiB", ""));
        long usedKiB = Long.parseLong(field(dominfo, "Used memory").replace(" KiB", ""));
        String info = label(robot, "#infoValue");
        assertTrue(info.startsWith(cpus + (cpus.equals("1") ? " vCPU · " : " vCPUs · ") + usedKiB / 1024 + " MiB of " + maxKiB / 1024 + " MiB · CPU time "),
            info + " vs " + dominfo);
        assertEquals(Lab.virsh("domcontrol", Lab.ALPHA).strip(), label(robot, "#controlState"));
        assertEquals("No errors found", Lab.virsh("domblkerror", Lab.ALPHA).strip());
        assertEquals("none", label(robot, "#diskErrors"));
        // the lab's libvirtd has no security driver ("Security model: none"): empty labels, not enforcing
        assertEquals("none", field(dominfo, "Security model"));
        List<String> labels = label(robot, "#securityLabels").lines().toList();
        assertEquals("(no label, not enforcing)", labels.getFirst());
        // and the DAC driver's label, as the live XML has it
        String dac = Lab.virsh("dumpxml", Lab.ALPHA).replaceAll("(?s).*<seclabel[^>]*model='dac'[^>]*>\\s*<label>([^<]*)</label>.*", "$1");
        assertEquals(List.of("(no label, not enforcing)", dac + " (permissive)"), labels);
        long snapshots = Lab.virsh("snapshot-list", Lab.ALPHA, "--name").lines().filter(l -> !l.isBlank()).count();
        assertTrue(label(robot, "#snapshotCount").startsWith(Long.toString(snapshots)), label(robot, "#snapshotCount"));
        Fx.await(WAIT, "screenshot thumbnail", () -> lab.pages().overview().thumbnailProperty().get() != null);
        Screenshots.save(lab.scene(), "domain-overview");

        lab.tab("hardwareTab");
        Fx.await(WAIT, "hardware loaded", () -> lab.pages().hardware().hardwareProperty().get() != null);
        var hw = Fx.get(() -> lab.pages().hardware().hardwareProperty().get());
        assertTrue(hw.devices().stream().anyMatch(d -> d.kind().equals("disk") && d.target().equals("vda")), "vda listed");
        assertTrue(hw.devices().stream().anyMatch(d -> d.kind().equals("graphics") && d.summary().startsWith("vnc")), "vnc listed");
        assertEquals(64L << 20, hw.blocks().getFirst().capacity(), "block capacity as qemu-img created it");
        assertTrue(Lab.virsh("domblkinfo", Lab.ALPHA, "vda").contains(Long.toString(64L << 20)));
        assertEquals(1, hw.vcpusLive());
        // get_max_memory (virDomainGetMaxMemory) is virsh's "Max memory", shown in the summary
        assertEquals(maxKiB, hw.maxMemoryLiveKiB());
        assertTrue(label(robot, "#memorySummary").startsWith("live " + usedKiB / 1024 + " MiB of " + maxKiB / 1024 + " MiB"),
            label(robot, "#memorySummary"));
        Screenshots.save(lab.scene(), "domain-hardware");

        lab.tab("tuningTab");
        Fx.await(WAIT, "tuning loaded", () -> lab.pages().tuning().groups().size() >= 5 && !lab.pages().tuning().vcpuPins().isEmpty());
        assertTrue(Fx.get(() -> lab.pages().tuning().groups().stream().anyMatch(g -> g.group().equals("iotune") && g.supported())), "iotune of vda");
        // get_emulator_pin_info: the field holds what virsh emulatorpin shows (quiet: just "0-1")
        String emulatorPin = Lab.virsh("emulatorpin", Lab.ALPHA).strip();
        Fx.await(WAIT, "emulator pin shown", () -> emulatorPin.equals(node(robot, "#emulatorPinField", TextField.class).getText()));
        // get_cpu_stats: the lab's libvirtd has the cpuacct cgroup, so there are rows (per host CPU and the total)
        Fx.await(WAIT, "cpu stats or their reason", () -> !lab.pages().tuning().cpuStats().isEmpty() || !lab.pages().tuning().cpuStatsNoteProperty().get().isEmpty());
        assertFalse(Fx.get(() -> lab.pages().tuning().cpuStats().isEmpty()), () -> "no cpu stats: " + Fx.get(() -> lab.pages().tuning().cpuStatsNoteProperty().get()));
        assertTrue(Lab.virsh("cpu-stats", Lab.ALPHA, "--total").contains("cpu_time"));
        Screenshots.save(lab.scene(), "domain-tuning");

        lab.tab("xmlTab");
        Fx.await(WAIT, "xml loaded", () -> robot.lookup("#xmlEditor").queryAs(CodeArea.class).getText().contains("<name>lab-alpha</name>"));
        Screenshots.save(lab.scene(), "domain-xml");

        lab.tab("snapshotsTab");
        Screenshots.save(lab.scene(), "domain-snapshots");
        lab.tab("actionsTab");
        press(robot, "#memoryPeekButton");
        Fx.await(WAIT, "memory peek shown", () -> lab.pages().actions().peekProperty().get().startsWith("00000000  "));
        Screenshots.save(lab.scene(), "domain-actions");
        assertEquals("running", Lab.state(Lab.ALPHA));
    }

    /** A copy of lab-gamma with its own name, UUID, MAC, disk and log; shut off. */
    private String defineScratch() {
        scratch = ScratchGuest.define("vireo-scratch");
        return scratch.name();
    }

    /** The directory of the scratch domain's disk, where its other files go too (removed with it). */
    private Path scratchDir() {
        return scratch.disk().getParent();
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
        lab.open(robot, name);
        lab.tab("hardwareTab");
        Fx.await(WAIT, "hardware loaded", () -> lab.pages().hardware().hardwareProperty().get() != null);
        // maximum first (config), then the current count
        Fx.run(() -> robot.lookup("#vcpuAffect").queryAs(ChoiceBox.class).setValue(Affect.CONFIG));
        Fx.run(() -> robot.lookup("#vcpuMaximumCheck").queryAs(CheckBox.class).setSelected(true));
        Fx.run(() -> robot.lookup("#vcpuSpinner").queryAs(javafx.scene.control.Spinner.class).getValueFactory().setValue(2));
        press(robot, "#applyVcpusButton");
        lab.awaitDone(DomainPageViewModel.HARDWARE, "max vcpus");
        Fx.run(() -> robot.lookup("#vcpuMaximumCheck").queryAs(CheckBox.class).setSelected(false));
        Fx.run(() -> robot.lookup("#vcpuSpinner").queryAs(javafx.scene.control.Spinner.class).getValueFactory().setValue(2));
        press(robot, "#applyVcpusButton");
        lab.awaitDone(DomainPageViewModel.HARDWARE, "vcpus");
        assertEquals("2", Lab.virsh("vcpucount", name, "--config", "--current"));
        assertEquals("2", Lab.virsh("vcpucount", name, "--config", "--maximum"));

        Fx.run(() -> robot.lookup("#memoryAffect").queryAs(ChoiceBox.class).setValue(Affect.CONFIG));
        Fx.run(() -> robot.lookup("#memoryField").queryAs(TextField.class).setText("96"));
        press(robot, "#applyMemoryButton");
        lab.awaitDone(DomainPageViewModel.HARDWARE, "memory");
        assertTrue(Lab.virsh("dumpxml", "--inactive", name).contains("<currentMemory unit='KiB'>98304</currentMemory>"));

        // attach a second disk to the saved definition, then detach it
        Path extra = scratchDir().resolve(name + "-extra.qcow2");
        run("qemu-img", "create", "-q", "-f", "qcow2", extra.toString(), "8M");
        String diskXml = "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='" + extra
            + "'/><target dev='vdb' bus='virtio'/></disk>";
        Fx.run(() -> robot.lookup("#deviceXmlField").queryAs(javafx.scene.control.TextArea.class).setText(diskXml));
        Fx.run(() -> robot.lookup("#deviceAffect").queryAs(ChoiceBox.class).setValue(Affect.CONFIG));
        press(robot, "#attachDeviceButton");
        lab.awaitDone(DomainPageViewModel.HARDWARE, "attach");
        assertTrue(Lab.virsh("domblklist", name, "--inactive").contains("vdb"));
        Fx.await(WAIT, "vdb in the device table", () -> lab.pages().hardware().hardwareProperty().get().devices().stream().anyMatch(d -> d.target().equals("vdb")));
        press(robot, "#detachDeviceButton");
        confirm(robot, "Detach");
        lab.awaitDone(DomainPageViewModel.HARDWARE, "detach");
        assertFalse(Lab.virsh("domblklist", name, "--inactive").contains("vdb"));

        // XML: a rejected document leaves the domain as it was; an accepted one redefines it
        lab.tab("xmlTab");
        Fx.await(WAIT, "xml loaded", () -> lab.pages().xml().xmlProperty().get().contains("<name>" + name + "</name>"));
        String before = Lab.virsh("dumpxml", "--inactive", name);
        Fx.run(() -> robot.lookup("#xmlEditor").queryAs(CodeArea.class).replaceText(
            lab.pages().xml().xmlProperty().get().replace("<vcpu", "<vcpu bogus='1'")));
        press(robot, "#saveXmlButton");
        Fx.await(WAIT, "libvirt's refusal shown", () -> lab.pages().failed(DomainPageViewModel.XML).get());
        String refusal = outcome(DomainPageViewModel.XML);
        System.out.println("[figure] rejected XML: " + refusal);
        assertTrue(refusal.startsWith("Save XML failed: ") && refusal.length() > "Save XML failed: ".length() + 10, refusal);
        assertEquals(before, Lab.virsh("dumpxml", "--inactive", name), "domain unchanged after a rejected XML");
        Screenshots.save(lab.scene(), "domain-xml-rejected");
        Fx.run(() -> robot.lookup("#xmlEditor").queryAs(CodeArea.class).replaceText(
            lab.pages().xml().xmlProperty().get().replace("</name>", "</name>\n  <description>edited in Vireo</description>")));
        press(robot, "#saveXmlButton");
        lab.awaitDone(DomainPageViewModel.XML, "save xml");
        assertEquals("edited in Vireo", Lab.virsh("desc", name, "--config"));
    }

    @Test
    void startPausedThenResume(FxRobot robot) throws IOException {
        String name = defineScratch();
        lab.open(robot, name);
        lab.tab("actionsTab");
        Fx.run(() -> robot.lookup("#start-PAUSED").queryAs(CheckBox.class).setSelected(true));
        press(robot, "#startWithFlagsButton");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "start paused");
        assertEquals("paused", Lab.state(name));
        press(robot, "#resumeActionButton");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "resume");
        assertEquals("running", Lab.state(name));

    }

    @Test
    void snapshotCreateRevertAndDelete(FxRobot robot) throws IOException {
        String name = defineScratch();
        Lab.virsh("start", name);
        lab.open(robot, name);
        // snapshots: create, see it in the tree as current, revert (confirmed), delete
        lab.tab("snapshotsTab");
        snapshotWithWizard(robot, SnapshotPlan.Kind.INTERNAL, "first", "made by the test", false, null);
        assertTrue(Lab.virsh("snapshot-list", name, "--name").contains("first"));
        assertEquals("first", Lab.virsh("snapshot-current", name, "--name"));
        Fx.await(WAIT, "snapshot in the tree", () -> {
            TreeTableView<?> tree = robot.lookup("#snapshotTree").queryAs(TreeTableView.class);
            return tree.getRoot() != null && tree.getRoot().getChildren().size() == 1;
        });
        // a list read while libvirt was still making the snapshot may not mark it current yet:
        // the reload after the job ends does
        Fx.await(WAIT, "the snapshot current, with memory and its description", () -> {
            var list = lab.pages().snapshots().list();
            return list.size() == 1 && list.getFirst().current() && list.getFirst().withMemory()
                && list.getFirst().description().equals("made by the test");
        });
        Screenshots.save(lab.scene(), "domain-snapshots-one");
        lab.tab("actionsTab");
        press(robot, "#pauseActionButton");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "pause");
        assertEquals("paused", Lab.state(name));
        lab.tab("snapshotsTab");
        Fx.run(() -> {
            @SuppressWarnings("unchecked")
            TreeTableView<SnapshotInfo> tree = robot.lookup("#snapshotTree").queryAs(TreeTableView.class);
            TreeItem<SnapshotInfo> item = tree.getRoot().getChildren().getFirst();
            tree.getSelectionModel().select(item);
        });
        press(robot, "#revertSnapshotButton");
        confirm(robot, "Revert");
        lab.awaitDone(DomainPageViewModel.SNAPSHOTS, "revert");
        assertEquals("running", Lab.state(name), "reverted to the running snapshot");
        Fx.run(() -> {
            @SuppressWarnings("unchecked")
            TreeTableView<SnapshotInfo> tree = robot.lookup("#snapshotTree").queryAs(TreeTableView.class);
            tree.getSelectionModel().select(tree.getRoot().getChildren().getFirst());
        });
        press(robot, "#deleteSnapshotButton");
        confirm(robot, "Delete");
        lab.awaitDone(DomainPageViewModel.SNAPSHOTS, "delete snapshot");
        assertEquals("", Lab.virsh("snapshot-list", name, "--name"));

    }

    @Test
    void saveToAFileAndRestore(FxRobot robot) throws IOException {
        String name = defineScratch();
        Lab.virsh("start", name);
        lab.open(robot, name);
        // save to a file (confirmed), restore from it
        lab.tab("actionsTab");
        Path save = scratchDir().resolve(name + ".save");
        Fx.run(() -> robot.lookup("#saveFileField").queryAs(TextField.class).setText(save.toString()));
        press(robot, "#saveButton");
        confirm(robot, "Save");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "save");
        assertEquals("shut off", Lab.state(name));
        assertTrue(Files.size(save) > 1 << 20, "save file written");
        press(robot, "#restoreButton");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "restore");
        assertEquals("running", Lab.state(name));
        assertEquals("restored", Lab.virsh("domstate", "--reason", name).replaceAll(".*\\((.*)\\)", "$1"));
        Files.deleteIfExists(save);

    }

    @Test
    void coreDumpMemoryOnly(FxRobot robot) throws IOException {
        String name = defineScratch();
        Lab.virsh("start", name);
        lab.open(robot, name);
        lab.tab("actionsTab");
        // core dump, memory only
        Path core = scratchDir().resolve(name + ".core");
        Fx.run(() -> robot.lookup("#dumpFileField").queryAs(TextField.class).setText(core.toString()));
        Fx.run(() -> robot.lookup("#dump-MEMORY_ONLY").queryAs(CheckBox.class).setSelected(true));
        press(robot, "#coreDumpButton");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "core dump");
        assertTrue(Files.size(core) > 1 << 20, "core dump written");
        byte[] head = new byte[4];
        try (var in = Files.newInputStream(core)) {
            assertEquals(4, in.read(head));
        }
        assertEquals("\u007fELF", new String(head, java.nio.charset.StandardCharsets.ISO_8859_1), "an ELF core");
        Files.deleteIfExists(core);

    }

    @Test
    void keysNmiAndScreenshotToAFile(FxRobot robot) throws IOException {
        String name = defineScratch();
        Lab.virsh("start", name);
        lab.open(robot, name);
        lab.tab("actionsTab");
        // keys, NMI, screenshot to a file
        Fx.run(() -> robot.lookup("#keyComboChoice").queryAs(ChoiceBox.class).setValue("Ctrl+Alt+F2"));
        press(robot, "#sendKeysButton");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "send keys");
        press(robot, "#injectNmiButton");
        confirm(robot, "Inject NMI");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "nmi");
        Path png = scratchDir().resolve(name + ".png");
        Fx.run(() -> robot.lookup("#screenshotFileField").queryAs(TextField.class).setText(png.toString()));
        press(robot, "#screenshotButton");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "screenshot");
        assertTrue(Files.size(png) > 100, "screenshot written");
        Files.deleteIfExists(png);

    }

    @Test
    void managedSaveThenRemoveTheImage(FxRobot robot) throws IOException {
        String name = defineScratch();
        Lab.virsh("start", name);
        lab.open(robot, name);
        lab.tab("actionsTab");
        // managed save, then the overview offers to remove the image
        press(robot, "#managedSaveButton");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "managed save");
        assertEquals("shut off", Lab.state(name));
        assertTrue(Lab.virsh("dominfo", name).matches("(?s).*Managed save:\\s+yes.*"));
        lab.tab("overviewTab");
        Fx.await(WAIT, "managed save shown", () -> lab.pages().overview().overviewProperty().get() != null && lab.pages().overview().overviewProperty().get().managedSaveImage());
        press(robot, "#removeManagedSaveButton");
        confirm(robot, "Remove image");
        lab.awaitDone(DomainPageViewModel.OVERVIEW, "remove managed save");
        assertTrue(Lab.virsh("dominfo", name).matches("(?s).*Managed save:\\s+no.*"));

    }

    @Test
    void undefineAShutOffDomain(FxRobot robot) throws IOException {
        String name = defineScratch();
        lab.open(robot, name);
        // undefine (confirmed): gone from virsh
        lab.tab("actionsTab");
        press(robot, "#undefineButton");
        confirm(robot, "Undefine");
        // the shut-off domain disappears from the list with its page; the outcome stays in the status line
        Fx.await(Duration.ofSeconds(90), "undefine reported", () -> lab.model().messageProperty().get().startsWith("Undefine " + name));
        assertEquals("Undefine " + name + ": done", Fx.get(() -> lab.model().messageProperty().get()));
        assertFalse(Lab.virsh("list", "--all", "--name").contains(name));
        Fx.await(WAIT, "the page closes", () -> lab.pages().domainProperty().get() == null && lab.row(name) == null);
        Files.deleteIfExists(scratchDir().resolve(name + ".qcow2"));
        assertNotNull(name);
    }

    /** QEMU refuses autostart for a transient domain: the box goes back to libvirt's value, the page says why. */
    @Test
    void theAutostartBoxGoesBackWhenLibvirtRefuses(FxRobot robot) throws IOException {
        String name = defineScratch();
        Lab.virsh("start", name);
        lab.open(robot, name);
        Fx.await(WAIT, "overview of the running domain", () -> lab.pages().overview().overviewProperty().get() != null
            && lab.pages().overview().overviewProperty().get().id() > 0);
        javafx.scene.control.CheckBox box = node(robot, "#autostartToggle", javafx.scene.control.CheckBox.class);
        Fx.await(WAIT, "autostart box enabled and off", () -> !box.isDisabled() && !box.isSelected());
        Lab.virsh("undefine", name); // still running: now transient, behind the page's back
        press(robot, "#autostartToggle");
        String why = awaitRefused(DomainPageViewModel.OVERVIEW, "Enable autostart");
        assertTrue(why.contains("transient"), why);
        Fx.await(WAIT, "the box back to libvirt's value", () -> !box.isSelected());
        assertTrue(Lab.virsh("dominfo", name).matches("(?s).*Autostart:\\s+disable.*"));
    }

    @Test
    void titleDescriptionAndCustomMetadataReachTheRealDomain(FxRobot robot) throws IOException {
        String name = defineScratch();
        lab.open(robot, name);
        Fx.await(WAIT, "overview loaded", () -> lab.pages().overview().overviewProperty().get() != null);

        // title and description (set_metadata / get_metadata of TITLE and DESCRIPTION)
        Fx.run(() -> node(robot, "#titleField", TextField.class).setText("Scratch title"));
        Fx.run(() -> node(robot, "#descriptionField", javafx.scene.control.TextArea.class).setText("Scratch description"));
        press(robot, "#saveMetadataButton");
        lab.awaitDone(DomainPageViewModel.OVERVIEW, "title and description");
        assertEquals("Scratch title", Lab.virsh("desc", name, "--title", "--config"));
        assertEquals("Scratch description", Lab.virsh("desc", name, "--config"));
        Fx.await(WAIT, "the overview reads the title back", () -> lab.pages().overview().overviewProperty().get() != null
            && "Scratch title".equals(lab.pages().overview().overviewProperty().get().title().value()));

        // custom metadata element by namespace: save, then load it back into the emptied field
        Fx.run(() -> node(robot, "#metadataXmlField", javafx.scene.control.TextArea.class).setText("<note>hello from vireo</note>"));
        press(robot, "#saveCustomMetadataButton");
        lab.awaitDone(DomainPageViewModel.OVERVIEW, "custom metadata");
        assertTrue(Lab.virsh("metadata", name, "--uri", "http://vireo.invalid/notes/1", "--config").contains("hello from vireo"));
        Fx.run(() -> node(robot, "#metadataXmlField", javafx.scene.control.TextArea.class).setText(""));
        press(robot, "#loadCustomMetadataButton");
        lab.awaitDone(DomainPageViewModel.OVERVIEW, "load custom metadata");
        assertTrue(Fx.get(() -> node(robot, "#metadataXmlField", javafx.scene.control.TextArea.class).getText()).contains("hello from vireo"));
        // a namespace the domain has no element for: libvirt's message next to the Load
        Fx.run(() -> node(robot, "#metadataUriField", TextField.class).setText("http://vireo.invalid/none/1"));
        press(robot, "#loadCustomMetadataButton");
        awaitRefused(DomainPageViewModel.OVERVIEW, "Load metadata of http://vireo.invalid/none/1");
    }

    @Test
    void autostartOnThenOff(FxRobot robot) throws IOException {
        String name = defineScratch();
        lab.open(robot, name);
        Fx.await(WAIT, "overview loaded", () -> lab.pages().overview().overviewProperty().get() != null);

        // autostart on, then off
        press(robot, "#autostartToggle");
        lab.awaitDone(DomainPageViewModel.OVERVIEW, "autostart on");
        assertTrue(Lab.virsh("dominfo", name).matches("(?s).*Autostart:\\s+enable.*"));
        Fx.await(WAIT, "the overview reads autostart back", () -> lab.pages().overview().overviewProperty().get() != null
            && lab.pages().overview().overviewProperty().get().autostart());
        press(robot, "#autostartToggle");
        lab.awaitDone(DomainPageViewModel.OVERVIEW, "autostart off");
        assertTrue(Lab.virsh("dominfo", name).matches("(?s).*Autostart:\\s+disable.*"));
        Screenshots.save(lab.scene(), "domain-overview-shut-off");
    }

    @Test
    void maxMemoryAndADeviceUpdateReachTheSavedDefinition(FxRobot robot) throws IOException {
        String name = defineScratch();
        lab.open(robot, name);

        // maximum memory of the saved definition (set_max_memory)
        lab.tab("hardwareTab");
        Fx.await(WAIT, "hardware loaded", () -> lab.pages().hardware().hardwareProperty().get() != null);
        Fx.run(() -> node(robot, "#memoryAffect", ChoiceBox.class).setValue(Affect.CONFIG));
        Fx.run(() -> node(robot, "#memoryMaximumCheck", CheckBox.class).setSelected(true));
        Fx.run(() -> node(robot, "#memoryField", TextField.class).setText("112"));
        press(robot, "#applyMemoryButton");
        lab.awaitDone(DomainPageViewModel.HARDWARE, "max memory");
        assertTrue(Lab.virsh("dumpxml", "--inactive", name).contains("<memory unit='KiB'>114688</memory>"));

        // update a device in the saved definition: the VNC display gets a password
        String vnc = "<graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1' passwd='s3cret'>"
            + "<listen type='address' address='127.0.0.1'/></graphics>";
        Fx.run(() -> node(robot, "#deviceXmlField", javafx.scene.control.TextArea.class).setText(vnc));
        Fx.run(() -> node(robot, "#deviceAffect", ChoiceBox.class).setValue(Affect.CONFIG));
        press(robot, "#updateDeviceButton");
        lab.awaitDone(DomainPageViewModel.HARDWARE, "update device");
        assertTrue(Lab.virsh("dumpxml", "--inactive", "--security-info", name).contains("passwd='s3cret'"));
    }

    @Test
    void bandwidthAndNumaReachTheSavedDefinition(FxRobot robot) throws IOException {
        String name = defineScratch();
        lab.open(robot, name);

        // bandwidth of the NIC in the saved definition (set_interface_parameters)
        lab.tab("tuningTab");
        Fx.await(WAIT, "tuning loaded", () -> lab.pages().tuning().groups().stream().anyMatch(g -> g.group().equals("bandwidth")));
        var bw = Fx.get(() -> lab.pages().tuning().groups().stream().filter(g -> g.group().equals("bandwidth")).findFirst().orElseThrow());
        assertTrue(bw.supported(), "bandwidth of " + bw.target() + ": " + bw.unsupported());
        String bwId = "#tuning-bandwidth-" + bw.target();
        // the tab builds its fields once the loaded groups reach it (a pulse after the list)
        String field = bwId.substring(1) + "-inbound.average";
        Fx.await(WAIT, "bandwidth fields built", () -> robot.lookup((Node n) -> field.equals(n.getId())).tryQuery().isPresent());
        Fx.run(() -> node(robot, bwId + "-inbound.average", TextField.class).setText("100"));
        Fx.run(() -> node(robot, bwId + "-affect", ChoiceBox.class).setValue(Affect.CONFIG));
        press(robot, bwId + "-apply");
        lab.awaitDone(DomainPageViewModel.TUNING, "bandwidth");
        assertTrue(Lab.virsh("domiftune", name, bw.target(), "--config").matches("(?s).*inbound.average\\s*:\\s*100\\b.*"),
            Lab.virsh("domiftune", name, bw.target(), "--config"));

        // NUMA memory placement of the saved definition (set_numa_parameters)
        Fx.await(WAIT, "tuning reloaded after the bandwidth change", () -> lab.pages().tuning().groups().stream().anyMatch(g -> g.group().equals("bandwidth")
            && g.params().stream().anyMatch(p -> p.name().equals("inbound.average") && p.value().equals("100"))));
        Fx.run(() -> node(robot, "#tuning-numa-numa_nodeset", TextField.class).setText("0"));
        Fx.run(() -> node(robot, "#tuning-numa-numa_mode", TextField.class).setText("2"));
        Fx.run(() -> node(robot, "#tuning-numa-affect", ChoiceBox.class).setValue(Affect.CONFIG));
        press(robot, "#tuning-numa-apply");
        lab.awaitDone(DomainPageViewModel.TUNING, "numa");
        String numa = Lab.virsh("numatune", name, "--config");
        assertTrue(numa.matches("(?s).*numa_mode\\s*:\\s*interleave.*numa_nodeset\\s*:\\s*0.*"), numa);
    }

    @Test
    void pmSuspendAndWakeUpOfARunningGuest(FxRobot robot) throws IOException {
        String name = defineScratch();
        startScratch();
        lab.open(robot, name);
        lab.tab("actionsTab");

        // PM suspend to RAM through the guest agent (the guest kernel writes "mem" to /sys/power/state:
        // QEMU reports S3, virsh says pmsuspended), then Wake up brings it back to running
        press(robot, "#pmSuspendButton");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "PM suspend");
        eventually(Duration.ofSeconds(60), "pmsuspended", () -> Lab.state(name).equals("pmsuspended"));
        press(robot, "#pmWakeupButton");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "Wake up");
        eventually(Duration.ofSeconds(60), "running again", () -> Lab.state(name).equals("running"));
        assertEquals("event wakeup", Lab.virsh("domstate", "--reason", name).replaceAll(".*\\((.*)\\)", "$1"));
    }

    @Test
    void guestAgentFreezeFilesystemsTimeAndPassword(FxRobot robot) throws IOException {
        String name = defineScratch();
        startScratch();
        lab.open(robot, name);
        lab.tab("actionsTab");

        // the guest agent's other calls, each read back with virsh / the agent itself
        String freezeStatus = "{\"execute\":\"guest-fsfreeze-status\"}";
        press(robot, "#fsFreezeButton");
        confirm(robot, "Freeze");
        try {
            lab.awaitDone(DomainPageViewModel.ACTIONS, "freeze");
            assertEquals("{\"return\":\"frozen\"}", Lab.virsh("qemu-agent-command", name, freezeStatus));
            assertEquals("1 filesystem(s) frozen: guest writes wait until Thaw", label(robot, "#agentInfo"));
            press(robot, "#fsThawButton");
            lab.awaitDone(DomainPageViewModel.ACTIONS, "thaw");
        } finally {
            if (Lab.virsh("qemu-agent-command", name, freezeStatus).contains("frozen")) {
                Lab.virsh("domfsthaw", name); // a frozen guest would hang the rest of the test
            }
        }
        assertEquals("{\"return\":\"thawed\"}", Lab.virsh("qemu-agent-command", name, freezeStatus));
        press(robot, "#fsInfoButton");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "filesystems");
        String virshFs = Lab.virsh("domfsinfo", name).strip().replaceAll("\\s+", " ");
        assertEquals("/mnt vda ext4 vda", virshFs);
        assertTrue(label(robot, "#agentInfo").endsWith("\n" + virshFs), label(robot, "#agentInfo"));
        Screenshots.saveDoc(lab.scene(), "domain-guest-agent");
        Lab.virsh("domtime", name, "--time", "1700000000");
        press(robot, "#guestTimeButton");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "guest time");
        assertTrue(label(robot, "#agentInfo").startsWith("guest clock: 2023-11-14T22:13:2"), label(robot, "#agentInfo"));
        press(robot, "#syncTimeButton");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "set guest time");
        long guestNow = Long.parseLong(Lab.virsh("domtime", name).replaceAll("\\D", ""));
        assertTrue(Math.abs(guestNow - System.currentTimeMillis() / 1000) < 60, "guest clock set to now: " + guestNow);
        String shadowBefore = guestShadowRoot(name);
        Fx.run(() -> node(robot, "#agentPasswordField", javafx.scene.control.PasswordField.class).setText("vireo-" + System.nanoTime()));
        press(robot, "#setPasswordButton");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "set password");
        String shadowAfter = guestShadowRoot(name);
        assertTrue(shadowAfter.startsWith("root:$6$") && !shadowAfter.equals(shadowBefore), shadowBefore + " -> " + shadowAfter);
        assertEquals("", Fx.get(() -> node(robot, "#agentPasswordField", javafx.scene.control.PasswordField.class).getText()),
            "the password is not kept in the field");
    }

    @Test
    void peekShowsARawDiskAndRefusesQcow2(FxRobot robot) throws IOException {
        String name = defineScratch();
        // a raw second disk with a known pattern (libvirt peeks only into raw disks)
        Path raw = scratchDir().resolve(name + "-raw.img");
        byte[] data = new byte[1 << 20];
        byte[] mark = "VIREO PEEK".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(mark, 0, data, 0x200, mark.length);
        Files.write(raw, data);
        Path diskXml = Files.createTempFile("disk", ".xml");
        Files.writeString(diskXml, "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='" + raw
            + "'/><target dev='vdb' bus='virtio'/></disk>");
        Lab.virsh("attach-device", name, diskXml.toString(), "--config");
        Files.delete(diskXml);
        startScratch();
        lab.open(robot, name);
        lab.tab("actionsTab");

        // peek: the qcow2 disk is refused, the raw one shows the pattern
        Fx.run(() -> node(robot, "#peekDiskField", TextField.class).setText("vda"));
        Fx.run(() -> node(robot, "#peekOffsetField", TextField.class).setText("0x200"));
        press(robot, "#blockPeekButton");
        awaitRefused(DomainPageViewModel.ACTIONS, "Peek disk vda at 0x200");
        Fx.run(() -> node(robot, "#peekDiskField", TextField.class).setText("vdb"));
        press(robot, "#blockPeekButton");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "peek vdb");
        String hex = Fx.get(() -> lab.pages().actions().peekProperty().get());
        assertTrue(hex.startsWith("00000200  56 49 52 45 4f 20 50 45  45 4b 00") && hex.contains("|VIREO PEEK......|"), hex);
    }

    @Test
    void resizeADiskOfARunningGuest(FxRobot robot) throws IOException {
        String name = defineScratch();
        startScratch();
        lab.open(robot, name);

        // resize vda (grow), then a shrink asks first and Cancel leaves it
        lab.tab("hardwareTab");
        Fx.await(WAIT, "hardware loaded", () -> lab.pages().hardware().hardwareProperty().get() != null);
        Fx.run(() -> node(robot, "#resizeField", TextField.class).setText("80"));
        Fx.run(() -> node(robot, "#blockInfoTable", javafx.scene.control.TableView.class).getSelectionModel().select(0));
        press(robot, "#blockResizeButton");
        lab.awaitDone(DomainPageViewModel.HARDWARE, "resize");
        assertTrue(Lab.virsh("domblkinfo", name, "vda").matches("(?s)Capacity:\\s+83886080\\b.*"), Lab.virsh("domblkinfo", name, "vda"));
        Fx.await(WAIT, "new capacity shown", () -> lab.pages().hardware().hardwareProperty().get().blocks().getFirst().capacity() == 80L << 20);
        Fx.run(() -> node(robot, "#resizeField", TextField.class).setText("32"));
        press(robot, "#blockResizeButton");
        confirm(robot, "Cancel");
        assertTrue(Lab.virsh("domblkinfo", name, "vda").matches("(?s)Capacity:\\s+83886080\\b.*"), "a cancelled shrink changes nothing");
    }

    @Test
    void tuningAndPinningOfARunningGuest(FxRobot robot) throws IOException {
        String name = defineScratch();
        startScratch();
        lab.open(robot, name);

        // tuning: I/O limits of vda apply live; the cgroup groups (the lab's libvirtd has cpu, memory and
        // blkio cgroups) are read, changed live and read back with virsh
        lab.tab("tuningTab");
        Fx.await(WAIT, "tuning loaded", () -> lab.pages().tuning().groups().size() >= 5 && !lab.pages().tuning().vcpuPins().isEmpty());
        for (String g : List.of("scheduler", "memory", "blkio")) {
            var group = Fx.get(() -> lab.pages().tuning().groups().stream().filter(t -> t.group().equals(g)).findFirst().orElseThrow());
            System.out.println("[figure] tuning " + g + ": " + (group.supported() ? group.params() : group.unsupported()));
            assertTrue(group.supported(), g + " not available: " + group.unsupported());
        }
        tuneAndReadBack(robot, "scheduler", "cpu_shares", "512", () -> Lab.virsh("schedinfo", name), "cpu_shares\\s*:\\s*512");
        // (a limit near QEMU's own use gets it OOM-killed by the cgroup: 256 MiB killed the 128 MiB TCG guest at its reboot)
        tuneAndReadBack(robot, "memory", "hard_limit", "2097152", () -> Lab.virsh("memtune", name), "hard_limit\\s*:\\s*2097152");
        tuneAndReadBack(robot, "blkio", "weight", "300", () -> Lab.virsh("blkiotune", name), "weight\\s*:\\s*300");
        Fx.run(() -> node(robot, "#tuning-iotune-vda-total_bytes_sec", TextField.class).setText("1048576"));
        press(robot, "#tuning-iotune-vda-apply");
        lab.awaitDone(DomainPageViewModel.TUNING, "iotune");
        assertTrue(Lab.virsh("blkdeviotune", name, "vda").matches("(?s)total_bytes_sec\\s*:\\s*1048576\\b.*"), Lab.virsh("blkdeviotune", name, "vda"));
        Screenshots.save(lab.scene(), "domain-tuning-running");

        // pin vCPU 0 and the emulator threads to host CPU 0
        Fx.run(() -> node(robot, "#vcpuAffinity-0", TextField.class).setText("0"));
        press(robot, "#pinVcpu-0");
        lab.awaitDone(DomainPageViewModel.TUNING, "pin vcpu");
        String vcpupin = Lab.virsh("vcpupin", name, "--live");
        assertTrue(vcpupin.matches("(?s)0\\s+0"), vcpupin);
        String emuBefore = Lab.virsh("emulatorpin", name, "--live");
        Fx.run(() -> node(robot, "#emulatorPinField", TextField.class).setText("0"));
        press(robot, "#pinEmulatorButton");
        lab.awaitDone(DomainPageViewModel.TUNING, "pin emulator");
        String emupin = Lab.virsh("emulatorpin", name, "--live");
        assertEquals("0", emupin, "emulator threads on host CPU 0 (before: " + emuBefore + ")");
        assertFalse(emuBefore.equals("0"), "the lab host has more than one CPU, so the pin changes something");
    }

    @Test
    void rebootResetAndGracefulForceOff(FxRobot robot) throws IOException {
        String name = defineScratch();
        startScratch();
        lab.open(robot, name);

        // reboot (ACPI: the guest powers off, libvirt starts it again), reset (asks first), graceful force off (asks first)
        lab.tab("actionsTab");
        press(robot, "#rebootWithModeButton");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "reboot");
        eventually(Duration.ofSeconds(120), "guest booted a second time", () -> Lab.bootCount(name) >= 2);
        assertEquals("running", Lab.state(name));
        press(robot, "#resetButton");
        confirm(robot, "Reset");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "reset");
        eventually(Duration.ofSeconds(120), "guest booted a third time", () -> Lab.bootCount(name) >= 3);
        Fx.run(() -> node(robot, "#gracefulCheck", CheckBox.class).setSelected(true));
        press(robot, "#forceOffActionButton");
        confirm(robot, "Force off");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "graceful force off");
        // graceful: libvirt lets QEMU end by itself (SIGTERM, no SIGKILL), so "in shutdown" may come first
        eventually(Duration.ofSeconds(60), "shut off", () -> Lab.state(name).equals("shut off"));
        assertEquals("destroyed", Lab.virsh("domstate", "--reason", name).replaceAll(".*\\((.*)\\)", "$1"));
    }

    /** root's line of the guest's /etc/shadow, read through the guest agent's file calls. */
    private static String guestShadowRoot(String domain) {
        String open = Lab.virsh("qemu-agent-command", domain, "{\"execute\":\"guest-file-open\",\"arguments\":{\"path\":\"/etc/shadow\"}}");
        String handle = open.replaceAll(".*\"return\":(\\d+).*", "$1");
        try {
            String read = Lab.virsh("qemu-agent-command", domain,
                "{\"execute\":\"guest-file-read\",\"arguments\":{\"handle\":" + handle + ",\"count\":4096}}");
            String b64 = read.replaceAll(".*\"buf-b64\":\"([^\"]*)\".*", "$1");
            return new String(java.util.Base64.getDecoder().decode(b64)).lines().filter(l -> l.startsWith("root:")).findFirst().orElseThrow();
        } finally {
            Lab.virsh("qemu-agent-command", domain, "{\"execute\":\"guest-file-close\",\"arguments\":{\"handle\":" + handle + "}}");
        }
    }

    /** Sets one parameter of a tuning group live through the page and checks what virsh reads back. */
    private void tuneAndReadBack(FxRobot robot, String group, String param, String value,
                                 java.util.function.Supplier<String> virsh, String expected) {
        assertFalse(virsh.get().matches("(?s).*" + expected + "\\b.*"), group + " already has " + param + " = " + value);
        Fx.run(() -> node(robot, "#tuning-" + group + "-" + param, TextField.class).setText(value));
        Fx.run(() -> node(robot, "#tuning-" + group + "-affect", ChoiceBox.class).setValue(Affect.LIVE));
        press(robot, "#tuning-" + group + "-apply");
        lab.awaitDone(DomainPageViewModel.TUNING, group);
        // the page reloads the groups after Apply (new nodes): wait for the value read back before going on
        Fx.await(WAIT, group + " reloaded", () -> lab.pages().tuning().groups().stream().anyMatch(t -> t.group().equals(group)
            && t.params().stream().anyMatch(x -> x.name().equals(param) && x.value().equals(value))));
        WaitForAsyncUtils.waitForFxEvents();
        String after = virsh.get();
        assertTrue(after.matches("(?s).*" + expected + "\\b.*"), after);
    }

    /**
     * Makes a snapshot through the wizard (New snapshot…): the kind, quiesce, Next, name and
     * description, Next, Create; waits for its job to finish. {@code shots} names the screenshots of
     * its three pages (null: none).
     */
    private void snapshotWithWizard(FxRobot robot, SnapshotPlan.Kind kind, String name, String description, boolean quiesce, String shots) {
        press(robot, "#newSnapshotButton");
        Fx.await(WAIT, "wizard read the domain", () -> robot.lookup("#snapWizardNext").tryQuery().isPresent()
            && !robot.lookup("#snapWizardNext").queryButton().isDisabled());
        Scene wizard = Fx.get(() -> robot.lookup("#snapshotWizard").query().getScene());
        robot.clickOn(robot.lookup("#snapKind-" + kind.name()).queryAs(javafx.scene.control.RadioButton.class));
        if (quiesce) {
            Fx.await(WAIT, "quiesce offered", () -> !node(robot, "#snapQuiesce", CheckBox.class).isDisabled());
            Fx.run(() -> node(robot, "#snapQuiesce", CheckBox.class).setSelected(true));
        } else {
            Fx.run(() -> node(robot, "#snapQuiesce", CheckBox.class).setSelected(false));
        }
        if (shots != null) {
            Screenshots.saveDoc(wizard, shots + "-1");
        }
        robot.clickOn(robot.lookup("#snapWizardNext").queryButton());
        Fx.run(() -> {
            node(robot, "#snapWizardName", TextField.class).setText(name);
            node(robot, "#snapWizardDescription", javafx.scene.control.TextArea.class).setText(description);
        });
        if (shots != null) {
            Screenshots.save(wizard, shots + "-2");
        }
        robot.clickOn(robot.lookup("#snapWizardNext").queryButton());
        Fx.await(WAIT, "no problems", () -> !robot.lookup("#snapWizardCreate").queryButton().isDisabled());
        String cost = Fx.get(() -> node(robot, "#snapWizardCost", Label.class).getText());
        assertTrue(cost.startsWith("Memory: ") && cost.contains("vda: "), cost);
        if (shots != null) {
            Screenshots.saveDoc(wizard, shots + "-3");
        }
        robot.clickOn(robot.lookup("#snapWizardCreate").queryButton());
        Fx.await(WAIT, "wizard closed", () -> robot.lookup("#snapshotWizard").tryQuery().isEmpty());
        lab.awaitDone(DomainPageViewModel.SNAPSHOTS, "snapshot " + name);
    }

    @SuppressWarnings("unchecked")
    private static TreeTableView<SnapshotInfo> snapshotTree(FxRobot robot) {
        return robot.lookup("#snapshotTree").queryAs(TreeTableView.class);
    }

    private void selectSnapshot(FxRobot robot, String snapshot) {
        Fx.await(WAIT, snapshot + " in the tree", () -> find(snapshotTree(robot).getRoot(), snapshot) != null);
        Fx.run(() -> snapshotTree(robot).getSelectionModel().select(find(snapshotTree(robot).getRoot(), snapshot)));
    }

    private static TreeItem<SnapshotInfo> find(TreeItem<SnapshotInfo> item, String snapshot) {
        if (item == null) {
            return null;
        }
        if (item.getValue() != null && item.getValue().name().equals(snapshot)) {
            return item;
        }
        for (TreeItem<SnapshotInfo> c : item.getChildren()) {
            TreeItem<SnapshotInfo> f = find(c, snapshot);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private static java.util.Set<String> snapshotNames(String domain) {
        return Lab.virsh("snapshot-list", domain, "--name").lines().map(String::strip).filter(l -> !l.isEmpty())
            .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void snapshotWizardMakesEachKindAndTheTreeShowsThem(FxRobot robot) throws IOException {
        String name = defineScratch();
        startScratch();
        String image = vdaSource(name);
        lab.open(robot, name);
        lab.tab("snapshotsTab");

        // internal (with the memory of the running guest): QEMU's snapshot inside the qcow2 image
        snapshotWithWizard(robot, SnapshotPlan.Kind.INTERNAL, "int1", "internal, by the wizard", false, null);
        String int1 = Lab.virsh("snapshot-dumpxml", name, "int1");
        assertTrue(int1.contains("<memory snapshot='internal'/>") && int1.contains("<state>running</state>")
            && int1.contains("<description>internal, by the wizard</description>"), int1);
        snapshotWithWizard(robot, SnapshotPlan.Kind.INTERNAL, "int2", "", false, null);
        assertEquals("int1", Lab.virsh("snapshot-parent", name, "int2"));
        snapshotWithWizard(robot, SnapshotPlan.Kind.INTERNAL, "int3", "", false, null);
        Fx.await(WAIT, "int3 below int2 below int1", () -> {
            TreeItem<SnapshotInfo> i3 = find(snapshotTree(robot).getRoot(), "int3");
            return i3 != null && i3.getParent().getValue().name().equals("int2") && i3.getParent().getParent().getValue().name().equals("int1")
                && i3.getValue().current();
        });
        Screenshots.saveDoc(lab.scene(), "snapshot-tree-internal");

        // deleting a snapshot with children asks whether they go too: first "only this" (int2 moves up), then with them
        selectSnapshot(robot, "int1");
        press(robot, "#deleteSnapshotButton");
        Fx.await(Duration.ofSeconds(10), "delete dialog", () -> robot.lookup("#confirmDialog").tryQuery().isPresent());
        String question = Fx.get(() -> robot.lookup("#confirmDialog").queryAs(javafx.scene.control.DialogPane.class).getContentText());
        assertTrue(question.contains("2 snapshot(s) below it (int2, int3)"), question);
        Screenshots.saveDoc(robot.lookup("#confirmDialog").query().getScene(), "snapshot-delete-children");
        confirm(robot, "Delete only \"int1\"");
        lab.awaitDone(DomainPageViewModel.SNAPSHOTS, "delete int1");
        assertEquals(java.util.Set.of("int2", "int3"), snapshotNames(name));
        assertEquals("int2", Lab.virsh("snapshot-list", name, "--roots", "--name").strip());
        selectSnapshot(robot, "int2");
        press(robot, "#deleteSnapshotButton");
        confirm(robot, "Delete it and the 1 below");
        lab.awaitDone(DomainPageViewModel.SNAPSHOTS, "delete int2 with children");
        assertEquals(java.util.Set.of(), snapshotNames(name));

        // external, disks only, quiesced through the guest agent: vda continues on the overlay the wizard named
        snapshotWithWizard(robot, SnapshotPlan.Kind.EXTERNAL_DISKS, "ext1", "before the upgrade", true, "snapshot-wizard-external");
        String overlay1 = SnapshotPlan.overlayFor(image, "ext1");
        assertEquals(overlay1, vdaSource(name));
        String ext1 = Lab.virsh("snapshot-dumpxml", name, "ext1");
        assertTrue(ext1.contains("<memory snapshot='no'/>") && ext1.contains("<disk name='vda' snapshot='external'"), ext1);
        assertEquals("disk-snapshot", Lab.virsh("snapshot-info", name, "ext1").lines().filter(l -> l.startsWith("State:"))
            .map(l -> l.substring(6).strip()).findFirst().orElse(""));

        // external with memory: the memory file beside the image, vda on a second overlay
        snapshotWithWizard(robot, SnapshotPlan.Kind.EXTERNAL_MEMORY, "ext2", "", false, "snapshot-wizard-memory");
        String ext2 = Lab.virsh("snapshot-dumpxml", name, "ext2");
        String memFile = SnapshotPlan.memoryFileFor(name, image, "ext2");
        assertTrue(ext2.contains("<memory snapshot='external' file='" + memFile + "'/>"), ext2);
        assertTrue(Files.size(Path.of(memFile)) > 4L << 20, "memory file written: " + Files.size(Path.of(memFile)));
        assertEquals(SnapshotPlan.overlayFor(overlay1, "ext2"), vdaSource(name));
        assertEquals("ext1", Lab.virsh("snapshot-parent", name, "ext2"));
        assertEquals("running", Lab.state(name));
        // each was made as a job (the Jobs panel lists them), finished
        for (String snap : List.of("int1", "int2", "int3", "ext1", "ext2")) {
            assertTrue(Fx.get(() -> lab.model().jobs().jobs().all().stream().anyMatch(j -> j.kind() == org.vireo.job.JobKind.SNAPSHOT
                && j.title().startsWith("Snapshot " + name + " as " + snap + " (") && j.state() == org.vireo.job.JobState.SUCCEEDED)),
                "a finished snapshot job for " + snap + ": " + Fx.get(() -> lab.model().jobs().jobs().all()));
        }

        // the tree: ext2 below ext1, current, external; libvirt 9.0 cannot revert external snapshots: disabled, with the reason
        selectSnapshot(robot, "ext2");
        Fx.await(WAIT, "ext2 current, below ext1", () -> {
            TreeItem<SnapshotInfo> i = find(snapshotTree(robot).getRoot(), "ext2");
            return i.getValue().current() && i.getValue().external() && i.getValue().withMemory() && i.getParent().getValue().name().equals("ext1");
        });
        Fx.await(WAIT, "the reason shown", () -> node(robot, "#snapshotActionNote", Label.class).getText().contains("needs libvirt 9.9.0"));
        assertTrue(Fx.get(() -> node(robot, "#revertSnapshotButton", javafx.scene.control.Button.class).isDisabled()));
        Screenshots.saveDoc(lab.scene(), "snapshot-tree-external");
        // deleting it: only libvirt's record (its files stay), after saying so
        press(robot, "#deleteSnapshotButton");
        confirm(robot, "Delete the record");
        lab.awaitDone(DomainPageViewModel.SNAPSHOTS, "delete ext2's record");
        assertEquals(java.util.Set.of("ext1"), snapshotNames(name));
        assertTrue(Files.exists(Path.of(memFile)), "the memory file stays");
        Lab.virsh("destroy", name);
    }

    /** vda's source file as virsh domblklist shows it. */
    private static String vdaSource(String name) {
        return Lab.virsh("domblklist", name).lines().map(String::strip).filter(l -> l.startsWith("vda"))
            .map(l -> l.replaceFirst("^vda\\s+", "")).findFirst().orElseThrow();
    }

    /** An external disk-only snapshot from the Snapshots tab: vda moves onto a new overlay, which this returns. */
    private String externalSnapshot(FxRobot robot, String name, String snapshot) {
        String before = vdaSource(name);
        lab.tab("snapshotsTab");
        snapshotWithWizard(robot, SnapshotPlan.Kind.EXTERNAL_DISKS, snapshot, "", false, null);
        String overlay = vdaSource(name);
        assertFalse(overlay.equals(before), "vda moved onto an overlay");
        lab.tab("actionsTab");
        return overlay;
    }

    /** virsh -q blockjob --info prints nothing (without -q: "No current block job") when the disk has no job. */
    private static boolean noBlockJob(String name) {
        String info = Lab.virsh("blockjob", name, "vda", "--info");
        return info.isBlank() || info.contains("No current block job");
    }

    private void awaitJobReady(String what) {
        Fx.await(Duration.ofSeconds(90), what + " ready", () -> {
            var job = lab.pages().actions().blockJobProperty().get();
            return job != null && job.end() > 0 && job.cur() == job.end();
        });
    }

    @Test
    void blockJobsOfARunningGuest(FxRobot robot) throws IOException {
        String name = defineScratch();
        String base = Lab.virsh("domblklist", "--inactive", name).lines().map(String::strip).filter(l -> l.startsWith("vda"))
            .map(l -> l.replaceFirst("^vda\\s+", "")).findFirst().orElseThrow();
        startScratch();
        lab.open(robot, name);
        lab.tab("actionsTab");
        Fx.run(() -> node(robot, "#jobDiskField", TextField.class).setText("vda"));

        // active commit of an overlay: progress shown, speed set, then pivot back onto the base image
        externalSnapshot(robot, name, "overlay1");
        press(robot, "#blockCommitButton");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "block commit");
        awaitJobReady("active commit");
        assertTrue(Lab.virsh("blockjob", name, "vda", "--info").contains("Commit"), Lab.virsh("blockjob", name, "vda", "--info"));
        Fx.await(WAIT, "job shown", () -> node(robot, "#blockJobText", Label.class).getText().contains("100%"));
        Screenshots.save(lab.scene(), "domain-actions-block-job");
        Fx.run(() -> node(robot, "#jobSpeedField", TextField.class).setText("1"));
        press(robot, "#jobSpeedButton");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "job speed");
        String info = Lab.virsh("blockjob", name, "vda", "--info");
        assertTrue(info.contains("1048576 bytes/s"), info);
        press(robot, "#jobPivotButton");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "pivot");
        eventually(Duration.ofSeconds(60), "vda back on the base image", () -> vdaSource(name).equals(base));
        Fx.await(WAIT, "no job shown", () -> lab.pages().actions().blockJobProperty().get() == null);

        // pull: the overlay takes in its backing chain and the job ends by itself
        String overlay2 = externalSnapshot(robot, name, "overlay2");
        Fx.run(() -> node(robot, "#jobSpeedField", TextField.class).setText("0"));
        press(robot, "#blockPullButton");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "block pull");
        // QEMU 7.2 itself sometimes segfaults ("segfault at 40") while a pull completes, seen in about
        // half of the full runs and never alone; that is QEMU's bug, not a result of this test: the
        // run reports the test as aborted, with the reason, instead of passed or failed
        eventually(Duration.ofSeconds(90), "pull finished", () -> {
            try {
                return noBlockJob(name);
            } catch (AssertionError notRunning) {
                long until = System.nanoTime() + 5_000_000_000L; // libvirt logs the crash as it reaps QEMU
                while (!Lab.qemuCrashed(name) && System.nanoTime() < until) {
                    WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
                }
                org.junit.jupiter.api.Assumptions.assumeFalse(Lab.qemuCrashed(name),
                    "QEMU 7.2 crashed during the block pull (a known QEMU bug, \"segfault at 40\"): the pull and the steps "
                        + "after it were not checked in this run");
                throw notRunning;
            }
        });
        String xml = Lab.virsh("dumpxml", name);
        String vda = xml.substring(xml.indexOf("<source file='" + overlay2 + "'"), xml.indexOf("<target dev='vda'"));
        assertFalse(vda.contains("<backingStore type="), "after the pull vda has no backing file: " + vda);

        // abort without pivot: the disk stays on its overlay
        String overlay3 = externalSnapshot(robot, name, "overlay3");
        press(robot, "#blockCommitButton");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "block commit 2");
        awaitJobReady("second active commit");
        press(robot, "#jobAbortButton");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "abort");
        eventually(Duration.ofSeconds(60), "job gone", () -> noBlockJob(name));
        assertEquals(overlay3, vdaSource(name));

        // copy (virDomainBlockCopy with the transient-job flag this persistent domain needs): it mirrors until
        // pivoted, then the guest runs on the copy; a second copy aborted leaves it where it was
        Path copy = scratchDir().resolve(name + "-copy.qcow2");
        Fx.run(() -> node(robot, "#copyDestField", TextField.class).setText(copy.toString()));
        press(robot, "#blockCopyButton");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "block copy");
        awaitJobReady("block copy");
        assertTrue(Lab.virsh("blockjob", name, "vda", "--info").contains("Copy"), Lab.virsh("blockjob", name, "vda", "--info"));
        press(robot, "#jobPivotButton");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "pivot onto the copy");
        eventually(Duration.ofSeconds(60), "vda on the copy", () -> vdaSource(name).equals(copy.toString()));
        assertTrue(Files.size(copy) > 0);
        Path copy2 = scratchDir().resolve(name + "-copy2.qcow2");
        Fx.run(() -> node(robot, "#copyDestField", TextField.class).setText(copy2.toString()));
        press(robot, "#blockCopyButton");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "second block copy");
        awaitJobReady("second block copy");
        press(robot, "#jobAbortButton");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "abort the copy");
        eventually(Duration.ofSeconds(60), "copy job gone", () -> noBlockJob(name));
        assertEquals(copy.toString(), vdaSource(name), "an aborted copy leaves the disk where it was");

        // plain force off (asks first): stops at once
        Fx.run(() -> node(robot, "#gracefulCheck", CheckBox.class).setSelected(false));
        press(robot, "#forceOffActionButton");
        confirm(robot, "Force off");
        lab.awaitDone(DomainPageViewModel.ACTIONS, "force off");
        assertEquals("shut off", Lab.state(name));
        assertEquals("destroyed", Lab.virsh("domstate", "--reason", name).replaceAll(".*\\((.*)\\)", "$1"));
    }
}
