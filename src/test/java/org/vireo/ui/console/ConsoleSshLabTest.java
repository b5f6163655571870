package org.vireo.ui.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
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
import org.vireo.model.ConnectionState;
import org.vireo.support.Fx;
import org.vireo.support.TwoHostLab;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.HostViewModel;
import org.vireo.ui.MainViewModel;
import org.vireo.ui.MainWindow;
import org.vireo.ui.VireoApp;

/** Both consoles of a guest on the two-host lab's SSH host, over the host's one SSH session. */
@Tag("lab")
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConsoleSshLabTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String URI = "qemu+ssh://labA/system";
    private MainViewModel model;
    private Scene scene;
    private int handshakesBefore;

    @Start
    void start(Stage stage) throws Exception {
        Path home = Files.createTempDirectory("vireo-console-ssh");
        model = new MainViewModel(HostOptions.defaults(), uris -> { }, TwoHostLab.sshHome(home, null, ""));
        scene = VireoApp.createScene(model, 1280, 800);
        stage.setScene(scene);
        stage.show();
        handshakesBefore = TwoHostLab.handshakes("A");
        model.openAll(List.of(URI));
    }

    @AfterEach
    void stop() {
        Fx.run(model::stopAll);
    }

    private HostViewModel host() {
        return model.find(URI).orElseThrow();
    }

    @Test
    void bothConsolesRideTheHostsOneSshSession(FxRobot robot) {
        String guest = TwoHostLab.runningGuest("A");
        Fx.await(WAIT, guest + " listed over SSH", () -> host().getState() == ConnectionState.CONNECTED
            && host().domains().stream().map(DomainRowViewModel::getName).anyMatch(guest::equals)
            && robot.lookup("#domain-" + guest).tryQuery().isPresent());
        robot.clickOn("#domain-" + guest);
        ConsoleTab tab = Fx.get(() -> ((MainWindow) scene.getRoot()).domainPage().console());
        Fx.await(WAIT, "console pane of " + guest, () -> tab.pane() != null && tab.pane().row().getName().equals(guest));
        Fx.run(() -> tab.getTabPane().getSelectionModel().select(tab));
        ConsolePane pane = Fx.get(tab::pane);
        Fx.await(WAIT, "graphical console drawn over SSH", () ->
            pane.graphics().phaseProperty().get() == GraphicalConsoleViewModel.Phase.CONNECTED && pane.framesDrawn() > 0);
        String via = Fx.get(() -> pane.graphics().viaProperty().get());
        assertTrue(via.startsWith("SSH channel to 127.0.0.1:"), via);

        robot.clickOn("#consoleSerialButton");
        Fx.await(WAIT, "terminal shown", () -> robot.lookup("#serialTerminal").tryQuery().isPresent());
        robot.clickOn("#serialTerminal");
        robot.type(javafx.scene.input.KeyCode.ENTER);
        // typed through the widget's own key handling: e c h o space $ ( ( 6 * 7 ) ) Enter
        robot.write("echo $((6*7))");
        robot.type(javafx.scene.input.KeyCode.ENTER);
        Fx.await(WAIT, "42 in the terminal", () -> pane.terminalText().lines().anyMatch(l -> l.strip().equals("42")));

        robot.clickOn("#consoleGraphicalButton");
        Fx.await(WAIT, "graphical again", () -> pane.graphics().phaseProperty().get() == GraphicalConsoleViewModel.Phase.CONNECTED);
        assertEquals(1, TwoHostLab.handshakes("A") - handshakesBefore, "SSH handshakes to hostA (sshd log) for listing and both consoles");
        assertEquals(1, model.sshHandshakes());
    }
}
