package org.vireo.support;

import java.time.Duration;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.vireo.host.HostOptions;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.HostViewModel;
import org.vireo.ui.MainViewModel;
import org.vireo.ui.MainWindow;
import org.vireo.ui.VireoApp;
import org.vireo.ui.console.ConsolePane;
import org.vireo.ui.console.ConsoleTab;
import org.vireo.ui.domain.DomainPageViewModel;

/**
 * The main window on the lab host in a real 1280x800 window (polling every 2 s unless told
 * otherwise), for TestFX lab tests, with the ways to a domain's page (the lab counterpart of
 * {@link DemoWindow}).
 */
public record LabWindow(MainViewModel model, Scene scene) {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Shows the window on {@code stage} and opens the lab host; call from a {@code @Start} method. */
    public static LabWindow show(Stage stage) {
        return show(stage, HostOptions.defaults().withPollInterval(Duration.ofSeconds(2)));
    }

    /** The same with other host options (another poll interval). */
    public static LabWindow show(Stage stage, HostOptions options) {
        MainViewModel model = new MainViewModel(options, uris -> { });
        Scene scene = VireoApp.createScene(model, 1280, 800);
        stage.setScene(scene);
        stage.show();
        model.openAll(List.of(Lab.uri()));
        return new LabWindow(model, scene);
    }

    public MainWindow main() {
        return (MainWindow) scene.getRoot();
    }

    public HostViewModel host() {
        return model.find(Lab.uri()).orElseThrow();
    }

    /** The lab's domain called {@code name}, null while the host does not list it; read it on the FX thread. */
    public DomainRowViewModel row(String name) {
        return host().domains().stream().filter(r -> r.getName().equals(name)).findFirst().orElse(null);
    }

    public DomainPageViewModel pages() {
        return main().domainPage().pages();
    }

    /** Waits until the host lists {@code name} and the table shows it, then clicks its row. */
    public void clickDomain(FxRobot robot, String name) {
        Fx.await(WAIT, name + " listed", () -> row(name) != null && robot.lookup("#domain-" + name).tryQuery().isPresent());
        robot.clickOn("#domain-" + name);
    }

    /** Clicks {@code name}'s row and waits until its page is open. */
    public void open(FxRobot robot, String name) {
        clickDomain(robot, name);
        Fx.await(WAIT, name + " page open", () -> pages().domainProperty().get() != null
            && pages().domainProperty().get().getName().equals(name));
    }

    /** The domain page's Console tab. */
    public ConsoleTab consoleTab() {
        return main().domainPage().console();
    }

    /** Clicks {@code name}'s row, waits until the page's console is {@code name}'s and shows the Console tab. */
    public ConsolePane openConsole(FxRobot robot, String name) {
        clickDomain(robot, name);
        Fx.await(WAIT, name + " page open", () -> consoleTab() != null
            && consoleTab().pane() != null && consoleTab().pane().row().getName().equals(name));
        Fx.run(() -> consoleTab().getTabPane().getSelectionModel().select(consoleTab()));
        return Fx.get(() -> consoleTab().pane());
    }

    /** Selects the domain page's tab with this id (overviewTab, actionsTab ...). */
    public void tab(String id) {
        Fx.run(() -> {
            TabPane tabs = main().domainPage().tabs();
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().orElseThrow());
        });
    }

    /** Waits until the page's operation in {@code area} is done; fails at once with its outcome when it failed. */
    public void awaitDone(String area, String what) {
        Fx.await(Duration.ofSeconds(90), what + " done (" + area + ")", () -> {
            String o = pages().outcome(area).get();
            if (pages().failed(area).get()) {
                throw new AssertionError(what + " failed: " + o);
            }
            return o.endsWith(": done");
        });
    }

    /**
     * Closes every other window (a dialog a failed test left open would block the next test's
     * window; detached console windows) and stops the hosts; call from an {@code @AfterEach} method.
     */
    public void close() {
        Fx.run(() -> List.copyOf(Window.getWindows()).stream()
            .filter(w -> w instanceof Stage st && st.getScene() != scene).forEach(Window::hide));
        Fx.run(model::stopAll);
    }
}
