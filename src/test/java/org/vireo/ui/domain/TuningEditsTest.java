package org.vireo.ui.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.vireo.support.DemoWindow;
import org.vireo.support.Fx;
import org.vireo.ui.HostViewModel;
import org.vireo.ui.MainViewModel;
import org.vireo.ui.MainWindow;

/** Tuning fields the user edited keep the edit when the page reloads (the domain's state changed); title too. */
@ExtendWith(ApplicationExtension.class)
class TuningEditsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String WEB = "a1b2c3d4-0001-4000-8000-000000000001";
    private DemoWindow window;
    private MainViewModel model;
    private Scene scene;
    private String demoUri;

    @Start
    void start(Stage stage) {
        window = DemoWindow.show(stage);
        model = window.model();
        scene = window.scene();
        demoUri = window.demoUri();
    }

    @AfterEach
    void stop() {
        window.close();
    }

    private DomainPageViewModel pages() {
        return ((MainWindow) scene.getRoot()).domainPage().pages();
    }

    private HostViewModel demo() {
        return model.find(demoUri).orElseThrow();
    }

    private void tab(String id) {
        Fx.run(() -> {
            TabPane tabs = ((MainWindow) scene.getRoot()).domainPage().tabs();
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().orElseThrow());
        });
    }

    private static boolean present(FxRobot robot, String id) {
        return robot.lookup((Node n) -> id.equals(n.getId())).tryQuery().isPresent();
    }

    private static TextField field(FxRobot robot, String id) {
        return robot.lookup((Node n) -> id.equals(n.getId())).queryAs(TextField.class);
    }

    @Test
    void editedTuningFieldsAndTitleSurviveAReload(FxRobot robot) throws Exception {
        Fx.clickWhenShown(robot, "#domain-web-frontend");
        Fx.await(WAIT, "overview", () -> pages().overview().overviewProperty().get() != null);
        Fx.run(() -> field(robot, "titleField").setText("my unsaved title"));
        tab("tuningTab");
        Fx.await(WAIT, "memory soft limit and vCPU 0 shown", () -> robot.lookup("#tuning-memory-soft_limit").tryQuery().isPresent()
            && robot.lookup("#vcpuAffinity-0").tryQuery().isPresent());
        TextField weight = field(robot, "tuning-memory-soft_limit");
        TextField affinity = field(robot, "vcpuAffinity-0");
        assertTrue(!"777".equals(Fx.get(weight::getText)));
        Fx.run(() -> {
            weight.setText("777");
            affinity.setText("0-1");
        });

        // the state changes: the page reloads and rebuilds its fields
        demo().domainService().suspend(WEB).get(10, TimeUnit.SECONDS);
        // while the page rebuilds, a field may be missing for a moment
        Fx.await(WAIT, "the fields rebuilt", () -> present(robot, "tuning-memory-soft_limit") && present(robot, "vcpuAffinity-0")
            && field(robot, "tuning-memory-soft_limit") != weight && field(robot, "vcpuAffinity-0") != affinity);
        assertEquals("777", Fx.get(() -> field(robot, "tuning-memory-soft_limit").getText()));
        assertEquals("0-1", Fx.get(() -> field(robot, "vcpuAffinity-0").getText()));
        assertTrue(Fx.get(() -> field(robot, "tuning-memory-soft_limit").getPseudoClassStates().contains(PseudoClass.getPseudoClass("accent"))),
            "an edited field is marked");
        tab("overviewTab");
        Fx.await(WAIT, "overview of the paused domain", () -> pages().overview().overviewProperty().get() != null
            && pages().overview().overviewProperty().get().status().state() == org.vireo.model.DomainState.PAUSED);
        assertEquals("my unsaved title", Fx.get(() -> field(robot, "titleField").getText()));
    }
}
