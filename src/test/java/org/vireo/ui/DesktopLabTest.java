package org.vireo.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.vireo.host.HostOptions;
import org.vireo.model.DomainState;
import org.vireo.support.Fx;
import org.vireo.support.Lab;
import org.vireo.support.LabWindow;

/** A context menu's action and an accelerator on a real QEMU guest of the lab, checked with virsh. */
@Tag("lab")
@ExtendWith(ApplicationExtension.class)
class DesktopLabTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private LabWindow lab;

    @Start
    void start(Stage stage) {
        lab = LabWindow.show(stage, HostOptions.defaults());
    }

    @AfterEach
    void stop() {
        lab.close();
        if (!"shut off".equals(Lab.state(Lab.GAMMA))) {
            Lab.virsh("destroy", Lab.GAMMA);
        }
    }

    private DomainState stateOf(String name) {
        return java.util.Optional.ofNullable(lab.row(name)).map(DomainRowViewModel::getState).orElse(null);
    }

    @Test
    void startFromTheTreesMenuAndForceOffByItsShortcutReachQemu(FxRobot robot) {
        Fx.await(WAIT, "lab-gamma listed, shut off", () -> stateOf(Lab.GAMMA) == DomainState.SHUTOFF);
        Fx.clickWhenShown(robot, "#domain-" + Lab.GAMMA);
        robot.rightClickOn("#domain-" + Lab.GAMMA);
        Fx.await(WAIT, "tree menu", () -> robot.lookup("#treeMenuStart").tryQuery().isPresent());
        robot.clickOn("#treeMenuStart");
        Fx.await(WAIT, "lab-gamma running in Vireo", () -> stateOf(Lab.GAMMA) == DomainState.RUNNING);
        assertEquals("running", Lab.state(Lab.GAMMA), "virsh sees QEMU running");

        robot.push(DesktopMenusTest.key(Shortcut.FORCE_OFF));
        Fx.await(WAIT, "Force off asks", () -> robot.lookup("#confirmDialog").tryQuery().isPresent());
        robot.clickOn(robot.lookup("#confirmDialog").lookup(".button").match((Node n) -> "Force off".equals(((Button) n).getText())).queryButton());
        Fx.await(WAIT, "lab-gamma off in Vireo", () -> stateOf(Lab.GAMMA) == DomainState.SHUTOFF);
        assertEquals("shut off", Lab.state(Lab.GAMMA), "virsh sees QEMU gone");
    }
}
