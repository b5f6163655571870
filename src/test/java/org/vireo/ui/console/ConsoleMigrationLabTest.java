package org.vireo.ui.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

/** After a live migration from hostA to hostB (both over SSH) the open console follows the domain. */
@Tag("lab")
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConsoleMigrationLabTest {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String A = "qemu+ssh://labA/system";
    private static final String B = "qemu+ssh://labB/system";
    private MainViewModel model;
    private Scene scene;
    private boolean migrated;

    @Start
    void start(Stage stage) throws Exception {
        Path home = Files.createTempDirectory("vireo-console-migration");
        model = new MainViewModel(HostOptions.defaults().withPollInterval(Duration.ofSeconds(1)), uris -> { }, TwoHostLab.sshHome(home, null, ""));
        scene = VireoApp.createScene(model, 1280, 800);
        stage.setScene(scene);
        stage.show();
        model.openAll(List.of(A, B));
    }

    @AfterEach
    void stop() {
        Fx.run(model::stopAll);
        if (migrated) {
            // the lab as it was: the guest back on hostA
            virsh(TwoHostLab.get("TWOHOST_B_URI"), "migrate", "--live", "--p2p", "--unsafe", TwoHostLab.runningGuest("A"),
                "qemu+tcp://" + TwoHostLab.ip("A") + "/system");
        }
    }

    private HostViewModel host(String uri) {
        return model.find(uri).orElseThrow();
    }

    private static String virsh(String uri, String... args) {
        List<String> cmd = new ArrayList<>(List.of("virsh", "-q", "-c", uri));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            assertEquals(0, p.waitFor(), cmd + ": " + out);
            return out;
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theConsoleFollowsAMigratedDomain(FxRobot robot) {
        String guest = TwoHostLab.runningGuest("A");
        Fx.await(WAIT, "both hosts listed", () -> host(A).getState() == ConnectionState.CONNECTED && host(B).getState() == ConnectionState.CONNECTED
            && host(A).domains().stream().map(DomainRowViewModel::getName).anyMatch(guest::equals));
        Fx.run(() -> model.selectedDomainProperty().set(host(A).domains().stream().filter(r -> r.getName().equals(guest)).findFirst().orElseThrow()));
        ConsoleTab tab = Fx.get(() -> ((MainWindow) scene.getRoot()).domainPage().console());
        Fx.run(() -> tab.getTabPane().getSelectionModel().select(tab));
        ConsolePane pane = Fx.get(tab::pane);
        Fx.await(WAIT, "console on hostA", () -> pane.graphics().phaseProperty().get() == GraphicalConsoleViewModel.Phase.CONNECTED
            && pane.framesDrawn() > 0);
        assertEquals(A, Fx.get(() -> pane.graphics().row().host().uri()));

        virsh(TwoHostLab.get("TWOHOST_A_URI"), "migrate", "--live", "--p2p", "--unsafe", guest, "qemu+tcp://" + TwoHostLab.ip("B") + "/system");
        migrated = true;
        long links = pane.graphics().connections();
        long ms = Fx.timeUntil(Duration.ofSeconds(60), "console following the domain to hostB", () ->
            pane.graphics().row().host().uri().equals(B) && pane.graphics().connections() > links
                && pane.graphics().phaseProperty().get() == GraphicalConsoleViewModel.Phase.CONNECTED);
        System.out.println("[figure] migration done -> console on the destination: " + ms + " ms");
        long drawn = Fx.get(pane::framesDrawn);
        virsh(TwoHostLab.get("TWOHOST_B_URI"), "send-key", guest, "KEY_L", "KEY_S", "KEY_ENTER");
        Fx.await(WAIT, "drawing from hostB", () -> pane.framesDrawn() > drawn);
        assertTrue(Fx.get(() -> robot.lookup("#consoleStatus").queryLabeled().getText()).contains("SSH channel"));
    }
}
