package org.vireo.ui.console;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.MainViewModel;

/** A console in a window of its own; several can be open at once. Closing it closes its console. */
public final class ConsoleWindow {
    private final Stage stage = new Stage();
    private final ConsolePane pane;

    public ConsoleWindow(MainViewModel main, DomainRowViewModel row, ConsolePane.Mode mode, javafx.stage.Window owner) {
        pane = new ConsolePane(main, row);
        pane.setMode(mode);
        pane.detachButton().setVisible(false);
        pane.detachButton().setManaged(false);
        pane.fullscreenButton().setOnAction(e -> stage.setFullScreen(!stage.isFullScreen()));
        Scene scene = new Scene(pane, 900, 620);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.titleProperty().bind(row.nameProperty().concat(" — console"));
        stage.setOnHidden(e -> pane.setLive(false));
        scene.getRoot().setId("consoleWindow");
    }

    public void show() {
        stage.show();
        pane.setLive(true);
    }

    public Stage stage() {
        return stage;
    }

    public ConsolePane pane() {
        return pane;
    }
}
