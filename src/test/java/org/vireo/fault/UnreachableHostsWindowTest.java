package org.vireo.fault;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.vireo.host.HostOptions;
import org.vireo.model.ConnectionState;
import org.vireo.support.DemoHostFile;
import org.vireo.support.Fx;
import org.vireo.support.Screenshots;
import org.vireo.ui.HostViewModel;
import org.vireo.ui.MainViewModel;
import org.vireo.ui.VireoApp;

/**
 * The window with a black hole, a refused port and a name that does not resolve beside the
 * demo host: each unreachable host says why and when it is tried next, in the tree and on
 * its page, and the window answers at once throughout.
 */
@ExtendWith(ApplicationExtension.class)
class UnreachableHostsWindowTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private MainViewModel model;
    private Scene scene;
    private String demoUri;
    private String holeUri;
    private String refusedUri;
    private String unknownUri;

    @Start
    void start(Stage stage) throws Exception {
        FaultLinks.Silent hole = new FaultLinks.Silent();
        cleanup.add(hole);
        demoUri = DemoHostFile.uri();
        holeUri = "qemu+tcp://127.0.0.1:" + hole.port() + "/system";
        refusedUri = "qemu+tcp://127.0.0.1:" + FaultLinks.refusedPort() + "/system";
        unknownUri = "qemu+ssh://root@nohost" + FaultResolver.FAILING + "/system";
        model = new MainViewModel(HostOptions.defaults().withConnectTimeout(TIMEOUT), uris -> { });
        scene = VireoApp.createScene(model, 1280, 800);
        stage.setScene(scene);
        stage.show();
        model.openAll(List.of(demoUri, holeUri, refusedUri, unknownUri));
    }

    @AfterEach
    void stop() throws Exception {
        Fx.run(model::stopAll);
        for (AutoCloseable c : cleanup) {
            c.close();
        }
    }

    private HostViewModel host(String uri) {
        return model.find(uri).orElseThrow();
    }

    private static long fxPingMicros() throws Exception {
        long t0 = System.nanoTime();
        CompletableFuture<Void> ping = new CompletableFuture<>();
        Platform.runLater(() -> ping.complete(null));
        ping.get(500, TimeUnit.MILLISECONDS);
        return (System.nanoTime() - t0) / 1000;
    }

    @Test
    void eachUnreachableHostSaysWhyAndWhenItIsTriedNextWhileTheWindowAnswers(FxRobot robot) throws Exception {
        long worst = 0;
        long end = System.nanoTime() + TIMEOUT.plusSeconds(5).toNanos();
        // the window answers while the black hole is waited for
        while (!Fx.get(() -> host(holeUri).getState() == ConnectionState.DISCONNECTED && !host(holeUri).getError().isBlank())) {
            assertTrue(System.nanoTime() < end, "the black hole shows its reason within the connect timeout");
            worst = Math.max(worst, fxPingMicros());
        }
        System.out.printf("[figure] FX pings while a black hole was connecting: worst %d us%n", worst);
        Fx.await(Duration.ofSeconds(10), "the demo host lists its domains", () -> host(demoUri).domains().size() == 7);
        for (String uri : List.of(holeUri, refusedUri, unknownUri)) {
            Fx.await(Duration.ofSeconds(10), uri + " says why and when next",
                () -> !host(uri).getError().isBlank() && host(uri).nextTryProperty().get().matches("\\d\\d:\\d\\d:\\d\\d"));
            Node cell = robot.lookup(n -> ("host-" + uri).equals(n.getId())).query();
            String text = Fx.get(() -> String.join(" | ", cell.lookupAll(".label").stream()
                .map(n -> ((Label) n).getText()).toList()));
            assertTrue(java.util.regex.Pattern.compile("retry \\d\\d:\\d\\d:\\d\\d · ").matcher(text).find(),
                "the tree row tells the next try before the reason (which may end in an ellipsis): " + text);
        }
        assertTrue(Fx.get(() -> host(holeUri).getError()).contains("No answer within 3 s"), Fx.get(() -> host(holeUri).getError()));
        assertTrue(Fx.get(() -> host(unknownUri).getError()).startsWith("Host name not found"), Fx.get(() -> host(unknownUri).getError()));
        robot.clickOn(robot.lookup(n -> ("host-" + holeUri).equals(n.getId())).queryAs(Node.class));
        Label detail = robot.lookup("#hostDetail").queryAs(Label.class);
        Fx.await(Duration.ofSeconds(5), "the host page tells the next try", () -> detail.getText().contains("next try at "));
        assertTrue(fxPingMicros() < 500_000);
        Screenshots.saveDoc(scene, "fault-unreachable-hosts");
    }
}
