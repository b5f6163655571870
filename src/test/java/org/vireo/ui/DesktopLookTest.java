package org.vireo.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
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
import org.vireo.model.DomainState;
import org.vireo.model.ThemeChoice;
import org.vireo.support.DemoHostFile;
import org.vireo.support.Fx;
import org.vireo.support.Screenshots;
import org.vireo.ui.chart.Palette;
import org.vireo.ui.chart.TimeSeriesChart;

/** Light and dark, the keyboard's Tab order and focus, and the first run without a local daemon, in a real window. */
@ExtendWith(ApplicationExtension.class)
class DesktopLookTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** A local daemon whose socket does not exist: what a machine without libvirt looks like. */
    private static final String NO_DAEMON = "qemu+unix:///system?socket=/nonexistent/vireo-test/libvirt-sock";
    private final List<ThemeChoice> savedThemes = new ArrayList<>();
    private MainViewModel model;
    private Scene scene;
    private String demoUri;

    @Start
    void start(Stage stage) {
        Theme.choiceProperty().set(ThemeChoice.LIGHT);
        demoUri = DemoHostFile.uri();
        model = new MainViewModel(HostOptions.defaults(), uris -> { });
        model.setDemoUri(demoUri);
        scene = VireoApp.createScene(model, 1280, 800);
        window().setOnThemeChosen(savedThemes::add);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() {
        Fx.run(() -> {
            model.stopAll();
            // the theme is the application's: the next test starts from the default again
            Theme.choiceProperty().set(ThemeChoice.SYSTEM);
            Theme.setDesktopPreference(Optional.empty());
        });
    }

    private MainWindow window() {
        return (MainWindow) scene.getRoot();
    }

    private HostViewModel host(String uri) {
        return model.find(uri).orElseThrow();
    }

    private void openDemo() {
        Fx.run(() -> model.openAll(List.of(demoUri)));
        Fx.await(WAIT, "demo listed with a few ticks of figures", () -> host(demoUri).domains().size() == 7
            && host(demoUri).tickProperty().get() >= 3);
    }

    private static double brightness(WritableImage image, int x, int y) {
        return image.getPixelReader().getColor(x, y).getBrightness();
    }

    private static boolean showing(FxRobot robot, String id) {
        return robot.listWindows().stream().filter(Window::isShowing)
            .anyMatch(w -> w.getScene() != null && w.getScene().getRoot().lookup("#" + id) != null);
    }

    @Test
    void switchingToDarkInPreferencesRestylesChartsSparklinesAndPages(FxRobot robot) {
        openDemo();
        TimeSeriesChart cpu = robot.lookup("#hostCpuChart").queryAs(TimeSeriesChart.class);
        Color lightLine = Fx.get(() -> cpu.lineColor(0));
        Color lightText = Fx.get(Palette.TEXT::color);
        WritableImage lightChart = Fx.get(() -> cpu.snapshot(null, null));
        assertTrue(brightness(lightChart, 20, 20) > 0.9, "light chart background");
        assertTrue(lightText.getBrightness() < 0.4, "dark text on light: " + lightText);
        Screenshots.saveDoc(scene, "theme-light");

        robot.clickOn("#preferencesButton");
        Fx.await(WAIT, "preferences", () -> showing(robot, "preferencesDialog"));
        ChoiceBox<ThemeChoice> choice = robot.lookup("#themeChoice").queryAs(ChoiceBox.class);
        assertEquals(ThemeChoice.LIGHT, Fx.get(choice::getValue));
        Fx.run(() -> choice.setValue(ThemeChoice.DARK));
        robot.clickOn("#applyPreferencesButton");
        Fx.await(WAIT, "dark in force", () -> Theme.darkProperty().get());
        assertEquals(List.of(ThemeChoice.DARK), savedThemes);

        // the canvases draw in the dark theme's colours: the chart's line, its text, its background
        Color darkLine = Fx.get(() -> cpu.lineColor(0));
        assertNotEquals(lightLine, darkLine);
        assertEquals(Color.web("#58a6ff"), darkLine, "Primer Dark's -color-accent-fg");
        assertTrue(Fx.get(Palette.TEXT::color).getBrightness() > 0.7, "light text on dark");
        Fx.await(WAIT, "chart redrawn dark", () -> brightness(cpu.snapshot(null, null), 20, 20) < 0.2);
        // sparklines: the table's cells redraw with the new text colour
        Node sparkline = robot.lookup(".sparkline-cell").nth(0).query();
        Fx.await(WAIT, "table dark", () -> brightness(robot.lookup("#domainTable").query().snapshot(null, null), 300, 60) < 0.2);
        assertTrue(Fx.get(() -> sparkline.snapshot(null, null)) != null);
        Screenshots.saveDoc(scene, "theme-dark");

        // a domain's charts and its XML in dark
        Fx.clickWhenShown(robot, "#domain-web-frontend");
        Fx.run(() -> window().domainPage().tabs().getSelectionModel().select(window().domainPage().performance()));
        Fx.await(WAIT, "performance drawn", () -> robot.lookup("#cpuChart").tryQuery().map(Node::isVisible).orElse(false));
        TimeSeriesChart domainCpu = robot.lookup("#cpuChart").queryAs(TimeSeriesChart.class);
        assertEquals(darkLine, Fx.get(() -> domainCpu.lineColor(0)));
        Fx.await(WAIT, "a few points", () -> host(demoUri).tickProperty().get() >= 6);
        Screenshots.saveDoc(scene, "domain-performance-dark");
        Fx.run(() -> window().openTab(window().domainPage().tabs().getSelectionModel().getSelectedItem() == null ? null
            : model.selectedDomainProperty().get(), "xmlTab"));
        Fx.await(WAIT, "XML shown", () -> robot.lookup("#xmlTab").tryQuery().isPresent()
            && "xmlTab".equals(window().domainPage().tabs().getSelectionModel().getSelectedItem().getId()));
        Fx.await(WAIT, "XML loaded", () -> robot.lookup("#xmlEditor").tryQuery()
            .map(n -> ((org.fxmisc.richtext.CodeArea) n).getText().contains("<domain")).orElse(false));
        // the editor's background follows the theme
        Fx.await(WAIT, "XML editor dark", () -> brightness(robot.lookup("#xmlEditor").query().snapshot(null, null), 400, 200) < 0.2);
        Screenshots.save(scene, "xml-dark");

        // and back to light through the View menu, live
        Fx.run(() -> window().chooseTheme(ThemeChoice.LIGHT));
        Fx.await(WAIT, "light again", () -> !Theme.darkProperty().get() && domainCpu.lineColor(0).equals(lightLine));
    }

    @Test
    void systemChoiceFollowsTheDesktop(FxRobot robot) {
        Fx.run(() -> Theme.choiceProperty().set(ThemeChoice.SYSTEM));
        Fx.run(() -> Theme.setDesktopPreference(Optional.of(true)));
        assertTrue(Fx.get(() -> Theme.darkProperty().get()), "desktop prefers dark");
        Fx.run(() -> Theme.setDesktopPreference(Optional.of(false)));
        assertFalse(Fx.get(() -> Theme.darkProperty().get()), "desktop prefers light");
        // a choice in Preferences wins over the desktop
        Fx.run(() -> Theme.choiceProperty().set(ThemeChoice.DARK));
        assertTrue(Fx.get(() -> Theme.darkProperty().get()));
    }

    @Test
    void firstRunWithoutALocalDaemonGuidesTheUser(FxRobot robot) {
        Fx.run(() -> model.openAll(List.of(NO_DAEMON)));
        Fx.await(WAIT, "no daemon", () -> host(NO_DAEMON).getState() == ConnectionState.DISCONNECTED && host(NO_DAEMON).daemonMissing());
        Node pane = robot.lookup("#firstRunPane").query();
        Fx.await(WAIT, "guidance shown", pane::isVisible);
        assertEquals("libvirt is not installed or not running on this computer", robot.lookup("#firstRunTitle").queryAs(Label.class).getText());
        String all = Fx.get(() -> String.join("\n", pane.lookupAll(".label").stream().map(n -> ((Label) n).getText()).toList())
            + "\n" + String.join("\n", pane.lookupAll(".text-field").stream().map(n -> ((javafx.scene.control.TextField) n).getText()).toList()));
        for (String needed : List.of("libvirt-daemon-system", "libvirtd", "virtqemud", "sudo apt install libvirt-daemon-system",
            "sudo systemctl enable --now libvirtd", "No such file or directory")) {
            assertTrue(all.contains(needed), "guidance names " + needed + ":\n" + all);
        }
        // no empty charts, no empty table
        assertFalse(robot.lookup("#hostCharts").query().isVisible(), "no charts without data");
        assertFalse(robot.lookup("#domainTable").query().isVisible());
        // a notice too, with Retry
        Fx.await(WAIT, "notice", () -> robot.lookup("#noticeRetry").tryQuery().isPresent());
        Screenshots.saveDoc(scene, "first-run");

        long before = Fx.get(() -> host(NO_DAEMON).appliedUpdates());
        robot.clickOn("#firstRunRetryButton");
        Fx.await(WAIT, "retried (connecting, then the same failure)", () -> host(NO_DAEMON).appliedUpdates() >= before + 2
            && host(NO_DAEMON).getState() == ConnectionState.DISCONNECTED);

        robot.clickOn("#firstRunSshButton");
        Fx.await(WAIT, "SSH dialog", () -> showing(robot, "addSshHostDialog"));
        robot.push(KeyCode.ESCAPE);
        Fx.await(WAIT, "SSH dialog closed", () -> !showing(robot, "addSshHostDialog"));

        robot.clickOn("#firstRunDemoButton");
        Fx.await(WAIT, "demo host opened and selected", () -> model.find(demoUri).map(h -> h.domains().size() == 7).orElse(false)
            && model.selectedHostProperty().get() == host(demoUri));
        Fx.await(WAIT, "its page with charts", () -> !pane.isVisible() && robot.lookup("#hostCharts").query().isVisible());
    }

    /** Presses Tab from {@code first} until focus comes back to it; the ids (or types) of what got focus, in order. */
    private static List<String> tabCycle(FxRobot robot, Scene scene, Node first) {
        return tabCycle(robot, scene, first, false);
    }

    private static List<String> tabCycle(FxRobot robot, Scene scene, Node first, boolean back) {
        Fx.run(first::requestFocus);
        Fx.await(WAIT, "first focused", first::isFocused);
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            // the key events a Tab key makes, sent through the scene's own dispatch (which moves the focus):
            // a robot's press can auto-repeat on a loaded machine and skip a control
            Node now = Fx.get(() -> {
                Node owner = scene.getFocusOwner();
                javafx.event.Event.fireEvent(owner, new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED,
                    "", "", KeyCode.TAB, back, false, false, false));
                javafx.event.Event.fireEvent(owner, new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_RELEASED,
                    "", "", KeyCode.TAB, back, false, false, false));
                return scene.getFocusOwner();
            });
            if (now == first) {
                return seen;
            }
            seen.add(now == null ? "null" : now.getId() != null ? now.getId() : now.getClass().getSimpleName());
        }
        throw new AssertionError("Tab did not come back to the start: " + seen);
    }

    @Test
    void tabReachesEveryMainControlInOrderAndFocusIsVisible(FxRobot robot) {
        openDemo();
        Fx.clickWhenShown(robot, "#domain-router");
        Fx.run(() -> window().tree().select(host(demoUri)));
        TableView<DomainRowViewModel> table = robot.lookup("#domainTable").queryAs(TableView.class);
        Fx.run(() -> table.getSelectionModel().select(host(demoUri).domains().stream().filter(r -> r.getState() == DomainState.RUNNING).findFirst().orElseThrow()));
        List<String> main = tabCycle(robot, scene, robot.lookup("#addConnectionButton").query());
        List<String> expected = List.of("addSshHostButton", "removeConnectionButton", "reconnectButton", "pauseButton", "shutdownButton",
            "rebootButton", "forceOffButton", "migrateButton", "filterField", "preferencesButton", "connectionTree", "domainTable", "jobsButton");
        int last = -1;
        for (String id : expected) {
            int at = main.indexOf(id);
            assertTrue(at > last, id + " reached after the one before it: " + main);
            last = at;
        }
        System.out.println("[figure] Tab cycle of the main window: " + (main.size() + 1) + " stops: " + main);
        // Shift+Tab goes the same way back
        List<String> reverse = tabCycle(robot, scene, robot.lookup("#addConnectionButton").query(), true);
        System.out.println("[figure] Shift+Tab cycle of the main window: " + reverse);
        assertEquals(main.reversed(), reverse, "Shift+Tab is Tab backwards");

        // focus is visible on the table and the tree: the accent ring (both themes)
        for (ThemeChoice t : List.of(ThemeChoice.LIGHT, ThemeChoice.DARK)) {
            Fx.run(() -> Theme.choiceProperty().set(t));
            Fx.run(table::requestFocus);
            Fx.await(WAIT, "focus ring on the table in " + t, () -> table.isFocused() && table.getBorder() != null
                && !table.getBorder().getStrokes().isEmpty() && table.getBorder().getStrokes().getFirst().getTopStroke()
                .equals(Color.web(t == ThemeChoice.DARK ? "#1f6feb" : "#0969da")));
        }
        Screenshots.save(scene, "focus-dark");
        Fx.run(() -> Theme.choiceProperty().set(ThemeChoice.LIGHT));

        // the domain page
        Fx.run(() -> {
            table.requestFocus();
            table.getSelectionModel().clearAndSelect(0);
        });
        Fx.await(WAIT, "a row selected, table focused", () -> table.isFocused() && table.getSelectionModel().getSelectedItems().size() == 1);
        robot.push(KeyCode.ENTER);
        Fx.await(WAIT, "page open", () -> model.selectedDomainProperty().get() != null);
        List<String> page = tabCycle(robot, scene, robot.lookup("#backToHostButton").query());
        for (String id : List.of("pageMigrateButton", "domainTabs")) {
            assertTrue(page.contains(id), id + " reached: " + page);
        }
        assertTrue(page.indexOf("pageMigrateButton") < page.indexOf("domainTabs"), page.toString());
        System.out.println("[figure] Tab cycle with a domain page open: " + (page.size() + 1) + " stops: " + page);
    }
}
