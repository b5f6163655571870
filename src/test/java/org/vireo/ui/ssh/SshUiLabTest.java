package org.vireo.ui.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
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
import org.vireo.ssh.SshEnvironment;
import org.vireo.support.Fx;
import org.vireo.support.Screenshots;
import org.vireo.support.TwoHostLab;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.HostViewModel;
import org.vireo.ui.MainViewModel;
import org.vireo.ui.VireoApp;

/** Remote hosts over SSH in a real window, against the two-host lab. */
@Tag("lab")
@ExtendWith(ApplicationExtension.class)
class SshUiLabTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private Stage stage;
    private MainViewModel model;
    private Scene scene;
    private Path home;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        home = Files.createTempDirectory("vireo-ssh-ui");
    }

    @AfterEach
    void stop() {
        if (model != null) {
            Fx.run(model::stopAll);
        }
    }

    private void show(String knownHosts) {
        SshEnvironment env = TwoHostLab.sshHome(home, knownHosts, "");
        Fx.run(() -> {
            model = new MainViewModel(HostOptions.defaults(), uris -> { }, env);
            scene = VireoApp.createScene(model, 1100, 640);
            stage.setScene(scene);
            stage.show();
        });
    }

    private HostViewModel host(String uri) {
        return model.find(uri).orElse(null);
    }

    private boolean listed(String uri, String h) {
        HostViewModel vm = host(uri);
        return vm != null && vm.getState() == ConnectionState.CONNECTED
            && vm.domains().stream().map(DomainRowViewModel::getName).sorted().toList().equals(TwoHostLab.guests(h).stream().sorted().toList());
    }

    private static boolean present(FxRobot robot, String query) {
        return Fx.get(() -> javafx.stage.Window.getWindows().stream().filter(javafx.stage.Window::isShowing)
            .map(w -> w.getScene() == null ? null : w.getScene().getRoot().lookup(query))
            .anyMatch(n -> n != null && n.isVisible()));
    }

    private void addHost(FxRobot robot, String hostText, String user, String screenshot) {
        robot.clickOn("#addSshHostButton");
        Fx.await(WAIT, "add-host dialog", () -> present(robot, "#addSshHostDialog"));
        robot.clickOn("#sshHostField").write(hostText);
        if (user != null) {
            robot.doubleClickOn("#sshUserField").eraseText(8).write(user);
        }
        if (screenshot != null) {
            Screenshots.save(robot.lookup("#addSshHostDialog").query().getScene(), screenshot);
        }
        robot.clickOn("#sshConnectButton");
    }

    @Test
    void unknownKeyPromptShowsTheFingerprintAndRememberedKeysAreNotAskedAgain(FxRobot robot) {
        show("");
        int a0 = TwoHostLab.handshakes("A");
        long t0 = System.nanoTime();
        addHost(robot, "labA", null, "ssh-add-host-dialog");
        Fx.await(WAIT, "host key dialog", () -> present(robot, "#hostKeyDialog"));
        assertEquals(TwoHostLab.hostKeyFingerprint("A"), robot.lookup("#hostKeyFingerprint").queryAs(Label.class).getText());
        assertEquals("ssh-ed25519", robot.lookup("#hostKeyType").queryAs(Label.class).getText());
        Screenshots.save(robot.lookup("#hostKeyDialog").query().getScene(), "ssh-host-key-dialog");
        robot.clickOn("#hostKeyRememberButton");
        Fx.await(WAIT, "labA listed", () -> listed("qemu+ssh://root@labA/system", "A"));
        System.out.println("[figure] UI: add labA -> listed (incl. host key dialog) " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertEquals(1, TwoHostLab.handshakes("A") - a0, "one SSH handshake from connect through listing");
        String known = TwoHostLab.read(home.resolve(".ssh/known_hosts"));
        String[] key = TwoHostLab.hostKeyLine("A").split(" ");
        assertTrue(known.contains(TwoHostLab.ip("A") + " " + key[0] + " " + key[1]), known);

        addHost(robot, "labB", null, null);
        Fx.await(WAIT, "host key dialog for labB", () -> present(robot, "#hostKeyDialog"));
        assertEquals(TwoHostLab.hostKeyFingerprint("B"), robot.lookup("#hostKeyFingerprint").queryAs(Label.class).getText());
        robot.clickOn("#hostKeyAcceptOnceButton");
        Fx.await(WAIT, "labB listed", () -> listed("qemu+ssh://root@labB/system", "B"));
        assertTrue(!TwoHostLab.read(home.resolve(".ssh/known_hosts")).contains(TwoHostLab.ip("B")), "accept once writes nothing");

        // reconnect by hand: a new SSH session, and the remembered key is not asked for
        Fx.run(() -> model.selectedHostProperty().set(host("qemu+ssh://root@labA/system")));
        int a1 = TwoHostLab.handshakes("A");
        robot.clickOn("#reconnectButton");
        Fx.await(WAIT, "labA reconnected", () -> TwoHostLab.handshakes("A") > a1 && listed("qemu+ssh://root@labA/system", "A"));
        assertTrue(!present(robot, "#hostKeyDialog"), "no host key question after accept-and-remember");
        Screenshots.save(scene, "ssh-tree-two-hosts");
    }

    @Test
    void cancellingTheHostKeyLeavesTheHostDisconnectedWithTheReason(FxRobot robot) {
        show("");
        addHost(robot, "labB", null, null);
        Fx.await(WAIT, "host key dialog", () -> present(robot, "#hostKeyDialog"));
        robot.clickOn("#hostKeyCancelButton");
        String uri = "qemu+ssh://root@labB/system";
        Fx.await(WAIT, "labB disconnected", () -> host(uri).getState() == ConnectionState.DISCONNECTED);
        String error = Fx.get(() -> host(uri).getError());
        assertTrue(error.startsWith("Host key unknown"), error);
        int n = TwoHostLab.handshakes("B");
        // not retried by itself: no new handshake, no new dialog within a few backoff periods
        long end = System.currentTimeMillis() + 3000;
        while (System.currentTimeMillis() < end) {
            assertTrue(!present(robot, "#hostKeyDialog"));
            Fx.get(() -> null);
        }
        assertEquals(n, TwoHostLab.handshakes("B"));
        assertEquals(ConnectionState.DISCONNECTED, Fx.get(() -> host(uri).getState()));
    }

    @Test
    void aChangedHostKeyIsRefusedWithoutAnAcceptButton(FxRobot robot) {
        String impostor = TwoHostLab.read(Path.of(TwoHostLab.get("TWOHOST_IMPOSTOR_KEY"))).split(" ")[1];
        show(TwoHostLab.ip("A") + " ssh-ed25519 " + impostor + "\n");
        addHost(robot, "labA", null, null);
        Fx.await(WAIT, "changed key dialog", () -> present(robot, "#changedHostKeyDialog"));
        DialogPane pane = robot.lookup("#changedHostKeyDialog").queryAs(DialogPane.class);
        assertEquals(List.of(ButtonType.CLOSE), Fx.get(() -> List.copyOf(pane.getButtonTypes())));
        assertEquals(TwoHostLab.hostKeyFingerprint("A"), robot.lookup("#changedKeyOffered").queryAs(Label.class).getText().split("\\s+")[1]);
        Screenshots.save(pane.getScene(), "ssh-changed-host-key");
        robot.clickOn("#changedHostKeyCloseButton");
        String uri = "qemu+ssh://root@labA/system";
        Fx.await(WAIT, "labA disconnected", () -> host(uri).getState() == ConnectionState.DISCONNECTED);
        String error = Fx.get(() -> host(uri).getError());
        assertTrue(error.startsWith("Host key changed"), error);
        Fx.run(() -> model.selectedHostProperty().set(host(uri)));
        Screenshots.save(scene, "ssh-tree-changed-key");
    }

    @Test
    void passwordPromptRefusesAWrongPasswordAndTakesTheRightOne(FxRobot robot) {
        show(null);
        String user = TwoHostLab.get("TWOHOST_PASSWORD_USER");
        addHost(robot, TwoHostLab.ip("B"), user, null);
        Fx.await(WAIT, "password dialog", () -> present(robot, "#passwordDialog"));
        assertTrue(!present(robot, "#secretRetryLabel"));
        robot.clickOn("#sshPasswordField").write("wrong-password");
        robot.clickOn("#secretOkButton");
        Fx.await(WAIT, "password dialog again, saying it was refused", () -> present(robot, "#passwordDialog") && present(robot, "#secretRetryLabel"));
        Screenshots.save(robot.lookup("#passwordDialog").query().getScene(), "ssh-password-retry");
        robot.clickOn("#sshPasswordField").write(TwoHostLab.get("TWOHOST_PASSWORD"));
        robot.clickOn("#secretOkButton");
        Fx.await(WAIT, "listed as " + user, () -> listed("qemu+ssh://" + user + "@" + TwoHostLab.ip("B") + "/system", "B"));
    }

    @Test
    void aCutLinkTurnsTheHostDisconnectedWithoutFreezingAndItComesBack() throws Exception {
        show(null);
        String a = "qemu+ssh://labA/system";
        String b = "qemu+ssh://labB/system";
        Fx.run(() -> model.openAll(List.of(a, b)));
        Fx.await(WAIT, "both listed", () -> listed(a, "A") && listed(b, "B"));
        TwoHostLab.linkDown("A");
        try {
            long ms = Fx.timeUntil(Duration.ofSeconds(12), "labA disconnected", () -> host(a).getState() == ConnectionState.DISCONNECTED);
            System.out.println("[figure] UI: cut link shown as disconnected after " + ms + " ms");
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                CompletableFuture<Void> ping = new CompletableFuture<>();
                Platform.runLater(() -> ping.complete(null));
                ping.get(500, TimeUnit.MILLISECONDS);
                System.out.println("[figure] UI: FX ping while link down " + (System.nanoTime() - t0) / 1000 + " us");
            }
            assertTrue(Fx.get(() -> listed(b, "B")), "hostB is not affected");
            Fx.run(() -> model.selectedHostProperty().set(host(a)));
            Screenshots.save(scene, "ssh-tree-link-down");
        } finally {
            TwoHostLab.linkUp("A");
        }
        long back = Fx.timeUntil(Duration.ofSeconds(40), "labA back with its domains", () -> listed(a, "A"));
        System.out.println("[figure] UI: link up -> reconnected and listed after " + back + " ms");
    }
}
