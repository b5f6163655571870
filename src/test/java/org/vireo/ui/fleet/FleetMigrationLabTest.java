package org.vireo.ui.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
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
import org.vireo.job.JobState;
import org.vireo.model.DomainState;
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
 * The fleet view's bulk Migrate with real QEMU guests on the two-host lab: two running
 * scratch guests of hostA selected in the fleet table move live to hostB through the
 * migration wizard, one job each; checked with virsh on both hosts. The guests are removed
 * from both hosts afterwards.
 */
@Tag("lab")
@ExtendWith(ApplicationExtension.class)
@Timeout(240)
class FleetMigrationLabTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
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
        Fx.run(() -> List.copyOf(javafx.stage.Window.getWindows()).stream()
            .filter(w -> w instanceof Stage st && st.getOwner() != null).forEach(javafx.stage.Window::hide));
        Fx.run(model::stopAll);
        guests.forEach(TwoHostLab::removeEverywhere);
    }

    private String guest(String name) {
        guests.add(name);
        TwoHostLab.removeEverywhere(name);
        TwoHostLab.guest("A", name, "start");
        return name;
    }

    private HostViewModel host(String h) {
        return model.find(TwoHostLab.uri(h)).orElseThrow();
    }

    private Optional<DomainRowViewModel> row(String h, String name) {
        return host(h).domains().stream().filter(r -> r.getName().equals(name)).findFirst();
    }

    private static void awaitVirsh(String h, String name, String state) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!TwoHostLab.state(h, name).equals(state)) {
            if (System.nanoTime() > end) {
                throw new AssertionError(name + " on host" + h + " is \"" + TwoHostLab.state(h, name) + "\", not \"" + state + "\"");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private TableView<FleetRow> table(FxRobot robot) {
        return robot.lookup("#fleetTable").queryAs(TableView.class);
    }

    /** The name cell of that domain's row in the fleet table, on screen now. */
    private Node nameCell(FxRobot robot, String name) {
        java.util.function.Predicate<Node> cell = n -> n instanceof javafx.scene.control.TableCell<?, ?> c
            && c.getTableColumn() != null && "fleetNameColumn".equals(c.getTableColumn().getId())
            && name.equals(c.getText()) && c.isVisible();
        Fx.await(Duration.ofSeconds(15), name + "'s row shown", () -> robot.lookup(cell).tryQuery().isPresent());
        return Fx.get(() -> robot.lookup(cell).query());
    }

    @Test
    void twoRunningDomainsOfOneHostSelectedInTheFleetMigrateLiveToTheOtherHost(FxRobot robot) {
        String first = guest("fleet-mig-1");
        String second = guest("fleet-mig-2");
        TwoHostLab.awaitBooted("A", first);
        TwoHostLab.awaitBooted("A", second);
        Fx.await(WAIT, "both running on hostA in the fleet view", () -> model.fleetShownProperty().get()
            && row("A", first).map(r -> r.getState() == DomainState.RUNNING).orElse(false)
            && row("A", second).map(r -> r.getState() == DomainState.RUNNING).orElse(false));
        // narrowed by the search, then a click and a Ctrl+click, as a user selects two rows
        robot.clickOn("#fleetSearchField");
        robot.write("fleet-mig");
        Fx.await(Duration.ofSeconds(15), "the two guests listed", () -> table(robot).getItems().stream()
            .filter(r -> !r.isHeader()).count() == 2);
        robot.clickOn(nameCell(robot, first));
        robot.press(KeyCode.CONTROL).clickOn(nameCell(robot, second)).release(KeyCode.CONTROL);
        assertEquals(List.of(first, second), Fx.get(() -> window.fleetView().selectedDomains().stream()
            .map(DomainRowViewModel::getName).sorted().toList()));
        robot.clickOn("#fleetMigrateButton");
        Fx.await(Duration.ofSeconds(15), "the migration wizard", () -> robot.lookup("#migrationWizard").tryQuery().isPresent());
        Scene wizard = Fx.get(() -> robot.lookup("#migrationWizard").query().getScene());
        // hostB offered (and chosen); the source is not
        List<String> offered = Fx.get(() -> robot.lookup("#destinationList").queryListView().getItems().stream()
            .map(d -> ((org.vireo.ui.migration.MigrationWizardViewModel.Destination) d).host().uri()).toList());
        assertEquals(List.of(TwoHostLab.uri("B")), offered);
        robot.clickOn("#wizardNext");
        // the lab's disks sit on a directory both hosts see, which libvirt cannot tell is shared
        robot.clickOn("#unsafeCheck");
        robot.clickOn("#wizardNext");
        String summary = Fx.get(() -> ((Label) robot.lookup("#migrationSummary").query()).getText());
        assertTrue(summary.contains("2 domains migrate one after another"), summary);
        Screenshots.save(wizard, "fleet-migrate-two-summary");
        robot.clickOn("#wizardMigrate");
        Fx.await(WAIT, "two migration jobs done", () -> model.jobs().rows().size() == 2
            && model.jobs().rows().stream().allMatch(r -> r.job().state().finished()));
        for (JobRowViewModel r : Fx.get(() -> List.copyOf(model.jobs().rows()))) {
            assertEquals(JobState.SUCCEEDED, r.job().state(), r.job().error());
        }
        awaitVirsh("B", first, "running");
        awaitVirsh("B", second, "running");
        assertEquals("", TwoHostLab.state("A", first), "undefined on the source");
        assertEquals("", TwoHostLab.state("A", second), "undefined on the source");
        // the fleet's rows follow: both now on hostB (its group, its host column), none left on hostA
        String hostB = Fx.get(() -> host("B").titleProperty().get());
        Fx.await(WAIT, "both listed under hostB in the fleet", () -> {
            List<FleetRow> rows = table(robot).getItems().stream().filter(r -> !r.isHeader()).toList();
            return rows.size() == 2 && rows.stream().allMatch(r -> r.domain().host() == host("B")
                && r.group().equals(hostB) && r.domain().getState() == DomainState.RUNNING);
        });
        Screenshots.save(scene, "fleet-migrated-two");
    }
}
