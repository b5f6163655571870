package org.vireo.ui.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.vireo.support.DemoWindow;
import org.vireo.support.Fx;
import org.vireo.ui.MainViewModel;

/** The Overview tab in a real window on the demo host (test driver). */
@ExtendWith(ApplicationExtension.class)
class OverviewTabTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private DemoWindow window;
    private MainViewModel model;
    private String demoUri;

    @Start
    void start(Stage stage) {
        window = DemoWindow.show(stage);
        model = window.model();
        demoUri = window.demoUri();
    }

    @AfterEach
    void stop() {
        window.close();
    }

    /**
     * The test driver has no virDomainGetSecurityLabelList: the page must say the read failed,
     * with libvirt's words, not "none (no security driver)"; facts that were read show their values.
     */
    @Test
    void aReadLibvirtRefusedIsShownAsFailedWithItsReason(FxRobot robot) {
        Fx.clickWhenShown(robot, "#domain-web-frontend");
        Fx.await(WAIT, "overview facts", () -> robot.lookup("#securityLabels").tryQuery().isPresent());
        String labels = robot.lookup("#securityLabels").queryAs(Label.class).getText();
        assertTrue(labels.startsWith("could not be read: ") && labels.contains("not supported"), labels);
        // read fine on the test driver: its values, not a failure
        assertEquals("ok", robot.lookup("#controlState").queryAs(Label.class).getText());
        assertEquals("vda: unspecified", robot.lookup("#diskErrors").queryAs(Label.class).getText());
        assertEquals("0", robot.lookup("#snapshotCount").queryAs(Label.class).getText());
        assertEquals("matches the saved definition", robot.lookup("#updatedValue").queryAs(Label.class).getText());
    }
}
