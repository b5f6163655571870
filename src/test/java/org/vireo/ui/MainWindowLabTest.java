package org.vireo.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.vireo.host.HostOptions;
import org.vireo.model.ConnectionState;
import org.vireo.model.DomainState;
import org.vireo.support.Fx;
import org.vireo.support.Lab;
import org.vireo.support.LabWindow;
import org.vireo.support.Screenshots;

/** The main window in a real window against the lab's libvirtd and real QEMU guests. */
@Tag("lab")
@ExtendWith(ApplicationExtension.class)
class MainWindowLabTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private LabWindow lab;

    @Start
    void start(Stage stage) {
        // a 10 minute poll: whatever changes within seconds came from libvirt's events
        lab = LabWindow.show(stage, HostOptions.defaults().withPollInterval(Duration.ofMinutes(10)));
    }

    @AfterEach
    void stop() {
        lab.close();
    }

    private DomainState stateOf(String name) {
        return java.util.Optional.ofNullable(lab.row(name)).map(DomainRowViewModel::getState).orElse(null);
    }

    private void awaitListed() {
        Fx.await(WAIT, "lab guests listed", () -> stateOf(Lab.ALPHA) != null && stateOf(Lab.BETA) != null && stateOf(Lab.GAMMA) != null);
    }

    @Test
    void listsTheLabGuestsWithTheStatesVirshReports() {
        awaitListed();
        for (String guest : List.of(Lab.ALPHA, Lab.BETA, Lab.GAMMA)) {
            String virsh = Lab.state(guest);
            assertEquals(virsh, Fx.get(() -> stateOf(guest).label()), guest);
        }
        Fx.run(() -> lab.main().table().getSelectionModel().select(0));
        Screenshots.save(lab.scene(), "main-window-lab");
    }

    @Test
    void anOutsideSuspendShowsAsPausedWithinTwoSeconds() {
        awaitListed();
        Lab.virsh("suspend", Lab.BETA);
        try {
            long ms = Fx.timeUntil(Duration.ofSeconds(2), "lab-beta paused", () -> stateOf(Lab.BETA) == DomainState.PAUSED);
            System.out.println("[figure] outside suspend shown as paused after " + ms + " ms");
            String text = Fx.get(() -> lab.host().domains().stream().filter(r -> r.getName().equals(Lab.BETA)).findFirst().orElseThrow().getStatus().text());
            assertEquals("paused (user)", text);
        } finally {
            Lab.virsh("resume", Lab.BETA);
        }
        Fx.await(Duration.ofSeconds(2), "lab-beta running again", () -> stateOf(Lab.BETA) == DomainState.RUNNING);
    }

    @Test
    void startAndShutDownFromTheUiChangeTheRealGuest(FxRobot robot) {
        awaitListed();
        assertEquals("shut off", Lab.state(Lab.GAMMA));
        int boots = Lab.bootCount(Lab.GAMMA);
        Fx.clickWhenShown(robot, "#domain-" + Lab.GAMMA);
        robot.clickOn("#startButton");
        Fx.await(WAIT, "gamma running in the UI", () -> stateOf(Lab.GAMMA) == DomainState.RUNNING);
        assertEquals("running", Lab.state(Lab.GAMMA));
        // the guest's busybox acpid powers off on the ACPI button once it has booted
        awaitGuestBooted(Lab.GAMMA, boots + 1);
        Fx.clickWhenShown(robot, "#domain-" + Lab.GAMMA);
        robot.clickOn("#shutdownButton");
        Fx.await(Duration.ofSeconds(60), "gamma shut off in the UI", () -> stateOf(Lab.GAMMA) == DomainState.SHUTOFF);
        assertEquals("shut off", Lab.state(Lab.GAMMA));
        assertEquals("shutdown", Lab.virsh("domstate", "--reason", Lab.GAMMA).replaceAll(".*\\((.*)\\)", "$1"));
    }

    @Test
    void aKilledDaemonShowsDisconnectedWithoutFreezingAndComesBackByItself(FxRobot robot) throws Exception {
        awaitListed();
        Lab.script("kill-daemon");
        try {
            long ms = Fx.timeUntil(WAIT, "lab host disconnected", () -> lab.host().getState() == ConnectionState.DISCONNECTED);
            System.out.println("[figure] killed daemon shown as disconnected after " + ms + " ms");
            assertTrue(!Fx.get(() -> lab.host().getError()).isBlank(), "the reason is shown");
            // the window stays responsive while the host is down: the FX thread answers at once
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                CompletableFuture<Void> ping = new CompletableFuture<>();
                Platform.runLater(() -> ping.complete(null));
                ping.get(500, TimeUnit.MILLISECONDS);
                System.out.println("[figure] FX ping while host down: " + (System.nanoTime() - t0) / 1000 + " us");
            }
            robot.clickOn("#filterField").write("lab");
            Screenshots.save(lab.scene(), "main-window-lab-daemon-down");
            robot.eraseText(3);
        } finally {
            Lab.script("start-daemon");
        }
        long back = Fx.timeUntil(Duration.ofSeconds(30), "lab host back with its guests",
            () -> lab.host().getState() == ConnectionState.CONNECTED && stateOf(Lab.ALPHA) == DomainState.RUNNING);
        System.out.println("[figure] restarted daemon reconnected and listed after " + back + " ms");
    }

    private static void awaitGuestBooted(String guest, int boots) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (Lab.bootCount(guest) >= boots) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError(guest + " never printed GUEST READY");
    }
}
