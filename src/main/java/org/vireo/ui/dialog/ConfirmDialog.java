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
}
