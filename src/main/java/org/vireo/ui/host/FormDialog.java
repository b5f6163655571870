package org.vireo.ui.host;

import java.util.List;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * A small form dialog: rows of fields, a line that says what is wrong, and an OK button that
 * stays in the dialog (nothing sent, nothing typed lost) while {@link #problems()} has any.
 */
abstract class FormDialog extends Dialog<Boolean> {
    protected final GridPane grid = new GridPane(10, 8);
    protected final Label error = new Label();
    private final Button ok;
    private int rows;

    FormDialog(Window owner, String id, String title, String okLabel) {
        initOwner(owner);
        setTitle(title);
        setHeaderText(title);
        getDialogPane().setId(id);
        error.setId("formError");
        error.getStyleClass().add("danger");
        error.setWrapText(true);
        error.setMaxWidth(460);
        error.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        grid.setPadding(new Insets(10));
        // labels keep their full width; fields take the rest
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        grid.getColumnConstraints().setAll(labels, new javafx.scene.layout.ColumnConstraints());
        getDialogPane().setContent(grid);
        ButtonType act = new ButtonType(okLabel, ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(act, ButtonType.CANCEL);
        ok = (Button) getDialogPane().lookupButton(act);
        ok.setId("formOkButton");
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            List<String> wrong = problems();
            if (!wrong.isEmpty()) {
                error.setText(String.join("\n", wrong));
                e.consume();
                return;
            }
            accept();
        });
        setResultConverter(b -> b == act);
    }

    protected void row(String label, Node field) {
        grid.addRow(rows++, new Label(label), field);
    }

    {
        // what was wrong stays shown until the user changes something, then goes (it may be fixed)
        grid.addEventFilter(javafx.scene.input.KeyEvent.KEY_TYPED, e -> error.setText(""));
    }

    protected void row(Node wide) {
        grid.add(wide, 0, rows++, 2, 1);
    }

    /** Call once every row is in: the error line goes last. */
    protected void finish() {
        grid.add(error, 0, rows++, 2, 1);
    }

    protected Button okButton() {
        return ok;
    }

    /** What is wrong with the input, in words; empty when it can be sent. */
    protected abstract List<String> problems();

    /** Sends it; called on OK once {@link #problems()} is empty. */
    protected abstract void accept();
}
