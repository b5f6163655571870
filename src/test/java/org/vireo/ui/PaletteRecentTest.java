package org.vireo.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.vireo.settings.SettingsStore;
import org.vireo.support.DemoHostFile;
import org.vireo.support.Fx;

/**
 * The command palette's recent choices survive a restart: a choice made from the keyboard in
 * one run is first in the palette of the next run (a new window, a new palette, the settings
 * read back from disk, as the launcher does).
 */
@ExtendWith(ApplicationExtension.class)
class PaletteRecentTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Start
    void start(Stage stage) {
        // the application's own stages are made in the test
    }

    private static void openPalette(FxRobot robot, AppRun run) {
        Fx.run(() -> run.window().openPalette());
        Fx.await(WAIT, "the palette", () -> robot.lookup("#paletteField").tryQuery()
            .map(n -> n.getScene().getWindow().isShowing()).orElse(false));
    }

    @SuppressWarnings("unchecked")
    private static String firstItem(FxRobot robot) {
        return Fx.get(() -> {
            ListView<org.vireo.ui.palette.PaletteItem> list = (ListView<org.vireo.ui.palette.PaletteItem>) robot.lookup("#paletteList").query();
            return list.getItems().isEmpty() ? "" : list.getItems().getFirst().text();
        });
    }

    @Test
    void aChoiceMadeInOneRunIsFirstInTheNextRunsPalette(FxRobot robot) throws Exception {
        Path config = Files.createTempDirectory(Path.of("target"), "palette-recent");
        String demo = DemoHostFile.uri();
        AppRun first = AppRun.launch(config, List.of(demo));
        Fx.await(WAIT, "demo listed", () -> first.model().find(demo).map(h -> h.domains().size() == 7).orElse(false));
        openPalette(robot, first);
        robot.write("open");
        Fx.await(WAIT, "Open items", () -> firstItem(robot).startsWith("Open "));
        assertNotEquals("Open router", firstItem(robot), "router is not first before it is chosen");
        Fx.run(() -> robot.lookup("#paletteField").queryAs(javafx.scene.control.TextField.class).clear());
        robot.write("ope rou");
        Fx.await(WAIT, "Open router", () -> firstItem(robot).equals("Open router"));
        robot.type(KeyCode.ENTER);
        Fx.await(WAIT, "router's page", () -> first.model().selectedDomainProperty().get() != null
            && first.model().selectedDomainProperty().get().getName().equals("router"));
        String uuid = Fx.get(() -> first.model().selectedDomainProperty().get().uuid());
        first.quit(WAIT);
        String saved = Files.readString(config.resolve("settings.properties"));
        assertTrue(saved.contains("palette.recent.0=OPEN\\:" + uuid), saved);

        AppRun second = AppRun.launch(config, List.of());
        try {
            Fx.await(WAIT, "demo listed again", () -> second.model().find(demo).map(h -> h.domains().size() == 7).orElse(false));
            openPalette(robot, second);
            Fx.await(WAIT, "the recent choice first with nothing typed", () -> firstItem(robot).equals("Open router"));
            robot.write("open");
            Fx.await(WAIT, "the recent choice first among the matches", () -> firstItem(robot).equals("Open router"));
            org.vireo.support.Screenshots.saveDoc(robot.lookup("#paletteField").query().getScene(), "command-palette-recent");
            robot.type(KeyCode.ESCAPE);
        } finally {
            second.quit(WAIT);
        }
        assertEquals(List.of("OPEN:" + uuid), new SettingsStore(config).load().orElseThrow().paletteRecent());
    }
}
