package org.vireo.ui.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.vireo.host.HostOptions;
import org.vireo.model.DomainState;
import org.vireo.support.Await;
import org.vireo.support.FleetHosts;
import org.vireo.support.FleetHosts.Guest;
import org.vireo.support.Fx;
import org.vireo.support.Screenshots;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.HostViewModel;
import org.vireo.ui.MainViewModel;
import org.vireo.ui.MainWindow;
import org.vireo.ui.VireoApp;

/**
 * The fleet view with three test-driver hosts: it opens by default, searches names, titles,
 * descriptions and tags, groups by host, state and tag, and its bulk actions and Add tag
 * change libvirt's state and the domains' XML (read back through libvirt).
 */
@ExtendWith(ApplicationExtension.class)
class FleetViewTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private MainViewModel model;
    private MainWindow window;
    private Scene scene;
    private List<String> uris;

    @Start
    void start(Stage stage) {
        Path dir = Path.of("target", "fleet-hosts", Long.toString(System.nanoTime()));
        uris = List.of(
            FleetHosts.write(dir, "hostA", 0xa, List.of(
                Guest.running("db-primary").titled("Primary database", "PostgreSQL 16 for the shop").tagged("db", "prod"),
                Guest.running("web-frontend").tagged("web"),
                Guest.running("ci-runner"))),
            FleetHosts.write(dir, "hostB", 0xb, List.of(
                new Guest("db-replica", 3, "", "", List.of("db")),
                Guest.off("web-cache").titled("", "Varnish in front of the shop"),
                Guest.off("batch-01"))),
            FleetHosts.write(dir, "hostC", 0xc, List.of(
                Guest.off("mail").tagged("prod"),
                Guest.off("build-02"))));
        model = new MainViewModel(HostOptions.defaults(), c -> { });
        scene = VireoApp.createScene(model, 1280, 800);
        window = (MainWindow) scene.getRoot();
        stage.setScene(scene);
        stage.show();
        model.openAll(uris);
    }

    @AfterEach
    void stop() {
        Fx.run(() -> List.copyOf(javafx.stage.Window.getWindows()).stream()
            .filter(w -> w instanceof Stage st && st.getOwner() != null).forEach(javafx.stage.Window::hide));
        Fx.run(model::stopAll);
    }

    private void awaitListed() {
        Fx.await(WAIT, "8 domains with their tags in the fleet view", () -> model.fleet().domainCount() == 8
            && row("db-primary").getTags().equals(List.of("db", "prod")) && row("mail").getTags().equals(List.of("prod"))
            && !row("web-cache").descriptionProperty().get().isEmpty());
    }

    private DomainRowViewModel row(String name) {
        return model.hosts().stream().flatMap(h -> h.domains().stream()).filter(r -> r.getName().equals(name)).findFirst()
            .orElseThrow(() -> new AssertionError("no domain " + name));
    }

    @SuppressWarnings("unchecked")
    private TableView<FleetRow> table(FxRobot robot) {
        return robot.lookup("#fleetTable").queryAs(TableView.class);
    }

    /** The domain names the table shows, in order (headers left out). */
    private List<String> shown(FxRobot robot) {
        return Fx.get(() -> table(robot).getItems().stream().filter(r -> !r.isHeader()).map(r -> r.domain().getName()).toList());
    }

    private List<String> headers(FxRobot robot) {
        return Fx.get(() -> table(robot).getItems().stream().filter(FleetRow::isHeader).map(r -> r.group() + " " + r.count()).toList());
    }

    private void search(FxRobot robot, String text) {
        robot.doubleClickOn("#fleetSearchField");
        Fx.run(() -> robot.lookup("#fleetSearchField").queryAs(javafx.scene.control.TextField.class).clear());
        robot.write(text);
    }

    /** The domain's state as libvirt tells it now (a call on Vireo's own connection to the test driver). */
    private static DomainState libvirtState(DomainRowViewModel row) {
        try {
            return row.host().session().submit(c -> c.domainState(row.uuid())).get(5, TimeUnit.SECONDS).state();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitLibvirt(DomainRowViewModel row, DomainState state) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (libvirtState(row) != state) {
            if (System.nanoTime() > end) {
                throw new AssertionError(row.getName() + " is " + libvirtState(row) + " in libvirt, not " + state);
            }
            Thread.onSpinWait();
        }
    }

    private void selectRows(FxRobot robot, String... names) {
        Fx.run(() -> {
            TableView<FleetRow> t = table(robot);
            t.getSelectionModel().clearSelection();
            for (String n : names) {
                for (int i = 0; i < t.getItems().size(); i++) {
                    FleetRow r = t.getItems().get(i);
                    if (!r.isHeader() && r.domain().getName().equals(n)) {
                        t.getSelectionModel().select(i);
                        break;
                    }
                }
            }
        });
    }

    @Test
    void opensOnAllHostsAndSearchesNamesTitlesDescriptionsTagsAndAddresses(FxRobot robot) throws Exception {
        awaitListed();
        assertTrue(Fx.get(() -> model.fleetShownProperty().get() && window.fleetView().isVisible()), "the fleet view is shown with 3 hosts");
        assertEquals(model.fleet(), Fx.get(() -> window.tree().getSelectionModel().getSelectedItem().getValue()), "All hosts selected");
        assertEquals(8, shown(robot).size());
        search(robot, "primary database");
        Fx.await(WAIT, "title search", () -> shown(robot).equals(List.of("db-primary")));
        search(robot, "varnish");
        Fx.await(WAIT, "description search", () -> shown(robot).equals(List.of("web-cache")));
        search(robot, "prod");
        Fx.await(WAIT, "tag search", () -> shown(robot).equals(List.of("db-primary", "mail")));
        // an address from libvirt (the test driver's DHCP lease of a running domain's interface)
        DomainRowViewModel primary = Fx.get(() -> row("db-primary"));
        String ip = primary.host().session().submit(c -> new org.vireo.libvirt.NetworkApi(c)
            .domainAddresses(primary.uuid(), org.vireo.libvirt.NetworkApi.SOURCE_LEASE)).get(5, TimeUnit.SECONDS).getFirst().address();
        search(robot, ip);
        Fx.await(WAIT, "address search", () -> shown(robot).contains("db-primary") && !shown(robot).contains("mail")
            && shown(robot).size() < 8);
        search(robot, "ci-run");
        Fx.await(WAIT, "name search", () -> shown(robot).equals(List.of("ci-runner")));
        assertTrue(Fx.get(() -> robot.lookup("#fleetDetail").queryLabeled().getText()).startsWith("1 of 8 domains on 3 hosts"));
        robot.type(KeyCode.ESCAPE);
        Fx.await(WAIT, "Escape clears the search", () -> shown(robot).size() == 8);
    }

    @Test
    void groupsByHostStateAndTag(FxRobot robot) {
        awaitListed();
        assertEquals(List.of("Test: hostA 3", "Test: hostB 3", "Test: hostC 2"), headers(robot));
        chooseGrouping(robot, "State");
        Fx.await(WAIT, "grouped by state", () -> headers(robot).equals(List.of("Running 3", "Paused 1", "Shut off 4")));
        assertEquals(List.of("ci-runner", "db-primary", "web-frontend", "db-replica", "batch-01", "build-02", "mail", "web-cache"),
            shown(robot));
        chooseGrouping(robot, "Tag");
        Fx.await(WAIT, "grouped by tag", () -> headers(robot).equals(List.of("db 2", "prod 2", "web 1", FleetViewModel.UNTAGGED + " 4")));
        Screenshots.saveDoc(scene, "fleet-view");
        // sorting by a column sorts within the groups
        chooseGrouping(robot, "Host");
        robot.clickOn("#fleetNameColumn");
        robot.clickOn("#fleetNameColumn");
        Fx.await(WAIT, "names descending within hosts", () -> shown(robot).equals(
            List.of("web-frontend", "db-primary", "ci-runner", "web-cache", "db-replica", "batch-01", "mail", "build-02")));
    }

    private void chooseGrouping(FxRobot robot, String label) {
        robot.clickOn("#fleetGroupingChoice");
        // the choice's menu item (the table has a "State" column header too)
        Fx.await(WAIT, "the grouping menu", () -> robot.lookup(".context-menu .label").match(
            org.testfx.matcher.control.LabeledMatchers.hasText(label)).tryQuery().isPresent());
        robot.clickOn(robot.lookup(".context-menu .label").match(org.testfx.matcher.control.LabeledMatchers.hasText(label))
            .queryAs(javafx.scene.Node.class));
        Fx.await(WAIT, "grouping " + label, () -> robot.lookup("#fleetGroupingChoice").queryAs(ChoiceBox.class).getValue().toString().equals(label));
    }

    @Test
    void bulkStartThenPauseOnTwoHostsChangesLibvirtState(FxRobot robot) {
        awaitListed();
        DomainRowViewModel batch = Fx.get(() -> row("batch-01"));
        DomainRowViewModel mail = Fx.get(() -> row("mail"));
        assertEquals(DomainState.SHUTOFF, libvirtState(batch));
        assertEquals(DomainState.SHUTOFF, libvirtState(mail));
        selectRows(robot, "batch-01", "mail");
        robot.clickOn("#fleetStartButton");
        awaitLibvirt(batch, DomainState.RUNNING);
        awaitLibvirt(mail, DomainState.RUNNING);
        Fx.await(WAIT, "the rows show running", () -> batch.getState() == DomainState.RUNNING && mail.getState() == DomainState.RUNNING);
        // the selection survives the re-sorts the state change caused
        assertEquals(2, Fx.get(() -> window.fleetView().selectedDomains().size()));
        robot.clickOn("#fleetPauseButton");
        awaitLibvirt(batch, DomainState.PAUSED);
        awaitLibvirt(mail, DomainState.PAUSED);
        assertEquals(DomainState.RUNNING, libvirtState(Fx.get(() -> row("db-primary"))), "an unselected domain is untouched");
    }

    @Test
    void shutDownOfSeveralAsksWithTheCountAndNames(FxRobot robot) {
        awaitListed();
        selectRows(robot, "web-frontend", "ci-runner");
        robot.clickOn("#fleetShutdownButton");
        Fx.await(WAIT, "the question", () -> robot.lookup("#confirmDialog").tryQuery().isPresent());
        String text = Fx.get(() -> ((javafx.scene.control.DialogPane) robot.lookup("#confirmDialog").query()).getHeaderText()
            + " " + ((javafx.scene.control.DialogPane) robot.lookup("#confirmDialog").query()).getContentText());
        assertTrue(text.contains("Shut down 2 domains?") && text.contains("web-frontend") && text.contains("ci-runner"), text);
        robot.clickOn("Cancel");
        assertEquals(DomainState.RUNNING, libvirtState(Fx.get(() -> row("web-frontend"))), "Cancel leaves it running");
    }

    @Test
    void addTagWritesTheMetadataAndTheRowsReadItBack(FxRobot robot) throws Exception {
        awaitListed();
        selectRows(robot, "ci-runner", "build-02");
        robot.clickOn("#fleetAddTagButton");
        Fx.clickWhenShown(robot, "#fleetTagField");
        robot.write("nightly");
        robot.type(KeyCode.ENTER);
        for (String name : List.of("ci-runner", "build-02")) {
            DomainRowViewModel r = Fx.get(() -> row(name));
            Fx.await(WAIT, name + " tagged nightly", () -> r.getTags().contains("nightly"));
            // persistent definition: the tag travels with the domain
            String xml = r.host().domainService().xml(r.uuid(), 2).get(5, TimeUnit.SECONDS);
            assertTrue(xml.contains("https://vireo.org/xmlns/tags/1") && xml.contains(">nightly</"), xml);
        }
        assertTrue(Fx.get(() -> row("ci-runner").getTags()).equals(List.of("nightly")));
        chooseGrouping(robot, "Tag");
        Fx.await(WAIT, "a nightly group", () -> headers(robot).contains("nightly 2"));
        search(robot, "nightly");
        Fx.await(WAIT, "search by the new tag", () -> shown(robot).equals(List.of("build-02", "ci-runner")));
    }

    @Test
    void bulkSnapshotTakesOneSnapshotOfEachSelectedDomain(FxRobot robot) throws Exception {
        awaitListed();
        // a running domain (with its memory, as a job) and two shut-off ones, on three hosts
        List<String> chosen = List.of("db-primary", "batch-01", "mail");
        for (String n : chosen) {
            assertTrue(snapshotNames(Fx.get(() -> row(n))).isEmpty(), n + " has no snapshot yet");
        }
        selectRows(robot, chosen.toArray(String[]::new));
        robot.clickOn("#fleetSnapshotButton");
        Fx.clickWhenShown(robot, "#fleetSnapshotNameField");
        Fx.run(() -> robot.lookup("#fleetSnapshotNameField").queryAs(javafx.scene.control.TextField.class).clear());
        robot.write("before-upgrade");
        robot.type(KeyCode.ENTER);
        for (String n : chosen) {
            DomainRowViewModel r = Fx.get(() -> row(n));
            Await.until(WAIT, n + "'s snapshot in libvirt", () -> snapshotNames(r).equals(List.of("before-upgrade")));
        }
        assertTrue(snapshotNames(Fx.get(() -> row("web-frontend"))).isEmpty(), "an unselected domain gets none");
        Fx.await(WAIT, "the status line tells", () -> model.messageProperty().get().contains("before-upgrade"));
    }

    /** The domain's snapshots as libvirt lists them (a call on Vireo's connection to the test driver). */
    private static List<String> snapshotNames(DomainRowViewModel row) {
        try {
            return row.host().domainService().snapshots(row.uuid()).get(5, TimeUnit.SECONDS).stream()
                .map(org.vireo.model.SnapshotInfo::name).toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String xml(DomainRowViewModel r) {
        try {
            return r.host().domainService().xml(r.uuid(), 2).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void removeTagFromTheContextMenuTakesItOutOfEachSelectedDomainsMetadata(FxRobot robot) {
        awaitListed();
        selectRows(robot, "db-primary", "mail", "web-frontend");
        // right-click on a selected row keeps the selection and opens the table's menu
        robot.rightClickOn(nameCell(robot, "mail"));
        Fx.clickWhenShown(robot, "#fleetMenuRemoveTag");
        Fx.await(WAIT, "the Remove tag dialog", () -> robot.lookup("#fleetRemoveTagDialog").tryQuery().isPresent());
        // every tag of the selection is offered; "prod" is chosen from the list
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<String> choice = Fx.get(() -> robot.lookup("#fleetRemoveTagDialog .combo-box")
            .queryAs(javafx.scene.control.ComboBox.class));
        assertEquals(List.of("db", "prod", "web"), Fx.get(() -> List.copyOf(choice.getItems())));
        robot.clickOn(choice);
        Fx.await(WAIT, "the tag list", () -> robot.lookup(".combo-box-popup .list-cell").match(
            org.testfx.matcher.control.LabeledMatchers.hasText("prod")).tryQuery().isPresent());
        robot.clickOn(robot.lookup(".combo-box-popup .list-cell").match(org.testfx.matcher.control.LabeledMatchers.hasText("prod"))
            .queryAs(javafx.scene.Node.class));
        Fx.await(WAIT, "prod chosen", () -> "prod".equals(choice.getValue()));
        robot.clickOn(Fx.get(() -> ((javafx.scene.control.DialogPane) robot.lookup("#fleetRemoveTagDialog").query())
            .lookupButton(javafx.scene.control.ButtonType.OK)));
        DomainRowViewModel primary = Fx.get(() -> row("db-primary"));
        DomainRowViewModel mail = Fx.get(() -> row("mail"));
        Fx.await(WAIT, "the rows read the tags back", () -> primary.getTags().equals(List.of("db")) && mail.getTags().isEmpty());
        // in the persistent XML: db-primary keeps db, mail has no tag left, web-frontend (no prod) keeps web
        String p = xml(primary);
        assertTrue(p.contains(">db</") && !p.contains(">prod</"), p);
        String m = xml(mail);
        assertTrue(!m.contains(">prod</") && !m.contains("https://vireo.org/xmlns/tags/1"), m);
        assertTrue(xml(Fx.get(() -> row("web-frontend"))).contains(">web</"));
        assertEquals(List.of("web"), Fx.get(() -> row("web-frontend").getTags()));
    }

    /** The Name cell of that domain's row, on screen now. */
    private javafx.scene.Node nameCell(FxRobot robot, String name) {
        java.util.function.Predicate<javafx.scene.Node> cell = n -> n instanceof javafx.scene.control.TableCell<?, ?> c
            && c.getTableColumn() != null && "fleetNameColumn".equals(c.getTableColumn().getId())
            && name.equals(c.getText()) && c.isVisible();
        Fx.await(WAIT, name + "'s row shown", () -> robot.lookup(cell).tryQuery().isPresent());
        return Fx.get(() -> robot.lookup(cell).query());
    }

    @Test
    void thePaletteStartsADomainFromTheKeyboardAndPutsRecentChoicesFirst(FxRobot robot) {
        awaitListed();
        DomainRowViewModel build = Fx.get(() -> row("build-02"));
        robot.press(KeyCode.CONTROL).press(KeyCode.K).release(KeyCode.K).release(KeyCode.CONTROL);
        Fx.await(WAIT, "the palette", () -> robot.lookup("#paletteField").tryQuery().map(n -> n.getScene().getWindow().isShowing()).orElse(false));
        robot.write("sta buil");
        Fx.await(WAIT, "Start build-02 first", () -> firstItem(robot).equals("Start build-02"));
        robot.type(KeyCode.ENTER);
        awaitLibvirt(build, DomainState.RUNNING);

        // "con ci" opens ci-runner's console; "mig web hostB": web-frontend to hostB
        openPalette(robot);
        robot.write("con ci");
        Fx.await(WAIT, "Console ci-runner first", () -> firstItem(robot).equals("Console ci-runner"));
        Fx.run(() -> robot.lookup("#paletteField").queryAs(javafx.scene.control.TextField.class).clear());
        robot.write("mig web hostB");
        Fx.await(WAIT, "Migrate web-frontend to hostB first", () -> firstItem(robot).equals("Migrate web-frontend to Test: hostB"));
        Screenshots.saveDoc(robot.lookup("#paletteField").query().getScene(), "command-palette");
        Fx.run(() -> robot.lookup("#paletteField").queryAs(javafx.scene.control.TextField.class).clear());

        // "open" lists every domain by name; after opening mail, mail comes first
        robot.write("open");
        Fx.await(WAIT, "open items", () -> firstItem(robot).startsWith("Open "));
        assertTrue(!firstItem(robot).equals("Open mail"), "alphabetical before it is chosen: " + firstItem(robot));
        Fx.run(() -> robot.lookup("#paletteField").queryAs(javafx.scene.control.TextField.class).clear());
        robot.write("ope mail");
        Fx.await(WAIT, "Open mail", () -> firstItem(robot).equals("Open mail"));
        robot.type(KeyCode.ENTER);
        Fx.await(WAIT, "mail's page", () -> model.selectedDomainProperty().get() != null
            && model.selectedDomainProperty().get().getName().equals("mail"));
        openPalette(robot);
        Fx.await(WAIT, "recent first with nothing typed", () -> firstItem(robot).equals("Open mail"));
        robot.write("open");
        Fx.await(WAIT, "recent first among matches", () -> firstItem(robot).equals("Open mail"));
        javafx.stage.Window palette = Fx.get(() -> robot.lookup("#paletteField").query().getScene().getWindow());
        robot.type(KeyCode.ESCAPE);
        Fx.await(WAIT, "Escape closes it", () -> !palette.isShowing());
    }

    private void openPalette(FxRobot robot) {
        Fx.run(window::openPalette);
        Fx.await(WAIT, "the palette", () -> robot.lookup("#paletteField").query().getScene().getWindow().isShowing());
    }

    @SuppressWarnings("unchecked")
    private String firstItem(FxRobot robot) {
        return Fx.get(() -> {
            var list = (javafx.scene.control.ListView<org.vireo.ui.palette.PaletteItem>) robot.lookup("#paletteList").query();
            return list.getItems().isEmpty() ? "" : list.getItems().getFirst().text();
        });
    }

    @Test
    void theOverviewEditsTagsAndTheHelpListsThePalette(FxRobot robot) throws Exception {
        awaitListed();
        DomainRowViewModel mail = Fx.get(() -> row("mail"));
        Fx.run(() -> window.tree().select(mail));
        Fx.await(WAIT, "mail's tags in the Overview", () -> robot.lookup("#tagsField").tryQuery()
            .map(n -> ((javafx.scene.control.TextField) n).getText().equals("prod")).orElse(false));
        // below the fold of the Overview: typed into and saved without scrolling to it
        Fx.run(() -> {
            var field = robot.lookup("#tagsField").queryAs(javafx.scene.control.TextField.class);
            field.setText(field.getText() + ", mailer");
            robot.lookup("#saveTagsButton").queryButton().fire();
        });
        Fx.await(WAIT, "the row reads the new tags back", () -> mail.getTags().equals(List.of("prod", "mailer")));
        String xml = mail.host().domainService().xml(mail.uuid(), 2).get(5, TimeUnit.SECONDS);
        assertTrue(xml.contains(">mailer</") && xml.contains("https://vireo.org/xmlns/tags/1"), xml);
        robot.type(KeyCode.F1);
        Fx.await(WAIT, "the shortcuts", () -> robot.lookup("#shortcutsDialog").tryQuery().isPresent());
        assertTrue(Fx.get(() -> robot.lookup("#shortcutsDialog .shortcut-keys").queryAll().stream()
            .anyMatch(n -> ((javafx.scene.control.Label) n).getText().equals("Ctrl+K"))), "Ctrl+K listed");
        robot.clickOn("Close");
    }

    @Test
    void oneHostShowsNoFleetItemAndItsHostPage(FxRobot robot) {
        Fx.run(() -> model.removeConnection(model.find(uris.get(2)).orElseThrow()));
        Fx.run(() -> model.removeConnection(model.find(uris.get(1)).orElseThrow()));
        Fx.await(WAIT, "one host", () -> model.hosts().size() == 1);
        assertTrue(!Fx.get(() -> model.fleetShownProperty().get()));
        assertTrue(Fx.get(() -> window.tree().getRoot().getChildren().stream().noneMatch(i -> i.getValue() instanceof FleetViewModel)));
        HostViewModel a = model.hosts().getFirst();
        assertEquals(a, Fx.get(() -> model.selectedHostProperty().get()));
    }
}
