package org.vireo.ui.dialog;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Help > Keyboard shortcuts: every shortcut with what it does. Escape or Close closes it. */
public final class ShortcutsDialog extends Dialog<Void> {

    /** @param rows pairs of keys and what they do, in the order shown */
    public ShortcutsDialog(Window owner, List<String[]> rows) {
        initOwner(owner);
        setTitle("Keyboard shortcuts");
        setHeaderText("Keyboard shortcuts");
        getDialogPane().setId("shortcutsDialog");
        GridPane grid = new GridPane(18, 6);
        grid.setPadding(new Insets(10));
        int r = 0;
        for (String[] row : rows) {
            Label keys = new Label(row[0]);
            keys.getStyleClass().addAll("shortcut-keys", "monospace-value");
            // the keys never shrink to an ellipsis when a description is long
            keys.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            grid.addRow(r++, keys, new Label(row[1]));
        }
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
    }
}
