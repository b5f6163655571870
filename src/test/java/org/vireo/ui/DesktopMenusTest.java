package org.vireo.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.vireo.host.HostOptions;
import org.vireo.model.ConnectionState;
import org.vireo.model.DomainAction;
import org.vireo.model.DomainState;
import org.vireo.support.DemoHostFile;
import org.vireo.support.Fx;
import org.vireo.support.Screenshots;

/**
 * Right-click menus on hosts and domains, the menu bar's accelerators and the keys of the
 * main window, on the demo host (libvirt's test driver): each action's effect is read back
 * from libvirt through the host's connection (the rows' state comes from its polls).
 */
@ExtendWith(ApplicationExtension.class)
class DesktopMenusTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final List<List<String>> savedConnections = new ArrayList<>();
    private final AtomicInteger quits = new AtomicInteger();
    private MainViewModel model;
    private Scene scene;
    private String demoUri;

    @Start
    void start(Stage stage) {
        demoUri = DemoHostFile.uri();
        model = new MainViewModel(HostOptions.defaults(), savedConnections::add);
        scene = VireoApp.createScene(model, 1280, 800);
        window().setOnQuit(quits::incrementAndGet);
        stage.setScene(scene);
        stage.show();
        model.openAll(List.of(demoUri));
    }

    @AfterEach
    void stop() {
        Fx.run(model::stopAll);
    }

    private MainWindow window() {
        return (MainWindow) scene.getRoot();
    }

    private HostViewModel demo() {
        return model.find(demoUri).orElseThrow();
    }

    private DomainRowViewModel row(String name) {
        return demo().domains().stream().filter(r -> r.getName().equals(name)).findFirst().orElseThrow();
    }

    private boolean listed(String name) {
        return demo().domains().stream().anyMatch(r -> r.getName().equals(name));
    }

    private void awaitDemoListed() {
        Fx.await(WAIT, "demo domains listed", () -> model.find(demoUri).map(h -> h.domains().size() == 7).orElse(false));
    }

    private void select(FxRobot robot, String name) {
        Fx.clickWhenShown(robot, "#domain-" + name);
        TableView<?> table = robot.lookup("#domainTable").queryAs(TableView.class);
        Fx.await(WAIT, name + " selected", () -> table.getSelectionModel().getSelectedItems().size() == 1
            && ((DomainRowViewModel) table.getSelectionModel().getSelectedItem()).getName().equals(name));
    }

    /** Clicks a menu item of the context menu on screen, by its id. */
    private static void clickItem(FxRobot robot, String id) {
        try {
            Fx.await(WAIT, "menu item " + id, () -> robot.lookup(".context-menu").tryQuery().isPresent()
                && robot.lookup("#" + id).tryQuery().isPresent());
        } catch (AssertionError e) {
            System.out.println("DEBUG menus: " + Fx.get(() -> robot.listWindows().stream().filter(Window::isShowing).map(w -> w.getClass().getSimpleName() + ":" + (w.getScene() == null ? "" : String.valueOf(w.getScene().getRoot().lookupAll("*").stream().map(Node::getId).filter(java.util.Objects::nonNull).limit(12).toList()))).toList()));
            throw e;
        }
        robot.clickOn("#" + id);
    }

    private static boolean showing(FxRobot robot, String id) {
        return robot.listWindows().stream().filter(Window::isShowing)
            .anyMatch(w -> w.getScene() != null && w.getScene().getRoot().lookup("#" + id) != null);
    }

    /** The tree cell of the demo host (cells are not in the tree's order among the nodes). */
    private Node hostCell(FxRobot robot) {
        return hostCell(robot, demoUri);
    }

    private Node hostCell(FxRobot robot, String uri) {
        String id = "host-" + uri;
        Fx.await(WAIT, "host cell", () -> robot.lookup((Node n) -> id.equals(n.getId())).tryQuery().isPresent());
        return robot.lookup((Node n) -> id.equals(n.getId())).query();
    }

    /** The accelerator as TestFX types it (the SHORTCUT modifier is Ctrl here). */
    static javafx.scene.input.KeyCodeCombination key(Shortcut s) {
        return (javafx.scene.input.KeyCodeCombination) s.combination();
    }

    private String tabOpen() {
        var t = window().domainPage().tabs().getSelectionModel().getSelectedItem();
        return t == null ? "" : t.getId();
    }

    @Test
    void hostMenuDisconnectsConnectsEditsOpensAndRemoves(FxRobot robot) {
        awaitDemoListed();
        Fx.clickWhenShown(robot, "#domain-router");
        robot.rightClickOn(hostCell(robot));
        // the host's menu: Connect is for a disconnected host; New VM for a connected one
        Fx.await(WAIT, "host menu", () -> robot.lookup("#hostDisconnectItem").tryQuery().isPresent());
        Screenshots.save(robot.lookup("#hostDisconnectItem").query().getScene(), "host-context-menu");
        MenuItem connect = Fx.get(() -> window().newVmItems().getFirst().getParentPopup().getItems().stream()
            .filter(i -> "hostConnectItem".equals(i.getId())).findFirst().orElseThrow());
        assertTrue(Fx.get(connect::isDisable), "Connect disabled while connected");
        assertTrue(Fx.get(() -> window().newVmItems().getFirst().isVisible() && !window().newVmItems().getFirst().isDisable()),
            "New VM offered on a connected host");
        assertEquals("hostNewVmItem", window().newVmItems().getFirst().getId());
        robot.clickOn("#hostDisconnectItem");
        Fx.await(WAIT, "disconnected by the user", () -> demo().getState() == ConnectionState.DISCONNECTED && demo().domains().isEmpty());
        // no retries after a user's disconnect, and no error notice either
        assertTrue(Fx.get(() -> demo().heldByUserProperty().get()));
        assertTrue(Fx.get(() -> model.notices().isEmpty()), "a disconnect is not an error");
        Fx.await(WAIT, "Connect button on the host page", () -> robot.lookup("#hostConnectButton").query().isVisible());
        robot.rightClickOn(hostCell(robot));
        clickItem(robot, "hostConnectItem");
        awaitDemoListed();
        assertEquals(ConnectionState.CONNECTED, Fx.get(() -> demo().getState()));

        // Reconnect: the connection is opened again, the guests come back
        robot.rightClickOn(hostCell(robot));
        clickItem(robot, "hostReconnectItem");
        awaitDemoListed();

        // Open host page from a domain's page
        Fx.clickWhenShown(robot, "#domain-router");
        Fx.await(WAIT, "domain page", () -> model.selectedDomainProperty().get() != null);
        robot.rightClickOn(hostCell(robot));
        clickItem(robot, "hostOpenItem");
        Fx.await(WAIT, "host page", () -> model.selectedDomainProperty().get() == null
            && robot.lookup("#domainTable").query().isVisible());

        // Edit: a new URI replaces the host at its place and is saved
        robot.rightClickOn(hostCell(robot));
        clickItem(robot, "hostEditItem");
        Fx.await(WAIT, "edit dialog", () -> robot.lookup("#uriField").tryQuery().isPresent());
        TextField uri = robot.lookup("#uriField").queryAs(TextField.class);
        assertEquals(demoUri, Fx.get(uri::getText));
        Fx.run(() -> uri.setText("test:///default"));
        robot.clickOn("#connectButton");
        Fx.await(WAIT, "edited host connected", () -> model.find("test:///default")
            .map(h -> h.getState() == ConnectionState.CONNECTED && h.domains().size() == 1).orElse(false));
        assertTrue(Fx.get(() -> model.find(demoUri).isEmpty()));
        assertEquals(List.of("test:///default"), savedConnections.getLast());

        // Remove
        robot.rightClickOn(hostCell(robot, "test:///default"));
        clickItem(robot, "hostRemoveItem");
        Fx.await(WAIT, "host removed", () -> model.hosts().isEmpty());
        assertEquals(List.of(), savedConnections.getLast());
    }

    @Test
    void domainMenusOpenConsoleAndSnapshotsAndRunActions(FxRobot robot) {
        awaitDemoListed();
        // the table's menu: Console opens the page on its Console tab
        Fx.run(() -> window().tree().select(demo()));
        Fx.await(WAIT, "table rows drawn", () -> robot.lookup("#domainTable").lookup(".table-row-cell").tryQuery().isPresent());
        robot.rightClickOn(Fx.get(() -> (Node) robot.lookup("#domainTable").lookup(".table-row-cell").nth(0).query()));
        Fx.await(WAIT, "table menu", () -> robot.lookup("#tableMenuConsole").tryQuery().isPresent());
        Screenshots.saveDoc(robot.lookup("#tableMenuConsole").query().getScene(), "domain-context-menu");
        robot.clickOn("#tableMenuConsole");
        Fx.await(WAIT, "console tab open", () -> model.selectedDomainProperty().get() != null && "consoleTab".equals(tabOpen()));
        // the tree's menu: Snapshots
        robot.rightClickOn("#domain-db-primary");
        clickItem(robot, "treeMenuSnapshots");
        Fx.await(WAIT, "snapshots of db-primary", () -> "snapshotsTab".equals(tabOpen())
            && model.selectedDomainProperty().get().getName().equals("db-primary"));
        // Start from the tree's menu, with the toolbar's rule (Start only for a domain that is off)
        robot.rightClickOn("#domain-windows-11");
        Fx.await(WAIT, "tree menu", () -> robot.lookup("#treeMenuStart").tryQuery().isPresent());
        assertTrue(Fx.get(() -> window().tree().getContextMenu().getItems().stream()
            .filter(i -> "treeMenuPause".equals(i.getId())).findFirst().orElseThrow().isDisable()), "Pause disabled for a shut-off domain");
        robot.clickOn("#treeMenuStart");
        Fx.await(WAIT, "windows-11 started (libvirt)", () -> row("windows-11").getState() == DomainState.RUNNING);
    }

    @Test
    void everyAcceleratorFiresItsAction(FxRobot robot) {
        awaitDemoListed();
        select(robot, "windows-11");
        robot.push(key(Shortcut.START));
        Fx.await(WAIT, "Start accelerator: running", () -> row("windows-11").getState() == DomainState.RUNNING);
        robot.push(key(Shortcut.PAUSE));
        Fx.await(WAIT, "Pause accelerator: paused", () -> row("windows-11").getState() == DomainState.PAUSED);
        robot.push(key(Shortcut.RESUME));
        Fx.await(WAIT, "Resume accelerator: running", () -> row("windows-11").getState() == DomainState.RUNNING);
        robot.push(key(Shortcut.REBOOT));
        Fx.await(WAIT, "Reboot accelerator", () -> model.messageProperty().get().equals("Reboot windows-11: done"));
        robot.push(key(Shortcut.SHUTDOWN));
        Fx.await(WAIT, "Shut down accelerator: off", () -> row("windows-11").getState() == DomainState.SHUTOFF);

        select(robot, "ci-runner");
        robot.push(key(Shortcut.FORCE_OFF));
        Fx.await(WAIT, "Force off asks first", () -> robot.lookup("#confirmDialog").tryQuery().isPresent());
        robot.clickOn(robot.lookup("#confirmDialog").lookup(".button").match((Node n) -> "Force off".equals(((Button) n).getText())).queryButton());
        Fx.await(WAIT, "ci-runner forced off", () -> row("ci-runner").getState() == DomainState.SHUTOFF);

        select(robot, "router");
        robot.push(key(Shortcut.CONSOLE));
        Fx.await(WAIT, "Console accelerator", () -> "consoleTab".equals(tabOpen()));
        robot.push(KeyCode.ESCAPE);
        Fx.await(WAIT, "Escape backs out of the page", () -> model.selectedDomainProperty().get() == null);

        robot.push(key(Shortcut.FIND));
        Fx.await(WAIT, "Find focuses the filter", () -> robot.lookup("#filterField").query().isFocused());
        robot.write("db-");
        Fx.await(WAIT, "filtered", () -> robot.lookup("#domainTable").queryAs(TableView.class).getItems().size() == 2);
        robot.push(KeyCode.ESCAPE);
        Fx.await(WAIT, "Escape clears the filter", () -> model.filterProperty().get().isEmpty());

        long ticks = Fx.get(() -> demo().tickProperty().get());
        robot.push(key(Shortcut.REFRESH));
        Fx.await(WAIT, "Refresh", () -> demo().tickProperty().get() > ticks && model.messageProperty().get().startsWith("Refreshing"));

        robot.push(key(Shortcut.JOBS));
        Fx.await(WAIT, "Jobs shown", () -> window().jobsShown());
        robot.push(key(Shortcut.JOBS));
        Fx.await(WAIT, "Jobs hidden", () -> !window().jobsShown());

        select(robot, "router");
        robot.push(key(Shortcut.MIGRATE));
        Fx.await(WAIT, "migration wizard", () -> showing(robot, "migrationWizard"));
        robot.push(KeyCode.ESCAPE);
        Fx.await(WAIT, "Escape closes the wizard", () -> !showing(robot, "migrationWizard"));

        robot.push(key(Shortcut.PREFERENCES));
        Fx.await(WAIT, "preferences", () -> showing(robot, "preferencesDialog"));
        robot.push(KeyCode.ESCAPE);
        Fx.await(WAIT, "Escape closes preferences", () -> !showing(robot, "preferencesDialog"));

        robot.push(key(Shortcut.ADD_CONNECTION));
        Fx.await(WAIT, "add connection", () -> showing(robot, "addConnectionDialog"));
        robot.push(KeyCode.ESCAPE);
        Fx.await(WAIT, "Escape closes add connection", () -> !showing(robot, "addConnectionDialog"));

        robot.push(key(Shortcut.SHORTCUTS));
        Fx.await(WAIT, "shortcuts overlay", () -> showing(robot, "shortcutsDialog"));
        Node overlay = robot.lookup("#shortcutsDialog").query();
        for (Shortcut s : Shortcut.values()) {
            assertTrue(robot.from(overlay).lookup((Label l) -> s.keys().equals(l.getText())).tryQuery().isPresent(), "listed: " + s.keys());
        }
        Screenshots.saveDoc(overlay.getScene(), "keyboard-shortcuts");
        robot.push(KeyCode.ESCAPE);
        Fx.await(WAIT, "Escape closes the overlay", () -> !showing(robot, "shortcutsDialog"));

        robot.push(key(Shortcut.QUIT));
        Fx.await(WAIT, "Quit", () -> quits.get() == 1);
    }

    @Test
    void toolbarTooltipsNameTheShortcut(FxRobot robot) {
        for (DomainAction a : DomainAction.values()) {
            Button b = robot.lookup("#" + MainWindow.buttonId(a)).queryButton();
            assertTrue(b.getTooltip().getText().contains(Shortcut.of(a).keys()), b.getTooltip().getText());
        }
        assertTrue(robot.lookup("#migrateButton").queryButton().getTooltip().getText().contains("Ctrl+M"));
        assertTrue(robot.lookup("#preferencesButton").queryButton().getTooltip().getText().contains(Shortcut.PREFERENCES.keys()));
        assertTrue(robot.lookup("#addConnectionButton").queryButton().getTooltip().getText().contains(Shortcut.ADD_CONNECTION.keys()));
    }

    @Test
    void enterOpensAndDeleteAsksFirst(FxRobot robot) {
        awaitDemoListed();
        TableView<?> table = robot.lookup("#domainTable").queryAs(TableView.class);
        Fx.run(() -> {
            table.requestFocus();
            int i = table.getItems().indexOf(row("windows-11"));
            ((TableView<DomainRowViewModel>) table).getSelectionModel().clearAndSelect(i);
        });
        Fx.await(WAIT, "table focused", table::isFocused);
        robot.push(KeyCode.ENTER);
        Fx.await(WAIT, "Enter opens windows-11", () -> model.selectedDomainProperty().get() == row("windows-11"));
        robot.push(KeyCode.ESCAPE);
        Fx.await(WAIT, "back on the table, windows-11 still selected", () -> model.selectedDomainProperty().get() == null
            && table.isFocused() && table.getSelectionModel().getSelectedItem() == row("windows-11"));
        robot.push(KeyCode.DELETE);
        Fx.await(WAIT, "Delete asks", () -> robot.lookup("#deleteVolumeList").tryQuery().isPresent());
        Node dialog = robot.lookup("#deleteVolumeList").query();
        assertTrue(Fx.get(() -> ((javafx.scene.control.DialogPane) dialog.getScene().getRoot()).getHeaderText().startsWith("Delete windows-11?")));
        Screenshots.save(dialog.getScene(), "delete-asks");
        // Enter is Cancel, the safe choice
        robot.push(KeyCode.ENTER);
        Fx.await(WAIT, "dialog gone", () -> robot.lookup("#deleteVolumeList").tryQuery().isEmpty());
        assertTrue(Fx.get(() -> listed("windows-11")), "still defined after Cancel");
        robot.interact(() -> window().openSelected());
        robot.interact(() -> window().deleteSelected());
        Fx.await(WAIT, "Delete asks again", () -> robot.lookup("#deleteOk").tryQuery().isPresent());
        robot.clickOn("#deleteOk");
        Fx.await(WAIT, "windows-11 undefined (gone from libvirt's list; status: " + Fx.get(() -> model.messageProperty().get()) + ")", () -> !listed("windows-11"));
    }

    @Test
    void aFailedActionAndAHostThatCannotConnectAreNotices(FxRobot robot) {
        awaitDemoListed();
        List<Integer> logOpened = new ArrayList<>();
        Fx.run(() -> window().setOpenLog(() -> logOpened.add(1)));
        DomainRowViewModel router = Fx.get(() -> row("router"));
        Fx.run(() -> demo().disconnect());
        Fx.await(WAIT, "disconnected", () -> demo().getState() == ConnectionState.DISCONNECTED);
        // an action that reaches a host gone meanwhile fails: a notice with Retry
        Fx.run(() -> model.perform(DomainAction.PAUSE, List.of(router)));
        Fx.await(WAIT, "notice", () -> robot.lookup("#noticeRetry").tryQuery().isPresent());
        assertTrue(Fx.get(() -> model.notices().getFirst().title()).equals("Pause router failed"));
        Screenshots.saveDoc(scene, "notification");
        robot.clickOn("#noticeLog");
        assertEquals(1, logOpened.size());
        robot.clickOn("#noticeCopy");
        assertTrue(Fx.get(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString()).contains(demoUri));
        Fx.run(() -> demo().reconnect());
        awaitDemoListed();
        robot.clickOn("#noticeRetry");
        Fx.await(WAIT, "Retry paused router (libvirt)", () -> row("router").getState() == DomainState.PAUSED);
        assertTrue(Fx.get(() -> model.notices().isEmpty()));

        // a host that cannot connect
        Fx.run(() -> model.addConnection("qemu+tcp://127.0.0.1:1/system"));
        Fx.await(WAIT, "connect notice", () -> model.notices().stream().anyMatch(n -> n.key().startsWith("host:qemu+tcp")));
        Fx.await(WAIT, "its Retry button", () -> robot.lookup("#noticeRetry").tryQuery().isPresent());
    }
}
