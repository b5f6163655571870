package org.vireo.ui.dialog;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** Asks before a destructive action, saying what will be lost. */
public final class ConfirmDialog {
    private ConfirmDialog() {
    }

    public static boolean ask(Window owner, String title, String consequence, String actionLabel) {
        ButtonType act = new ButtonType(actionLabel, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.WARNING, consequence, act, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.getDialogPane().setId("confirmDialog");
        // the safe choice is the default: Enter cancels
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(act)).setDefaultButton(false);
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        return alert.showAndWait().filter(b -> b == act).isPresent();
    }

    /**
     * Like {@link #ask}, with several actions (e.g. delete with or without the children): the
     * label of the one chosen, or empty for Cancel (the default).
     */
    public static java.util.Optional<String> choose(Window owner, String title, String consequence, String... actionLabels) {
        Alert alert = new Alert(Alert.AlertType.WARNING, consequence);
        alert.getButtonTypes().clear();
        for (String label : actionLabels) {
            alert.getButtonTypes().add(new ButtonType(label, ButtonBar.ButtonData.OTHER));
        }
        alert.getButtonTypes().add(ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.getDialogPane().setId("confirmDialog");
        alert.getDialogPane().setPrefWidth(640);
        for (ButtonType b : alert.getButtonTypes()) {
            javafx.scene.control.Button button = (javafx.scene.control.Button) alert.getDialogPane().lookupButton(b);
            button.setDefaultButton(b == ButtonType.CANCEL);
            // the labels say what goes: never cut them (a button bar sizes its buttons alike, to the narrowest room)
            ButtonBar.setButtonUniformSize(button, false);
            button.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        return alert.showAndWait().filter(b -> b != ButtonType.CANCEL).map(ButtonType::getText);
    }
}
