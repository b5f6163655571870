package org.vireo.ui.dialog;

import java.util.Optional;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * Asks for a libvirt URI, with the usual ones one click away. The dialog stays open
 * with the reason shown when the URI is refused, so nothing typed is lost.
 */
public final class AddConnectionDialog extends Dialog<String> {
    private static final String[][] PRESETS = {
        {"QEMU/KVM (system)", "qemu:///system"},
        {"QEMU/KVM (user session)", "qemu:///session"},
        {"QEMU/KVM over SSH", "qemu+ssh://root@HOST/system"},
        {"Test driver", "test:///default"},
    };

    /**
     * @param accept tries a URI; returns the reason it was refused, or empty when it was added
     */
    public AddConnectionDialog(Window owner, Function<String, Optional<String>> accept) {
        this(owner, accept, "", "Add connection");
    }

    /** The same dialog for editing a connection: the URI filled in, the title given. */
    public AddConnectionDialog(Window owner, Function<String, Optional<String>> accept, String initialUri, String title) {
        initOwner(owner);
        setTitle(title);
        setHeaderText("Connect to a libvirt host");
        getDialogPane().setId("addConnectionDialog");

        ComboBox<String> preset = new ComboBox<>();
        preset.setId("presetBox");
        for (String[] p : PRESETS) {
            preset.getItems().add(p[0]);
        }
        TextField uri = new TextField();
        uri.setId("uriField");
        uri.setPromptText("qemu:///system");
        uri.setPrefColumnCount(36);
        uri.setText(initialUri);
        preset.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (i.intValue() >= 0) {
                uri.setText(PRESETS[i.intValue()][1]);
            }
        });
        Label error = new Label();
        error.setId("uriError");
        error.getStyleClass().add("danger");
        error.setWrapText(true);
        error.setMaxWidth(420);

        GridPane grid = new GridPane(10, 10);
        grid.setPadding(new Insets(10));
        grid.addRow(0, new Label("Hypervisor"), preset);
        grid.addRow(1, new Label("URI"), uri);
        grid.add(error, 1, 2);
        getDialogPane().setContent(grid);

        ButtonType connect = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(connect, ButtonType.CANCEL);
        Button connectButton = (Button) getDialogPane().lookupButton(connect);
        connectButton.setId("connectButton");
        connectButton.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            Optional<String> refused = accept.apply(uri.getText());
            if (refused.isPresent()) {
                error.setText(refused.get());
                e.consume();
            }
        });
        setResultConverter(b -> b == connect ? uri.getText().strip() : null);
        setOnShown(e -> uri.requestFocus());
    }
}
