package org.vireo.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.vireo.model.ThemeChoice;
import org.vireo.support.DemoHostFile;
import org.vireo.support.Fx;

/**
 * The window as the user left it comes back after a restart: the app is opened on a stage,
 * changed, quit with File > Quit, and opened again on a new stage with the same config dir
 * (the same code the launcher runs: settings read from disk, VireoApp.open).
 */
@ExtendWith(ApplicationExtension.class)
class WindowStateTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Start
    void start(Stage stage) {
        // the application's own stages are made in the test
    }

    @Test
    void sizePlaceSplitsColumnsSortHostAndPageSurviveARestart(FxRobot robot) throws Exception {
        Path config = Files.createTempDirectory(Path.of("target"), "window-state");
        String demo = DemoHostFile.uri();
        AppRun first = AppRun.launch(config, List.of("test:///default", demo));
        Fx.await(WAIT, "demo listed", () -> first.model().find(demo).map(h -> h.domains().size() == 7).orElse(false));
        MainWindow w = first.window();
        Fx.run(() -> {
            first.stage().setWidth(1100);
            first.stage().setHeight(700);
            first.stage().setX(40);
            first.stage().setY(30);
            javafx.scene.control.SplitPane split = (javafx.scene.control.SplitPane) w.lookup("#mainSplit");
            split.setDividerPositions(0.31);
            TableView<DomainRowViewModel> table = w.table();
            TableColumn<DomainRowViewModel, ?> state = table.getColumns().get(1);
            // State first, sorted descending; Name wider
            table.getColumns().remove(state);
            table.getColumns().addFirst(state);
            state.setSortType(TableColumn.SortType.DESCENDING);
            table.getSortOrder().setAll(List.of(state));
            table.getColumns().stream().filter(c -> c.getId().equals("nameColumn")).findFirst().orElseThrow().setPrefWidth(230);
            w.tree().select(first.model().find(demo).orElseThrow());
        });
        // the first domain page is built here: slow under load, so waited for longer than Fx.run does
        org.testfx.util.WaitForAsyncUtils.asyncFx(() -> w.openTab(first.model().find(demo).orElseThrow().domains().stream()
            .filter(r -> r.getName().equals("db-primary")).findFirst().orElseThrow(), "hardwareTab")).get(60, java.util.concurrent.TimeUnit.SECONDS);
        Fx.await(WAIT, "db-primary's Hardware tab", () -> "hardwareTab".equals(w.domainPage().tabs().getSelectionModel().getSelectedItem().getId()));
        long t0 = System.nanoTime();
        org.testfx.util.WaitForAsyncUtils.asyncFx(() -> w.chooseTheme(ThemeChoice.DARK)).get(60, java.util.concurrent.TimeUnit.SECONDS);
        System.out.printf("[figure] theme switch with a domain page built: %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        double width = Fx.get(() -> first.stage().getScene().getWidth());
        double treeWidth = Fx.get(() -> w.tree().getWidth());
        double nameWidth = Fx.get(() -> w.table().getColumns().stream().filter(c -> c.getId().equals("nameColumn")).findFirst().orElseThrow().getWidth());
        first.quit(WAIT);
        String saved = Files.readString(config.resolve("settings.properties"));
        assertTrue(saved.contains("table.columns=stateColumn,nameColumn"), saved);

        AppRun second = AppRun.launch(config, List.of());
        MainWindow w2 = second.window();
        try {
            Fx.await(WAIT, "db-primary's page reopened on Hardware", () -> second.model().selectedDomainProperty().get() != null
                && second.model().selectedDomainProperty().get().getName().equals("db-primary")
                && "hardwareTab".equals(w2.domainPage().tabs().getSelectionModel().getSelectedItem().getId()));
            assertEquals(demo, Fx.get(() -> second.model().selectedHostProperty().get().uri()));
            assertEquals(width, Fx.get(() -> second.stage().getScene().getWidth()), 1.0);
            assertEquals(40, Fx.get(() -> second.stage().getX()), 1.0);
            assertEquals(30, Fx.get(() -> second.stage().getY()), 1.0);
            assertEquals(treeWidth, Fx.get(() -> w2.tree().getWidth()), 2.0);
            assertTrue(Math.abs(treeWidth - 0.24 * width) > 20, "the tree's width is not the default one: " + treeWidth);
            assertEquals(List.of("stateColumn", "nameColumn"), Fx.get(() -> w2.table().getColumns().stream().limit(2).map(TableColumn::getId).toList()));
            assertEquals("stateColumn", Fx.get(() -> w2.table().getSortOrder().getFirst().getId()));
            assertEquals(TableColumn.SortType.DESCENDING, Fx.get(() -> w2.table().getSortOrder().getFirst().getSortType()));
            assertEquals(nameWidth, Fx.get(() -> w2.table().getColumns().get(1).getWidth()), 2.0);
            assertEquals(ThemeChoice.DARK, Fx.get(() -> Theme.choiceProperty().get()));
            assertTrue(Fx.get(() -> Theme.darkProperty().get()));
        } finally {
            second.quit(WAIT);
            Fx.run(() -> Theme.choiceProperty().set(ThemeChoice.SYSTEM));
        }
    }
}
