package org.vireo.ui.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vireo.support.DemoWindow;
import org.vireo.support.Fx;
import org.vireo.ui.MainViewModel;
import org.vireo.ui.MainWindow;

/**
 * Numbers typed on the domain pages are checked at the field (nothing bad is sent, nothing becomes 0),
 * and actions that can reboot or stop a guest ask first. On the demo host (test driver).
 */
@ExtendWith(ApplicationExtension.class)
class ActionsInputTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private DemoWindow window;
    private MainViewModel model;
    private Scene scene;

    @Start
    void start(Stage stage) {
        window = DemoWindow.show(stage);
        model = window.model();
        scene = window.scene();
    }

    @AfterEach
    void stop() {
        window.close();
    }

    private DomainPageViewModel pages() {
        return ((MainWindow) scene.getRoot()).domainPage().pages();
    }

    private void open(FxRobot robot, String name, String tabId) {
        Fx.clickWhenShown(robot, "#domain-" + name);
        Fx.await(WAIT, name + " open", () -> pages().domainProperty().get() != null && pages().domainProperty().get().getName().equals(name));
        Fx.run(() -> {
            TabPane tabs = ((MainWindow) scene.getRoot()).domainPage().tabs();
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> tabId.equals(t.getId())).findFirst().orElseThrow());
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T extends Node> T node(FxRobot robot, String id, Class<T> type) {
        return robot.lookup((Node n) -> id.equals(n.getId())).queryAs(type);
    }

    private static void type(FxRobot robot, String field, String text) {
        Fx.run(() -> node(robot, field, TextField.class).setText(text));
    }

    private static boolean disabled(FxRobot robot, String button) {
        return Fx.get(() -> node(robot, button, Button.class).isDisabled());
    }

    private static String reason(FxRobot robot, String field) {
        return Fx.get(() -> {
            Label l = node(robot, field + "Problem", Label.class);
            return l.isVisible() ? l.getText() : "";
        });
    }

    @Test
    void badNumbersAreRefusedAtTheFieldAndNothingIsSent(FxRobot robot) {
        open(robot, "web-frontend", "actionsTab");
        type(robot, "peekOffsetField", "12abc");
        assertTrue(disabled(robot, "memoryPeekButton") && disabled(robot, "blockPeekButton"));
        assertEquals("Offset needs a whole number (decimal, or hex as 0x…), not \"12abc\"", reason(robot, "peekOffsetField"));
        type(robot, "peekOffsetField", "0x200");
        assertFalse(disabled(robot, "memoryPeekButton"));
        assertEquals("", reason(robot, "peekOffsetField"));

        type(robot, "jobSpeedField", "-1");
        assertEquals("Speed must be at least 0", reason(robot, "jobSpeedField"));
        for (String b : List.of("blockPullButton", "blockCommitButton", "blockCopyButton", "jobSpeedButton")) {
            assertTrue(disabled(robot, b), b + " disabled while the speed is invalid");
        }
        type(robot, "pmDurationField", "soon");
        assertTrue(disabled(robot, "pmSuspendButton"));
        assertTrue(reason(robot, "pmDurationField").startsWith("Wake-up time needs a whole number"));
        type(robot, "customKeysField", "29 56 x");
        assertTrue(disabled(robot, "sendCustomKeysButton"));
        assertTrue(reason(robot, "customKeysField").startsWith("Key code needs a whole number"));
        type(robot, "customKeysField", "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17");
        assertEquals("At most 16 keys at once, not 17", reason(robot, "customKeysField"));
        // host paths for the guest's memory: none given by default, never straight in a world-writable directory
        assertEquals("", Fx.get(() -> node(robot, "saveFileField", TextField.class).getText()));
        assertTrue(disabled(robot, "saveButton") && disabled(robot, "restoreButton") && disabled(robot, "coreDumpButton"));
        type(robot, "saveFileField", "/var/tmp/web.save");
        assertEquals("Not in /var/tmp: other users of the host could read the guest's memory there", reason(robot, "saveFileField"));
        assertTrue(disabled(robot, "saveButton") && disabled(robot, "restoreButton"));
        type(robot, "dumpFileField", "web.core");
        assertEquals("Give an absolute path on the host, not \"web.core\"", reason(robot, "dumpFileField"));
        assertTrue(disabled(robot, "coreDumpButton"));
        type(robot, "saveFileField", "/var/lib/libvirt/qemu/save/web.save");
        assertFalse(disabled(robot, "saveButton"));
        assertTrue(disabled(robot, "screenshotButton"), "no file chosen on this computer yet");
        // nothing was sent: the outcome line never started an action
        assertEquals("", Fx.get(() -> pages().outcome(DomainPageViewModel.ACTIONS).get()));

        open(robot, "web-frontend", "hardwareTab");
        Fx.await(WAIT, "hardware loaded", () -> pages().hardware().hardwareProperty().get() != null);
        type(robot, "resizeField", "80");
        assertTrue(disabled(robot, "blockResizeButton"), "no disk chosen: nothing to resize");
        Fx.run(() -> node(robot, "blockInfoTable", TableView.class).getSelectionModel().select(0));
        assertFalse(disabled(robot, "blockResizeButton"));
        type(robot, "resizeField", "0");
        assertTrue(disabled(robot, "blockResizeButton"));
        assertEquals("Size (MiB) must be at least 1", reason(robot, "resizeField"));
        type(robot, "memoryField", "2 GiB");
        assertTrue(disabled(robot, "applyMemoryButton"));
    }

    @Test
    void keysThatRebootAndNmiAskFirstAndCancelSendsNothing(FxRobot robot) {
        open(robot, "web-frontend", "actionsTab");
        Fx.run(() -> node(robot, "keyComboChoice", ChoiceBox.class).setValue("Ctrl+Alt+Del"));
        press(robot, "sendKeysButton");
        cancelConfirmation(robot);
        press(robot, "injectNmiButton");
        cancelConfirmation(robot);
        type(robot, "customKeysField", "56 99 48");
        press(robot, "sendCustomKeysButton");
        cancelConfirmation(robot);
        assertEquals("", Fx.get(() -> pages().outcome(DomainPageViewModel.ACTIONS).get()), "cancelled: nothing sent");
        // a harmless combination goes at once
        Fx.run(() -> node(robot, "keyComboChoice", ChoiceBox.class).setValue("Ctrl+Alt+F2"));
        press(robot, "sendKeysButton");
        Fx.await(WAIT, "sent without asking", () -> pages().outcome(DomainPageViewModel.ACTIONS).get().startsWith("Send Ctrl+Alt+F2"));
        assertFalse(robot.lookup("#confirmDialog").tryQuery().isPresent());
    }

    /** Presses a button as a click would (it may be scrolled out of view; a confirmation it opens must not block us). */
    private static void press(FxRobot robot, String id) {
        Button b = node(robot, id, Button.class);
        assertFalse(Fx.get(b::isDisabled), id + " enabled");
        javafx.application.Platform.runLater(b::fire);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void cancelConfirmation(FxRobot robot) {
        Fx.await(WAIT, "confirm dialog", () -> robot.lookup("#confirmDialog").tryQuery().isPresent());
        javafx.scene.control.DialogPane pane = robot.lookup("#confirmDialog").queryAs(javafx.scene.control.DialogPane.class);
        assertFalse(Fx.get(pane::getContentText).isBlank(), "the dialog says what is lost");
        robot.clickOn(robot.from(pane).lookup((Button b) -> "Cancel".equals(b.getText())).queryButton());
        Fx.await(WAIT, "dialog closed", () -> robot.lookup("#confirmDialog").tryQuery().isEmpty());
    }
}
