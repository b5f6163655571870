package org.vireo.ui.domain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Tab;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.vireo.support.DemoWindow;
import org.vireo.support.Fx;
import org.vireo.support.Screenshots;
import org.vireo.ui.MainWindow;

/** Every tab of a domain's page in a real window on the demo host, each shown with its content, as target/screenshots/domain-tab-*.png. */
@ExtendWith(ApplicationExtension.class)
class DomainTabsScreenshotTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private DemoWindow window;

    @Start
    void start(Stage stage) {
        window = DemoWindow.show(stage);
    }

    @AfterEach
    void stop() {
        window.close();
    }

    @Test
    void everyTabShowsItsContent(FxRobot robot) throws Exception {
        Fx.clickWhenShown(robot, "#domain-web-frontend");
        DomainPage page = Fx.get(() -> ((MainWindow) window.scene().getRoot()).domainPage());
        // a tab's content and a node that shows it loaded
        List<List<String>> tabs = List.of(List.of("overviewTab", "#overviewFacts .label"), List.of("performanceTab", "#cpuChart"),
            List.of("hardwareTab", "#deviceTable .table-row-cell"), List.of("tuningTab", "#vcpuAffinity-0"),
            List.of("xmlTab", "#xmlEditor"), List.of("snapshotsTab", "#snapshotTree"), List.of("actionsTab", "#startWithFlagsButton"));
        for (List<String> t : tabs) {
            Fx.run(() -> {
                Tab tab = page.tabs().getTabs().stream().filter(x -> t.get(0).equals(x.getId())).findFirst().orElseThrow();
                page.tabs().getSelectionModel().select(tab);
            });
            Fx.await(WAIT, t.get(0) + " shown", () -> robot.lookup(t.get(1)).tryQuery().map(n -> n.isVisible()).orElse(false));
            if (t.get(0).equals("xmlTab")) {
                Fx.await(WAIT, "XML loaded", () -> page.pages().xml().xmlProperty().get().contains("web-frontend"));
            }
            robot.interrupt();
            Path png = Screenshots.save(window.scene(), "domain-tab-" + t.get(0).replace("Tab", ""));
            assertTrue(Files.size(png) > 10_000, png + " holds a picture");
        }
    }
}
