package org.vireo.ui.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.vireo.support.DemoWindow;
import org.vireo.support.Fx;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.HostViewModel;
import org.vireo.ui.MainViewModel;
import org.vireo.ui.MainWindow;

/** The XML tab keeps what the user typed through reloads and domain switches; Save writes the saved definition. */
@ExtendWith(ApplicationExtension.class)
class XmlEditsTest {
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

    private DomainRowViewModel row(String name) {
        return demo().domains().stream().filter(r -> r.getName().equals(name)).findFirst().orElseThrow();
    }

    private void openXml(FxRobot robot, String name) {
        Fx.clickWhenShown(robot, "#domain-" + name);
        Fx.await(WAIT, name + " open", () -> pages().domainProperty().get() != null && pages().domainProperty().get().getName().equals(name));
        Fx.run(() -> {
            TabPane tabs = ((MainWindow) scene.getRoot()).domainPage().tabs();
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> "xmlTab".equals(t.getId())).findFirst().orElseThrow());
        });
        Fx.await(WAIT, name + "'s XML", () -> editor(robot).getText().contains("<name>" + name + "</name>"));
    }

    private static CodeArea editor(FxRobot robot) {
        return robot.lookup("#xmlEditor").queryAs(CodeArea.class);
    }

    private static boolean unsavedShown(FxRobot robot) {
        return robot.lookup("#xmlUnsavedNote").queryAs(Label.class).isVisible();
    }

    private String savedDefinition() throws Exception {
        return demo().domainService().xml(WEB, 2).get(10, TimeUnit.SECONDS);
    }

    @Test
    void editsSurviveAStateChangeAndADomainSwitchAndSaveWritesTheSavedDefinition(FxRobot robot) throws Exception {
        openXml(robot, "web-frontend");
        assertTrue(Fx.get(() -> editor(robot).isEditable()), "the saved definition is what is edited");
        assertTrue(Fx.get(() -> robot.lookup("#saveXmlButton").queryAs(Button.class).isDisabled()), "nothing to save yet");
        String edited = Fx.get(() -> editor(robot).getText()).replace("</name>", "</name>\n  <description>typed by hand</description>");
        Fx.run(() -> editor(robot).replaceText(edited));
        assertTrue(Fx.get(() -> unsavedShown(robot)), "unsaved edits are marked");

        // the domain's state changes: the page reloads; the edit stays
        long loadsBefore = Fx.get(() -> pages().xml().xmlProperty().get().length());
        demo().domainService().suspend(WEB).get(10, TimeUnit.SECONDS);
        Fx.await(WAIT, "paused in the list", () -> row("web-frontend").getState() == org.vireo.model.DomainState.PAUSED);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(edited, Fx.get(() -> editor(robot).getText()), "a reload must not overwrite the user's edit");
        assertTrue(loadsBefore > 0);

        // another domain, then back: the draft is still there, still marked
        openXml(robot, "db-primary");
        assertFalse(Fx.get(() -> unsavedShown(robot)));
        assertEquals(1, Fx.get(() -> model.unsavedEdits().all().size()), "the draft is kept while away");
        Fx.clickWhenShown(robot, "#domain-web-frontend");
        Fx.await(WAIT, "the draft back", () -> edited.equals(editor(robot).getText()) && unsavedShown(robot));

        // the live XML is read-only; back to the saved definition, the draft again
        robot.clickOn("#xmlLiveToggle");
        Fx.await(WAIT, "live XML read-only", () -> !editor(robot).isEditable() && !editor(robot).getText().contains("typed by hand"));
        robot.clickOn("#xmlInactiveToggle");
        Fx.await(WAIT, "the draft back again", () -> edited.equals(editor(robot).getText()) && editor(robot).isEditable());

        // Save writes the saved definition; the marker goes, the draft is dropped
        robot.clickOn("#saveXmlButton");
        Fx.await(WAIT, "saved (" + Fx.get(() -> pages().outcome(DomainPageViewModel.XML).get()) + ")", () -> pages().outcome(DomainPageViewModel.XML).get().equals("Save XML: done") && !unsavedShown(robot));
        assertTrue(savedDefinition().contains("<description>typed by hand</description>"));
        assertTrue(Fx.get(() -> model.unsavedEdits().all().isEmpty()));
    }

    @Test
    void reloadAndDiscardAskOrUndoAndLoseNothingUnasked(FxRobot robot) {
        openXml(robot, "web-frontend");
        String original = Fx.get(() -> editor(robot).getText());
        Fx.run(() -> editor(robot).replaceText(original.replace("</name>", "</name><!-- mine -->")));
        // Reload asks; Cancel keeps the edit
        robot.clickOn("#reloadXmlButton");
        Fx.await(WAIT, "confirm dialog", () -> robot.lookup("#confirmDialog").tryQuery().isPresent());
        Node pane = robot.lookup("#confirmDialog").query();
        robot.clickOn(robot.from(pane).lookup((Button b) -> "Cancel".equals(b.getText())).queryButton());
        assertTrue(Fx.get(() -> editor(robot).getText().contains("<!-- mine -->")));
        // Discard returns to libvirt's text
        robot.clickOn("#discardXmlButton");
        Fx.await(WAIT, "discarded", () -> original.equals(editor(robot).getText()) && !unsavedShown(robot));
        assertTrue(Fx.get(() -> model.unsavedEdits().all().isEmpty()));
    }
}
