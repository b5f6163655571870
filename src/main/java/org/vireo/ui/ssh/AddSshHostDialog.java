package org.vireo.ui.ssh;

import atlantafx.base.theme.Styles;
import java.util.Optional;
import java.util.function.Function;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.vireo.ui.Icons;

/**
 * Add a libvirt host reached over SSH: host (or ~/.ssh/config alias), port, user and the
 * libvirt URI on the host. Connecting happens in the background after the dialog closes;
 * questions (host key, password) come as their own dialogs.
 */
public final class AddSshHostDialog extends Dialog<String> {

    /**
     * @param accept adds the URI; returns why it was refused, or empty when added
     */
    public AddSshHostDialog(Window owner, Function<String, Optional<String>> accept) {
        AddSshHostViewModel form = new AddSshHostViewModel();
        initOwner(owner);
        setTitle("Add SSH host");
        setHeaderText("Connect to libvirt on a remote host over SSH");
        setGraphic(Icons.of(MaterialDesignS.SERVER_NETWORK));
        getDialogPane().setId("addSshHostDialog");

        TextField host = new TextField();
        host.setId("sshHostField");
        host.setPromptText("host.example.org, 10.0.0.5 or an alias");
        host.setPrefColumnCount(26);
        host.textProperty().bindBidirectional(form.hostProperty());
        TextField port = new TextField();
        port.setId("sshPortField");
        port.setPromptText("22");
        port.setPrefColumnCount(5);
        port.textProperty().bindBidirectional(form.portProperty());
        TextField user = new TextField();
        user.setId("sshUserField");
        user.setPromptText("from ~/.ssh/config");
        user.textProperty().bindBidirectional(form.userProperty());
        ComboBox<String> libvirt = new ComboBox<>();
        libvirt.setId("sshLibvirtBox");
        libvirt.getItems().addAll(AddSshHostViewModel.SYSTEM, AddSshHostViewModel.SESSION);
        libvirt.valueProperty().bindBidirectional(form.libvirtUriProperty());
        libvirt.setMaxWidth(Double.MAX_VALUE);

        Label hint = new Label("~/.ssh/config is honoured: Host aliases, HostName, User, Port, IdentityFile, ProxyJump. "
            + "Keys are tried from ssh-agent first, then key files, then a password.");
        hint.setWrapText(true);
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        hint.setMaxWidth(440);
        Label preview = new Label();
        preview.setId("sshUriPreview");
        preview.getStyleClass().add(Styles.TEXT_MUTED);
        preview.textProperty().bind(form.previewProperty());
        Label error = new Label();
        error.setId("sshHostError");
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.setMaxWidth(440);

        GridPane grid = new GridPane(10, 10);
        ColumnConstraints labels = new ColumnConstraints();
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields, new ColumnConstraints(), new ColumnConstraints());
        grid.add(new Label("Host"), 0, 0);
        grid.add(host, 1, 0);
        grid.add(new Label("Port"), 2, 0);
        grid.add(port, 3, 0);
        grid.add(new Label("User"), 0, 1);
        grid.add(user, 1, 1, 3, 1);
        grid.add(new Label("libvirt"), 0, 2);
        grid.add(libvirt, 1, 2, 3, 1);
        grid.add(new Label("URI"), 0, 3);
        grid.add(preview, 1, 3, 3, 1);
        for (javafx.scene.Node n : grid.getChildren()) {
            if (n instanceof Label l) {
                l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            }
        }
        VBox content = new VBox(12, grid, hint, error);
        content.setPadding(new Insets(12, 14, 4, 14));
        getDialogPane().setContent(content);

        ButtonType connect = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(connect, ButtonType.CANCEL);
        Button connectButton = (Button) getDialogPane().lookupButton(connect);
        connectButton.setId("sshConnectButton");
        connectButton.getStyleClass().add(Styles.ACCENT);
        ((Button) getDialogPane().lookupButton(ButtonType.CANCEL)).setId("sshCancelButton");
        connectButton.addEventFilter(ActionEvent.ACTION, e -> {
            Optional<String> refused = form.problem().or(() -> accept.apply(form.uri().orElseThrow()));
            if (refused.isPresent()) {
                error.setText(refused.get());
                e.consume();
            }
        });
        setResultConverter(b -> b == connect ? form.uri().orElse(null) : null);
        setOnShown(e -> host.requestFocus());
    }
}
