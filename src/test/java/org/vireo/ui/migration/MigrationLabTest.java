package org.vireo.ui.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
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
import org.vireo.host.HostOptions;
import org.vireo.job.Job;
import org.vireo.job.JobState;
import org.vireo.model.DomainState;
import org.vireo.support.Await;
import org.vireo.support.Fx;
import org.vireo.support.Screenshots;
import org.vireo.support.TwoHostLab;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.HostViewModel;
import org.vireo.ui.MainViewModel;
import org.vireo.ui.MainWindow;
import org.vireo.ui.VireoApp;
import org.vireo.ui.job.JobRowViewModel;

/**
 * Migration through the real window between the two-host lab's libvirtds with real QEMU
 * guests, each outcome checked with virsh on both hosts. Every test makes its own throwaway
 * guest on hostA and removes it from both hosts afterwards.
 */
@Tag("lab")
@ExtendWith(ApplicationExtension.class)
@Timeout(240)
class MigrationLabTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private MainViewModel model;
    private MainWindow window;
    private Scene scene;
    private final List<String> guests = new ArrayList<>();

    @Start
    void start(Stage stage) {
        model = new MainViewModel(HostOptions.defaults(), uris -> { });
        scene = VireoApp.createScene(model, 1280, 860);
        window = (MainWindow) scene.getRoot();
        stage.setScene(scene);
        stage.show();
        model.openAll(List.of(TwoHostLab.uri("A"), TwoHostLab.uri("B")));
    }

    @AfterEach
    void stop() {
        Fx.run(model::stopAll);
        guests.forEach(TwoHostLab::removeEverywhere);
    }

    private String guest(String name, String... options) {
        guests.add(name);
        TwoHostLab.removeEverywhere(name);
        TwoHostLab.guest("A", name, options);
        return name;
    }

    private HostViewModel host(String h) {
        return model.find(TwoHostLab.uri(h)).orElseThrow();
    }

    private Optional<DomainRowViewModel> row(String h, String name) {
        return host(h).domains().stream().filter(r -> r.getName().equals(name)).findFirst();
    }

    private void awaitOn(String h, String name, DomainState state) {
        Fx.await(WAIT, name + " " + state + " on host" + h + " in Vireo",
            () -> row(h, name).map(r -> r.getState() == state).orElse(false));
    }

    private static void awaitVirsh(String h, String name, String state) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!TwoHostLab.state(h, name).equals(state)) {
            if (System.nanoTime() > end) {
                throw new AssertionError(name + " on host" + h + " is \"" + TwoHostLab.state(h, name) + "\", not \"" + state + "\"");
            }
            sleep(100);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Where the tree shows that host's row of the domain, on screen now. */
    private javafx.geometry.Point2D domainCell(FxRobot robot, String h, String name) {
        java.util.function.Predicate<Node> cell = n -> n instanceof javafx.scene.control.TreeCell<?> c && c.getScene() != null
            && c.getItem() instanceof DomainRowViewModel r && r.getName().equals(name) && r.host().uri().equals(TwoHostLab.uri(h));
        Fx.await(Duration.ofSeconds(10), name + " of host" + h + " in the tree", () -> robot.lookup(cell).tryQuery().isPresent());
        return Fx.get(() -> robot.point((Node) robot.lookup(cell).query()).query());
    }

    /** Selects the domain's row in the tree by a click, as a user does. */
    private void select(FxRobot robot, String name) {
        robot.clickOn(domainCell(robot, "A", name));
    }

    private Node hostCell(FxRobot robot, String h) {
        return shown(robot, "host-" + TwoHostLab.uri(h));
    }

    /** The node of that id that is on screen now (a tree cell's old graphic may keep its id off screen). */
    private static Node shown(FxRobot robot, String id) {
        java.util.function.Predicate<Node> onScreen = n -> id.equals(n.getId()) && n.getScene() != null && n.isVisible()
            && n.getParent() != null && n.getParent().getScene() != null;
        Fx.await(Duration.ofSeconds(10), id + " shown", () -> robot.lookup(onScreen).tryQuery().isPresent());
        return Fx.get(() -> robot.lookup(onScreen).query());
    }

    private Scene wizardScene(FxRobot robot) {
        Fx.await(Duration.ofSeconds(10), "the migration wizard", () -> robot.lookup("#migrationWizard").tryQuery().isPresent());
        return Fx.get(() -> robot.lookup("#migrationWizard").query().getScene());
    }

    private Job lastJob() {
        return Fx.get(() -> model.jobs().rows().getFirst().job());
    }

    private JobRowViewModel rowOf(Job job) {
        return Fx.get(() -> model.jobs().rowOf(job));
    }

    private static void awaitEnd(Job job) {
        Await.until(WAIT, job + " to end", () -> job.state().finished());
    }

    private void awaitFigures(Job job) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (job.stats().dataTotal() <= 0) {
            if (System.nanoTime() > end || job.state().finished()) {
                throw new AssertionError(job + " showed no data figures: " + job.stats());
            }
            sleep(50);
        }
    }

    @Test
    void liveMigrationThroughTheWizardAndBackByDraggingOntoTheHost(FxRobot robot) {
        String name = guest("mig-live", "start");
        awaitOn("A", name, DomainState.RUNNING);
        select(robot, name);
        robot.clickOn("#migrateButton");
        Scene wizard = wizardScene(robot);
        // the destination page lists hostB, chosen already; hostA (the source) is not offered
        List<String> offered = Fx.get(() -> robot.lookup("#destinationList").queryListView().getItems().stream()
            .map(d -> ((MigrationWizardViewModel.Destination) d).host().uri()).toList());
        assertEquals(List.of(TwoHostLab.uri("B")), offered);
        Screenshots.save(wizard, "migration-wizard-destination");
        robot.clickOn("#wizardNext");
        // the lab's disks sit on a directory both hosts see, which libvirt cannot tell is shared
        robot.clickOn("#unsafeCheck");
        // a changed definition for the destination (virDomainMigrate3 with destination_xml: Sys::Virt's migrate2)
        pasteDestinationXml(robot, name, "moved by Vireo");
        Screenshots.save(wizard, "migration-wizard-options");
        robot.clickOn("#wizardNext");
        String summary = Fx.get(() -> ((Label) robot.lookup("#migrationSummary").query()).getText());
        assertTrue(summary.contains(name + " keeps running"), summary);
        Screenshots.save(wizard, "migration-wizard-summary");
        robot.clickOn("#wizardMigrate");
        Job job = lastJob();
        awaitEnd(job);
        assertEquals(JobState.SUCCEEDED, job.state(), job.error());
        awaitVirsh("B", name, "running");
        assertEquals("", TwoHostLab.state("A", name), "undefined on the source");
        assertEquals("moved by Vireo", TwoHostLab.virsh("B", "desc", "--title", name), "the destination XML was used");
        // the lists follow libvirt's events: no refresh asked for
        awaitOn("B", name, DomainState.RUNNING);
        Fx.await(WAIT, name + " gone from hostA in Vireo", () -> row("A", name).isEmpty());
        assertTrue(Fx.get(window::jobsShown), "the Jobs panel opened");
        JobRowViewModel done = rowOf(job);
        assertEquals("Done", Fx.get(() -> done.stateTextProperty().get()));
        assertTrue(job.stats().dataTotal() > 0, "completed figures kept: " + job.stats());
        Fx.run(() -> window.jobsPane().select(job));
        Screenshots.save(scene, "migration-done-jobs-panel");
        System.out.printf("[figure] live migration A->B through the wizard: %d ms, %s%n", job.elapsedMillis(), done.figuresProperty().get());

        // back to hostA: a real drag of the tree row onto hostA's row opens the wizard with hostA chosen;
        // hostA's domains folded away so both rows fit on screen (with the menu bar the tree is shorter), as a user does
        Fx.run(() -> {
            window.tree().itemOf(host("A")).setExpanded(false);
            window.tree().scrollTo(0);
        });
        javafx.geometry.Point2D from = domainCell(robot, "B", name);
        Node to = hostCell(robot, "A");
        robot.drag(from, javafx.scene.input.MouseButton.PRIMARY).moveTo(to);
        String hover = Fx.get(() -> model.messageProperty().get());
        assertTrue(hover.startsWith("Release to migrate to"), hover);
        robot.drop();
        Fx.run(() -> window.tree().itemOf(host("A")).setExpanded(true));
        Scene back = wizardScene(robot);
        HostViewModel chosen = Fx.get(() -> ((MigrationWizardViewModel.Destination) robot.lookup("#destinationList")
            .queryListView().getSelectionModel().getSelectedItem()).host());
        assertEquals(TwoHostLab.uri("A"), chosen.uri());
        robot.clickOn("#wizardNext");
        robot.clickOn("#unsafeCheck");
        robot.clickOn("#wizardNext");
        robot.clickOn("#wizardMigrate");
        Job home = lastJob();
        assertNotEquals(job, home);
        awaitEnd(home);
        assertEquals(JobState.SUCCEEDED, home.state(), home.error());
        awaitVirsh("A", name, "running");
        assertEquals("", TwoHostLab.state("B", name));
        awaitOn("A", name, DomainState.RUNNING);
        assertTrue(back.getWindow() == null || !back.getWindow().isShowing(), "the wizard closed");
    }

    /** Opens the wizard's Destination XML section and pastes the domain's migratable XML with a new title. */
    private void pasteDestinationXml(FxRobot robot, String name, String title) {
        String xml = TwoHostLab.virsh("A", "dumpxml", "--migratable", name)
            .replaceFirst("</name>", "</name>\n  <title>" + title + "</title>");
        robot.clickOn("Destination XML");
        Fx.run(() -> robot.lookup("#destinationXmlArea").<javafx.scene.control.TextArea>query().setText(xml));
    }

    @Test
    void peerToPeerWithADestinationXmlByTheUriTheSourceSees(FxRobot robot) {
        String name = guest("mig-p2p", "start");
        awaitOn("A", name, DomainState.RUNNING);
        select(robot, name);
        robot.clickOn("#migrateButton");
        Scene wizard = wizardScene(robot);
        robot.clickOn("#wizardNext");
        robot.clickOn("#mode-peer_to_peer");
        // without the URI the wizard refuses, saying why
        robot.clickOn("#wizardNext");
        String problems = Fx.get(() -> ((Label) robot.lookup("#summaryProblems").query()).getText());
        assertTrue(problems.contains("URI as the source host sees it"), problems);
        assertTrue(Fx.get(() -> robot.lookup("#wizardMigrate").query().isDisabled()), "Migrate refused");
        robot.clickOn("#wizardBack");
        // hostA's libvirtd reaches hostB's by its lab TCP listener
        robot.clickOn("#peerUriField").write("qemu+tcp://hostB/system");
        robot.clickOn("#unsafeCheck");
        pasteDestinationXml(robot, name, "moved peer to peer");
        robot.clickOn("#wizardNext");
        Screenshots.save(wizard, "migration-wizard-p2p-summary");
        robot.clickOn("#wizardMigrate");
        Job job = lastJob();
        awaitEnd(job);
        assertEquals(JobState.SUCCEEDED, job.state(), job.error());
        awaitVirsh("B", name, "running");
        assertEquals("", TwoHostLab.state("A", name));
        assertEquals("moved peer to peer", TwoHostLab.virsh("B", "desc", "--title", name));
        awaitOn("B", name, DomainState.RUNNING);
    }

    @Test
    void aDropOnAHostThatCannotTakeTheDomainIsRefusedWithTheReason(FxRobot robot) {
        String name = guest("mig-refuse", "start");
        awaitOn("A", name, DomainState.RUNNING);
        // hostB already has a domain of that name: the drop target says why and takes nothing
        TwoHostLab.guest("B", name);
        Fx.await(WAIT, "hostB lists its " + name, () -> row("B", name).isPresent());
        javafx.geometry.Point2D from = domainCell(robot, "A", name);
        robot.drag(from, javafx.scene.input.MouseButton.PRIMARY).moveTo(hostCell(robot, "B"));
        String hover = Fx.get(() -> model.messageProperty().get());
        assertTrue(hover.contains("cannot take it") && hover.contains("already there"), hover);
        assertTrue(Fx.get(() -> hostCell(robot, "B").getParent().getPseudoClassStates().stream()
            .anyMatch(p -> p.getPseudoClassName().equals("drop-refused"))), "the refused host is marked");
        Screenshots.save(scene, "migration-drop-refused");
        robot.drop();
        assertFalse(robot.lookup("#migrationWizard").tryQuery().isPresent(), "no wizard for a refused drop");
        assertTrue(Fx.get(() -> model.jobs().rows().isEmpty()), "no job started");
        assertEquals("running", TwoHostLab.state("A", name));
        // the wizard lists hostB greyed out with the same reason and offers nothing to migrate to
        Fx.run(() -> window.tree().select(row("A", name).orElseThrow()));
        robot.clickOn("#migrateButton");
        Scene wizard = wizardScene(robot);
        MigrationWizardViewModel.Destination b = Fx.get(() -> (MigrationWizardViewModel.Destination)
            robot.lookup("#destinationList").queryListView().getItems().getFirst());
        assertTrue(b.refusal().contains("already there"), b.refusal());
        assertTrue(Fx.get(() -> robot.lookup("#wizardNext").query().isDisabled()), "no destination to go on with");
        Screenshots.save(wizard, "migration-wizard-refused-destination");
        robot.clickOn("#wizardCancel");
    }

    @Test
    void offlineMigrationOfTwoShutOffDomainsFromTheKeyboardThenBackByShiftDrop(FxRobot robot) {
        String name = guest("mig-off");
        String second = guest("mig-off2");
        awaitOn("A", name, DomainState.SHUTOFF);
        awaitOn("A", second, DomainState.SHUTOFF);
        // both rows selected in hostA's table, then Ctrl+M
        Fx.run(() -> {
            window.tree().select(host("A"));
            window.table().getSelectionModel().clearSelection();
            window.table().getSelectionModel().select(row("A", name).orElseThrow());
            window.table().getSelectionModel().select(row("A", second).orElseThrow());
        });
        robot.clickOn(window.table());
        Fx.run(() -> {
            window.table().getSelectionModel().clearSelection();
            window.table().getSelectionModel().select(row("A", name).orElseThrow());
            window.table().getSelectionModel().select(row("A", second).orElseThrow());
        });
        robot.press(KeyCode.CONTROL).type(KeyCode.M).release(KeyCode.CONTROL);
        wizardScene(robot);
        robot.clickOn("#wizardNext");
        robot.clickOn("#wizardNext");
        String summary = Fx.get(() -> ((Label) robot.lookup("#migrationSummary").query()).getText());
        assertTrue(summary.contains("2 domains migrate one after another"), summary);
        assertTrue(summary.contains("definition of the shut-off domain"), summary);
        robot.clickOn("#wizardMigrate");
        Fx.await(WAIT, "two migration jobs done", () -> model.jobs().rows().size() == 2
            && model.jobs().rows().stream().allMatch(r -> r.job().state().finished()));
        for (JobRowViewModel r : Fx.get(() -> List.copyOf(model.jobs().rows()))) {
            assertEquals(JobState.SUCCEEDED, r.job().state(), r.job().error());
        }
        awaitVirsh("B", name, "shut off");
        awaitVirsh("B", second, "shut off");
        assertEquals("", TwoHostLab.state("A", name));
        assertEquals("", TwoHostLab.state("A", second));
        awaitOn("B", name, DomainState.SHUTOFF);

        // Shift+drop: at once, with the last options, no wizard
        Fx.run(() -> window.tree().scrollTo(window.tree().getRow(window.tree().itemOf(host("B")))));
        javafx.geometry.Point2D from = domainCell(robot, "B", name);
        Node to = hostCell(robot, "A");
        robot.drag(from, javafx.scene.input.MouseButton.PRIMARY).moveTo(to);
        robot.press(KeyCode.SHIFT);
        try {
            robot.drop();
        } finally {
            robot.release(KeyCode.SHIFT);
        }
        assertFalse(robot.lookup("#migrationWizard").tryQuery().isPresent(), "no wizard with Shift held");
        Fx.await(WAIT, "the third job", () -> model.jobs().rows().size() == 3);
        Job back = lastJob();
        awaitEnd(back);
        assertEquals(JobState.SUCCEEDED, back.state(), back.error());
        awaitVirsh("A", name, "shut off");
        assertEquals("", TwoHostLab.state("B", name));
    }

    @Test
    void copyStorageMigrationCopiesTheDiskToTheDestinationsPool(FxRobot robot) throws Exception {
        String name = guest("mig-copy", "private", "start");
        Path destDisk = Path.of(TwoHostLab.get("TWOHOST_DIR"), "B", "lib", "images", name + ".qcow2");
        deleteVolume("B", name + ".qcow2");
        awaitOn("A", name, DomainState.RUNNING);
        select(robot, name);
        robot.clickOn("#migrateButton");
        wizardScene(robot);
        robot.clickOn("#wizardNext");
        Fx.run(() -> robot.lookup("#storageChoice").<javafx.scene.control.ComboBox<Object>>query().getSelectionModel().select(1));
        robot.clickOn("#wizardNext");
        String summary = Fx.get(() -> ((Label) robot.lookup("#migrationSummary").query()).getText());
        assertTrue(summary.contains("Disks copied: all (whole)"), summary);
        robot.clickOn("#wizardMigrate");
        Job job = lastJob();
        awaitEnd(job);
        assertEquals(JobState.SUCCEEDED, job.state(), job.error());
        awaitVirsh("B", name, "running");
        assertTrue(Files.size(destDisk) > 0, "hostB has its own copy of the disk: " + destDisk);
        assertTrue(TwoHostLab.virsh("B", "domblklist", name).contains("/var/lib/libvirt/images/" + name + ".qcow2"));
        assertEquals("", TwoHostLab.state("A", name));
        System.out.printf("[figure] copy-storage migration: %d ms, %s%n", job.elapsedMillis(), rowOf(job).figuresProperty().get());
        deleteVolume("B", name + ".qcow2");
    }

    /** Through libvirt, so the pool forgets it too (a file removed behind its back stays in its list). */
    private static void deleteVolume(String h, String volume) {
        TwoHostLab.virsh(h, "pool-refresh", "default");
        try {
            TwoHostLab.virsh(h, "vol-delete", "--pool", "default", volume);
        } catch (AssertionError ignored) {
            // not there
        }
    }

    @Test
    void cancelInMidFlightLeavesTheGuestRunningOnTheSourceAndNothingOnTheDestination(FxRobot robot) {
        String name = guest("mig-cancel", "start");
        awaitOn("A", name, DomainState.RUNNING);
        select(robot, name);
        robot.clickOn("#migrateButton");
        wizardScene(robot);
        robot.clickOn("#wizardNext");
        robot.clickOn("#unsafeCheck");
        // 1 MiB/s: the guest's ~140 MiB would take minutes
        robot.clickOn("#bandwidthField").write("1");
        robot.clickOn("#wizardNext");
        robot.clickOn("#wizardMigrate");
        Job job = lastJob();
        awaitFigures(job);
        JobRowViewModel row = rowOf(job);
        Fx.await(Duration.ofSeconds(5), "figures shown", () -> row.figuresProperty().get().contains("left"));
        Fx.await(Duration.ofSeconds(5), "the row's progress", () -> row.progressProperty().get() >= 0);
        Fx.run(() -> window.jobsPane().select(job));
        Fx.await(Duration.ofSeconds(5), "a few chart points", () -> row.remainingMemory().size() >= 2);
        Screenshots.save(scene, "migration-in-progress");
        // the live knobs read libvirt's limits (virDomainMigrateGetMaxDowntime / GetMaxSpeed) and set them
        Fx.await(Duration.ofSeconds(10), "the max downtime read from libvirt",
            () -> "300".equals(robot.lookup("#jobMaxDowntimeField").<javafx.scene.control.TextField>query().getText()));
        robot.clickOn("#jobBandwidthField").eraseText(12).write("2");
        robot.clickOn("#setBandwidthButton");
        Fx.await(Duration.ofSeconds(10), "bandwidth set",
            () -> ((Label) robot.lookup("#jobKnobOutcome").query()).getText().contains("now 2"));
        Fx.run(() -> {
            window.jobsPane().table().getSelectionModel().clearSelection();
            window.jobsPane().select(job);
        });
        Fx.await(Duration.ofSeconds(10), "the new bandwidth read back from libvirt",
            () -> "2".equals(robot.lookup("#jobBandwidthField").<javafx.scene.control.TextField>query().getText()));
        Await.until(Duration.ofSeconds(20), "the transfer at about 2 MiB/s", () -> job.stats().bytesPerSecond() > (3L << 19));
        robot.clickOn("#cancelJob-" + job.id());
        awaitEnd(job);
        assertEquals(JobState.CANCELLED, job.state());
        System.out.printf("[figure] migration cancel -> job aborted: %d ms%n", job.cancelMillis());
        assertEquals("running", TwoHostLab.state("A", name));
        assertEquals("", TwoHostLab.state("B", name), "nothing defined or running on the destination");
        assertEquals("Cancelled", Fx.get(() -> row.stateTextProperty().get()));
        awaitOn("A", name, DomainState.RUNNING);
    }

    @Test
    void aFailedMigrationShowsLibvirtsErrorAndLeavesTheGuestAlone(FxRobot robot) {
        String name = guest("mig-fail", "start");
        awaitOn("A", name, DomainState.RUNNING);
        String uuid = TwoHostLab.virsh("A", "domuuid", name);
        select(robot, name);
        robot.clickOn("#migrateButton");
        wizardScene(robot);
        robot.clickOn("#wizardNext");
        robot.clickOn("#unsafeCheck");
        robot.clickOn("#wizardNext");
        // someone defines a domain of that name on hostB while the wizard is open
        TwoHostLab.guest("B", name);
        robot.clickOn("#wizardMigrate");
        Job job = lastJob();
        awaitEnd(job);
        assertEquals(JobState.FAILED, job.state());
        assertTrue(job.error().contains("already exists"), job.error());
        JobRowViewModel row = rowOf(job);
        Fx.await(Duration.ofSeconds(5), "the error in the panel", () -> row.errorProperty().get().contains("already exists"));
        Fx.run(() -> window.jobsPane().select(job));
        Screenshots.save(scene, "migration-failed");
        assertEquals("running", TwoHostLab.state("A", name));
        assertEquals(uuid, TwoHostLab.virsh("A", "domuuid", name));
        assertEquals("shut off", TwoHostLab.state("B", name), "hostB's own domain of that name is untouched");
        assertNotEquals(uuid, TwoHostLab.virsh("B", "domuuid", name));
    }

    @Test
    void switchingToPostCopyWhileItRunsFinishesOnTheDestination(FxRobot robot) {
        String name = guest("mig-post", "start");
        awaitOn("A", name, DomainState.RUNNING);
        select(robot, name);
        robot.clickOn("#migrateButton");
        wizardScene(robot);
        robot.clickOn("#wizardNext");
        robot.clickOn("#unsafeCheck");
        robot.clickOn("#postCopyCheck");
        robot.clickOn("#bandwidthField").write("1");
        robot.clickOn("#wizardNext");
        robot.clickOn("#wizardMigrate");
        Job job = lastJob();
        awaitFigures(job);
        Fx.run(() -> window.jobsPane().select(job));
        Fx.await(Duration.ofSeconds(5), "post-copy offered", () -> !robot.lookup("#postCopyButton").query().isDisabled());
        // the live knobs: libvirt takes a new max downtime while the job runs
        robot.clickOn("#jobMaxDowntimeField").eraseText(8).write("250");
        robot.clickOn("#setMaxDowntimeButton");
        Fx.await(Duration.ofSeconds(10), "max downtime set",
            () -> ((Label) robot.lookup("#jobKnobOutcome").query()).getText().contains("now 250"));
        robot.clickOn("#postCopyButton");
        Fx.await(Duration.ofSeconds(30), "post-copy answered", () -> {
            String t = ((Label) robot.lookup("#jobKnobOutcome").query()).getText();
            return t.startsWith("Switched") || t.startsWith("libvirt refused");
        });
        String outcome = Fx.get(() -> ((Label) robot.lookup("#jobKnobOutcome").query()).getText());
        if (outcome.startsWith("libvirt refused")) {
            // a QEMU without post-copy (no userfaultfd): the reason is on screen; the migration is cancelled
            System.out.println("[figure] post-copy refused here: " + outcome);
            robot.clickOn("#cancelJob-" + job.id());
            awaitEnd(job);
            assertEquals("running", TwoHostLab.state("A", name));
            return;
        }
        awaitEnd(job);
        assertEquals(JobState.SUCCEEDED, job.state(), job.error());
        awaitVirsh("B", name, "running");
        assertEquals("", TwoHostLab.state("A", name));
        System.out.printf("[figure] post-copy migration at 1 MiB/s pre-copy: done %d ms after start%n", job.elapsedMillis());
    }
}
