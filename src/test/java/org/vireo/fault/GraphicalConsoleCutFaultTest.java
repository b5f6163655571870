package org.vireo.fault;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.vireo.ui.console.ConsolePane;
import org.vireo.ui.console.ConsoleTab;
import org.vireo.ui.console.ConsoleWindow;
import org.vireo.ui.console.GraphicalConsoleViewModel.Phase;

/**
 * hostB's graphical (VNC) console open in the window over SSH, through a relay on 127.0.0.1
 * in front of its sshd; then every connection through the relay cut. The host says why it is
 * down, the window keeps answering, the host comes back by itself, and the guest's page
 * reopens on its Console tab and draws again without the user doing anything.
 */
@Tag("lab")
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GraphicalConsoleCutFaultTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String URI = "qemu+ssh://cutB/system";
    private FaultLinks.Slow relay;
    private MainViewModel model;
    private Scene scene;

    @Start
    void start(Stage stage) throws Exception {
        relay = new FaultLinks.Slow(TwoHostLab.ip("B"), 22, 0);
        Path home = Files.createTempDirectory("vireo-console-cut");
        String known = TwoHostLab.read(Path.of(TwoHostLab.get("TWOHOST_KNOWN_HOSTS")))
            + "[127.0.0.1]:" + relay.port() + " " + TwoHostLab.hostKeyLine("B") + "\n";
        String alias = "Host cutB\n  HostName 127.0.0.1\n  Port " + relay.port() + "\n  User root\n  IdentityFile " + TwoHostLab.key() + "\n";
        model = new MainViewModel(HostOptions.defaults(), uris -> { }, TwoHostLab.sshHome(home, known, alias));
        scene = VireoApp.createScene(model, 1280, 800);
        stage.setScene(scene);
        stage.show();
        // a second host to go to while hostB is down
        model.openAll(List.of(URI, "test:///default"));
    }

    @AfterEach
    void stop() throws Exception {
        Fx.run(model::stopAll);
        relay.close();
    }

    private HostViewModel host() {
        return model.find(URI).orElseThrow();
    }

    private ConsoleTab consoleTab() {
        return Fx.get(() -> ((MainWindow) scene.getRoot()).domainPage().console());
    }

    /** Opens {@code guest}'s page on its Console tab and waits for the console to draw. */
    private ConsolePane openConsole(FxRobot robot, String guest) {
        Fx.await(WAIT, guest + " listed over SSH", () -> host().getState() == ConnectionState.CONNECTED
            && host().domains().stream().map(DomainRowViewModel::getName).anyMatch(guest::equals)
            && robot.lookup("#domain-" + guest).tryQuery().isPresent());
        robot.clickOn("#domain-" + guest);
        ConsoleTab tab = consoleTab();
        Fx.await(WAIT, "console pane of " + guest, () -> tab.pane() != null && tab.pane().row().getName().equals(guest));
        Fx.run(() -> tab.getTabPane().getSelectionModel().select(tab));
        ConsolePane pane = Fx.get(tab::pane);
        Fx.await(WAIT, "graphical console drawn over SSH", () ->
            pane.graphics().phaseProperty().get() == Phase.CONNECTED && pane.framesDrawn() > 0);
        return pane;
    }

    @Test
    void aDetachedConsoleWindowRidesOutTheCutAndDrawsAgainByItself(FxRobot robot) {
        String guest = TwoHostLab.runningGuest("B");
        openConsole(robot, guest);
        ConsoleTab tab = consoleTab();
        ConsoleWindow window = Fx.get(tab::detach);
        ConsolePane pane = window.pane();
        Fx.await(WAIT, "the detached window draws", () -> pane.graphics().phaseProperty().get() == Phase.CONNECTED && pane.framesDrawn() > 0);
        long links = Fx.get(() -> pane.graphics().connections());
        relay.cutAll();
        Fx.await(WAIT, "hostB shown down", () -> host().getState() != ConnectionState.CONNECTED);
        long t = Fx.timeUntil(Duration.ofSeconds(60), "the detached console drawing again by itself", () ->
            host().getState() == ConnectionState.CONNECTED && window.stage().isShowing()
                && pane.graphics().connections() > links && pane.graphics().phaseProperty().get() == Phase.CONNECTED);
        System.out.printf("[figure] detached console back %d ms after the cut was shown, by itself%n", t);
        // and it follows the domain's row the host lists now (its old row is gone with the link)
        Fx.await(WAIT, "the detached console on the domain's new row", () -> host().domains().contains(pane.graphics().row()));
        Fx.run(() -> window.stage().hide());
    }

    @Test
    void goingElsewhereWhileTheHostIsDownKeepsThePageFromReopening(FxRobot robot) {
        String guest = TwoHostLab.runningGuest("B");
        openConsole(robot, guest);
        relay.cutAll();
        Fx.await(WAIT, "hostB shown down", () -> host().getState() != ConnectionState.CONNECTED);
        // the user opens the other host meanwhile
        HostViewModel other = model.find("test:///default").orElseThrow();
        Fx.await(WAIT, "the test host connected", () -> other.getState() == ConnectionState.CONNECTED);
        Fx.run(() -> ((MainWindow) scene.getRoot()).tree().select(other));
        Fx.await(Duration.ofSeconds(60), "hostB back", () -> host().getState() == ConnectionState.CONNECTED
            && host().domains().stream().map(DomainRowViewModel::getName).anyMatch(guest::equals));
        // a return is queued on the FX thread when the list changes: once that queue has drained, it would have come
        Fx.run(() -> { });
        Fx.run(() -> { });
        assertTrue(Fx.get(() -> model.selectedDomainProperty().get()) == null, "the page reopened over the user's choice");
        assertTrue(Fx.get(() -> model.selectedHostProperty().get()) == other, "the tree stays on the host the user chose");
    }

    @Test
    void aGraphicalConsoleCutByTheLinkSaysSoAndDrawsAgainOnceTheHostIsBack(FxRobot robot) throws Exception {
        String guest = TwoHostLab.runningGuest("B");
        ConsoleTab tab = consoleTab();
        ConsolePane pane = openConsole(robot, guest);
        // what the host shows between the cut and the return, and how long the FX thread took to answer meanwhile
        List<String> shown = new CopyOnWriteArrayList<>();
        Fx.run(() -> host().errorProperty().addListener((o, a, b) -> {
            if (!b.isBlank()) {
                shown.add(b);
            }
        }));
        relay.cutAll();
        long t0 = System.nanoTime();
        long worstPing = 0;
        while (Fx.get(() -> host().getState()) == ConnectionState.CONNECTED || shown.isEmpty()) {
            long p0 = System.nanoTime();
            Fx.run(() -> { });
            worstPing = Math.max(worstPing, (System.nanoTime() - p0) / 1_000_000);
            assertTrue(System.nanoTime() - t0 < WAIT.toNanos(), "the host still shows itself connected " + WAIT + " after the cut");
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
        }
        long down = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("[figure] cut shown %d ms after it: %s; console %s; worst FX ping %d ms%n",
            down, shown.getFirst(), Fx.get(() -> pane.graphics().phaseProperty().get()), worstPing);
        assertFalse(shown.getFirst().isBlank(), "the host says why");
        assertTrue(worstPing < 1000, "the window answered meanwhile: " + worstPing + " ms");

        // back by itself: the host reconnects, the page of the guest reopens and its console draws
        long t1 = Fx.timeUntil(Duration.ofSeconds(60), "the console of " + guest + " drawing again by itself", () -> {
            ConsolePane now = tab.pane();
            return host().getState() == ConnectionState.CONNECTED && now != null && now != pane
                && now.row().getName().equals(guest) && tab.isSelected()
                && now.graphics().phaseProperty().get() == Phase.CONNECTED && now.framesDrawn() > 0;
        });
        System.out.printf("[figure] console drawing again %d ms after the cut was shown, by itself%n", t1);
        // the console draws straight to X: read the window back from the display
        org.vireo.support.Screenshots.saveFromScreen(scene, "console-after-cut");
    }
}
