package org.vireo.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.vireo.host.HostOptions;
import org.vireo.model.ConnectionState;
import org.vireo.model.DomainState;
import org.vireo.support.DemoHostFile;
import org.vireo.support.Fx;
import org.vireo.support.Screenshots;

/** The main window in a real window against libvirt's test driver (the demo host). */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final List<List<String>> savedConnections = new ArrayList<>();
    private MainViewModel model;
    private Scene scene;
    private String demoUri;

    @Start
    void start(Stage stage) {
        demoUri = DemoHostFile.uri();
        model = new MainViewModel(HostOptions.defaults(), savedConnections::add);
        scene = VireoApp.createScene(model, 1280, 800);
        stage.setScene(scene);
        stage.show();
        model.openAll(List.of(demoUri));
    }

    @AfterEach
    void stop() {
        Fx.run(model::stopAll);
    }

    private HostViewModel demo() {
        return model.find(demoUri).orElseThrow();
    }

    private DomainRowViewModel row(String name) {
        return demo().domains().stream().filter(r -> r.getName().equals(name)).findFirst().orElseThrow();
    }

    private void awaitDemoListed() {
        Fx.await(WAIT, "demo domains listed", () -> demo().domains().size() == 7);
    }

    @Test
    void listsTheDemoHostWithItsDomainsAndStates(FxRobot robot) {
        awaitDemoListed();
        TreeView<?> tree = robot.lookup("#connectionTree").queryAs(TreeView.class);
        TableView<?> table = robot.lookup("#domainTable").queryAs(TableView.class);
        assertEquals(1, Fx.get(() -> tree.getRoot().getChildren().size()));
        assertEquals(7, Fx.get(() -> tree.getRoot().getChildren().getFirst().getChildren().size()));
        assertEquals(7, Fx.get(() -> table.getItems().size()));
        assertEquals(DomainState.PAUSED, Fx.get(() -> row("db-replica").getState()));
        assertEquals(DomainState.SHUTOFF, Fx.get(() -> row("windows-11").getState()));
        assertEquals(2, Fx.get(() -> row("web-frontend").vcpusProperty().get()));
        assertEquals(2048L * 1024, Fx.get(() -> row("web-frontend").memoryKiBProperty().get()));
        assertTrue(robot.lookup("#domain-db-replica").tryQuery().isPresent(), "tree row for db-replica");
        Screenshots.save(scene, "main-window-demo");
    }

    @Test
    void filterNarrowsTheTableByName(FxRobot robot) {
        awaitDemoListed();
        robot.clickOn("#filterField").write("db-");
        TableView<?> table = robot.lookup("#domainTable").queryAs(TableView.class);
        Fx.await(WAIT, "two db rows", () -> table.getItems().size() == 2);
        robot.eraseText(3).write("zzz");
        Fx.await(WAIT, "no rows", () -> table.getItems().isEmpty());
    }

    @Test
    void pauseAndResumeFromTheToolbar(FxRobot robot) {
        awaitDemoListed();
        select(robot, "router");
        robot.clickOn("#pauseButton");
        Fx.await(WAIT, "router paused", () -> row("router").getState() == DomainState.PAUSED);
        assertEquals("paused (user)", Fx.get(() -> row("router").getStatus().text()));
        robot.clickOn("#resumeButton");
        Fx.await(WAIT, "router running", () -> row("router").getState() == DomainState.RUNNING);
    }

    @Test
    void forceOffAsksFirstAndCancelKeepsTheGuestRunning(FxRobot robot) {
        awaitDemoListed();
        select(robot, "ci-runner");
        robot.clickOn("#forceOffButton");
        Fx.await(WAIT, "confirmation", () -> robot.lookup("#confirmDialog").tryQuery().isPresent());
        Screenshots.save(robot.lookup("#confirmDialog").query().getScene(), "force-off-confirm");
        robot.clickOn("Cancel");
        assertEquals(DomainState.RUNNING, Fx.get(() -> row("ci-runner").getState()));
        robot.clickOn("#forceOffButton");
        Fx.await(WAIT, "confirmation", () -> robot.lookup("#confirmDialog").tryQuery().isPresent());
        robot.clickOn(robot.lookup("#confirmDialog").lookup(".button").match((Node n) -> "Force off".equals(((Button) n).getText())).queryButton());
        Fx.await(WAIT, "ci-runner off", () -> row("ci-runner").getState() == DomainState.SHUTOFF);
        assertEquals("shut off (destroyed)", Fx.get(() -> row("ci-runner").getStatus().text()));
    }

    @Test
    void actionButtonsFollowTheSelectedDomainsState(FxRobot robot) {
        awaitDemoListed();
        select(robot, "windows-11");
        assertFalse(robot.lookup("#startButton").queryButton().isDisabled());
        assertTrue(robot.lookup("#pauseButton").queryButton().isDisabled());
        assertTrue(robot.lookup("#forceOffButton").queryButton().isDisabled());
        robot.clickOn("#startButton");
        Fx.await(WAIT, "start enables pause", () -> !robot.lookup("#pauseButton").queryButton().isDisabled());
        assertTrue(robot.lookup("#startButton").queryButton().isDisabled());
    }

    @Test
    void malformedUriIsRefusedInTheDialogAndKeepsTheText(FxRobot robot) {
        awaitDemoListed();
        robot.clickOn("#addConnectionButton");
        robot.clickOn("#uriField").write("not a uri");
        robot.clickOn("#connectButton");
        Label error = robot.lookup("#uriError").queryAs(Label.class);
        Fx.await(WAIT, "error shown", () -> error.getText().contains("is not a libvirt URI"));
        assertEquals("not a uri", robot.lookup("#uriField").queryTextInputControl().getText());
        Screenshots.save(error.getScene(), "add-connection-refused");
        robot.clickOn("Cancel");
        assertEquals(1, Fx.get(() -> model.hosts().size()));
    }

    @Test
    void unreachableHostShowsLibvirtsReasonAndTheRestKeepsWorking(FxRobot robot) {
        awaitDemoListed();
        String dead = "qemu+unix:///system?socket=/nonexistent/libvirt-sock";
        robot.clickOn("#addConnectionButton");
        robot.clickOn("#uriField").write(dead);
        robot.clickOn("#connectButton");
        Fx.await(WAIT, "dead host disconnected", () -> model.find(dead).map(h -> h.getState() == ConnectionState.DISCONNECTED).orElse(false));
        String reason = Fx.get(() -> model.find(dead).orElseThrow().getError());
        assertTrue(reason.contains("/nonexistent/libvirt-sock"), reason);
        assertEquals(List.of(demoUri, dead), savedConnections.getLast());
        Label detail = robot.lookup("#hostDetail").queryAs(Label.class);
        // a local socket that is missing: the first-run page gives libvirt's reason with the guidance
        assertTrue(Fx.get(detail::getText).contains("no libvirt daemon answers"), Fx.get(detail::getText));
        assertTrue(Fx.get(() -> robot.lookup("#firstRunReason").queryAs(Label.class).getText()).contains("No such file or directory"));
        Screenshots.save(scene, "main-window-unreachable-host");
        // the demo host still answers
        Fx.clickWhenShown(robot, "#domain-router");
        robot.clickOn("#pauseButton");
        Fx.await(WAIT, "router paused", () -> row("router").getState() == DomainState.PAUSED);
    }

    @Test
    void addAndRemoveAConnection(FxRobot robot) {
        awaitDemoListed();
        robot.clickOn("#addConnectionButton");
        robot.clickOn("#uriField").write("test:///default");
        robot.clickOn("#connectButton");
        Fx.await(WAIT, "second host connected", () -> model.find("test:///default")
            .map(h -> h.getState() == ConnectionState.CONNECTED && h.domains().size() == 1).orElse(false));
        robot.clickOn("#removeConnectionButton");
        Fx.await(WAIT, "host removed", () -> model.find("test:///default").isEmpty());
        assertEquals(List.of(demoUri), savedConnections.getLast());
    }

    @Test
    void aDomainOpensItsPageAndBackReturnsToTheTable(FxRobot robot) {
        awaitDemoListed();
        Fx.clickWhenShown(robot, "#domain-db-primary");
        Node page = robot.lookup("#domainPage").query();
        Fx.await(WAIT, "domain page shown", page::isVisible);
        assertEquals("db-primary", robot.lookup("#domainName").queryAs(Label.class).getText());
        assertEquals("a1b2c3d4-0002-4000-8000-000000000002", robot.lookup("#uuidValue").queryAs(Label.class).getText());
        Screenshots.save(scene, "domain-page-overview");
        robot.clickOn("#backToHostButton");
        Fx.await(WAIT, "table shown", () -> !page.isVisible() && robot.lookup("#domainTable").query().isVisible());
        robot.doubleClickOn("windows-11");
        Fx.await(WAIT, "page of windows-11", () -> page.isVisible() && "windows-11".equals(robot.lookup("#domainName").queryAs(Label.class).getText()));
    }

    @Test
    void preferencesChangeTheRefreshForEveryHostAndAreSaved(FxRobot robot) {
        awaitDemoListed();
        List<org.vireo.model.StatsSettings> saved = new ArrayList<>();
        Fx.run(() -> model.setOnStatsChanged(saved::add));
        robot.clickOn("#preferencesButton");
        Fx.await(WAIT, "preferences dialog", () -> robot.lookup("#preferencesDialog").tryQuery().isPresent());
        Screenshots.save(robot.lookup("#preferencesDialog").query().getScene(), "preferences");
        javafx.scene.control.Spinner<?> interval = robot.lookup("#intervalSpinner").queryAs(javafx.scene.control.Spinner.class);
        Fx.run(() -> interval.getValueFactory().increment(2));
        robot.clickOn("#group-BLOCK");
        robot.clickOn("#applyPreferencesButton");
        Fx.await(WAIT, "settings applied", () -> saved.size() == 1);
        org.vireo.model.StatsSettings now = Fx.get(() -> model.statsProperty().get());
        assertEquals(java.time.Duration.ofSeconds(2), now.interval());
        assertFalse(now.groups().contains(org.vireo.model.StatsGroup.BLOCK));
        assertEquals(now, saved.getFirst());
        // the demo host now refreshes every 2 s: count its refreshes over 5 s
        long before = Fx.get(() -> demo().tickProperty().get());
        long t0 = System.nanoTime();
        Fx.await(WAIT, "two refreshes", () -> demo().tickProperty().get() >= before + 2);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms > 2500, "two refreshes at a 2 s interval take more than 2.5 s, took " + ms);
    }

    private void select(FxRobot robot, String name) {
        Fx.clickWhenShown(robot, "#domain-" + name);
        TableView<?> table = robot.lookup("#domainTable").queryAs(TableView.class);
        Fx.await(WAIT, name + " selected", () -> table.getSelectionModel().getSelectedItems().size() == 1);
    }

    /** A menu item of the context menu on screen, by its text. */
    private static javafx.scene.Node menuItem(FxRobot robot, String text) {
        Fx.await(WAIT, "the context menu", () -> robot.lookup(".context-menu").tryQuery().isPresent());
        return robot.from(robot.lookup(".context-menu").queryAll()).lookup((javafx.scene.control.Label l) -> text.equals(l.getText())).query();
    }

    @Test
    void aDomainsContextMenuRunsTheToolbarsActionsWithItsRules(FxRobot robot) {
        awaitDemoListed();
        Fx.await(WAIT, "web-frontend running", () -> row("web-frontend").getState() == DomainState.RUNNING);
        robot.rightClickOn("#domain-web-frontend");
        // Resume does not apply to a running domain, as on the toolbar
        menuItem(robot, "Resume");
        javafx.scene.control.ContextMenu menu = Fx.get(() -> ((MainWindow) scene.getRoot()).tree().getContextMenu());
        assertTrue(Fx.get(() -> menu.getItems().stream().filter(i -> "Resume".equals(i.getText())).findFirst().orElseThrow().isDisable()),
            "Resume disabled for a running domain");
        assertTrue(Fx.get(() -> !menu.getItems().stream().filter(i -> "Pause".equals(i.getText())).findFirst().orElseThrow().isDisable()),
            "Pause enabled");
        robot.clickOn(menuItem(robot, "Pause"));
        Fx.await(WAIT, "web-frontend paused by libvirt", () -> row("web-frontend").getState() == DomainState.PAUSED);
        robot.rightClickOn("#domain-web-frontend");
        robot.clickOn(menuItem(robot, "Resume"));
        Fx.await(WAIT, "web-frontend running again", () -> row("web-frontend").getState() == DomainState.RUNNING);
        // the table's rows have the same menu
        Fx.run(() -> {
            // back to the host's page, where the table is
            ((MainWindow) scene.getRoot()).tree().select(demo());
            TableView<DomainRowViewModel> t = robot.lookup("#domainTable").queryAs(TableView.class);
            t.getSelectionModel().clearSelection();
        });
        robot.rightClickOn((javafx.scene.Node) robot.lookup(".table-row-cell").nth(0).query());
        robot.clickOn(menuItem(robot, "Copy name"));
        // the right click selected the row it was on; its name is what was copied
        String clicked = Fx.get(() -> robot.lookup("#domainTable").queryAs(TableView.class).getSelectionModel().getSelectedItem()
            instanceof DomainRowViewModel r ? r.getName() : "none");
        assertEquals(clicked, Fx.get(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString()));
    }
}
