package org.vireo.ui.domain;

import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.vireo.model.PoolInfo;
import org.vireo.model.Sizes;
import org.vireo.model.VolumeInfo;

/**
 * Picks a path on the host from its storage pools: a running directory pool on the left, its
 * files on the right; a file clicked there (an image to restore, one to overwrite) or a new name
 * typed below gives the full path in the pool's directory. Returns that path, or nothing when
 * cancelled.
 */
final class HostPathDialog extends Dialog<String> {
    private HostPathDialog(Window owner, HostPathViewModel model, String title, String what, String suggested) {
        initOwner(owner);
        setTitle("A file on " + model.hostTitle());
        setHeaderText(title);
        getDialogPane().setMaxWidth(720);
        setResizable(true);
        getDialogPane().setId("hostPathDialog");

        ListView<PoolInfo> pools = new ListView<>(model.pools());
        pools.setId("hostPathPoolList");
        pools.setPrefSize(260, 260);
        pools.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(PoolInfo p, boolean empty) {
                super.updateItem(p, empty);
                // two lines: the list's cells are one size
                setText(empty || p == null ? null : p.name() + (p.available() > 0 ? "  (" + Sizes.format(p.available()) + " free)" : "")
                    + "\n" + p.targetPath());
            }
        });
        model.poolProperty().addListener((o, a, p) -> {
            if (p != pools.getSelectionModel().getSelectedItem()) {
                pools.getSelectionModel().select(p);
            }
        });
        pools.getSelectionModel().selectedItemProperty().addListener((o, a, p) -> {
            if (p != null) {
                model.poolProperty().set(p);
            }
        });

        ListView<VolumeInfo> files = new ListView<>(model.volumes());
        files.setId("hostPathFileList");
        files.setPrefSize(320, 260);
        files.setPlaceholder(new Label("No files in this pool"));
        files.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(VolumeInfo v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : v.name() + "  (" + Sizes.format(v.allocation()) + ")");
            }
        });

        TextField name = new TextField(suggested);
        name.setId("hostPathNameField");
        name.setPromptText("a file name in the pool's directory");
        files.getSelectionModel().selectedItemProperty().addListener((o, a, v) -> {
            if (v != null) {
                name.setText(v.name());
            }
        });

        Label path = new Label();
        path.setId("hostPathResult");
        path.setWrapText(true);
        StringBinding full = Bindings.createStringBinding(() -> model.pathOf(name.getText()), name.textProperty(), model.poolProperty());
        StringBinding problem = Bindings.createStringBinding(() -> {
            String p = model.nameProblem(name.getText());
            return p != null ? p : Optional.ofNullable(ActionsViewModel.hostPathProblem(full.get(), what)).orElse("");
        }, name.textProperty(), model.poolProperty());
        path.textProperty().bind(Bindings.when(problem.isEmpty()).then(Bindings.concat("Path on the host: ", full)).otherwise(problem));
        problem.addListener((o, a, p) -> restyle(path, p.isEmpty()));
        restyle(path, problem.get().isEmpty());

        Label message = new Label();
        message.setId("hostPathMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.managedProperty());

        HBox lists = new HBox(10, new VBox(4, Ui.caption("Running directory pools"), pools), new VBox(4, Ui.caption("Files"), files));
        HBox.setHgrow(lists.getChildren().get(1), Priority.ALWAYS);
        VBox.setVgrow(files, Priority.ALWAYS);
        VBox.setVgrow(pools, Priority.ALWAYS);
        HBox nameRow = new HBox(8, Ui.caption("File name"), name);
        nameRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(name, Priority.ALWAYS);
        VBox content = new VBox(8, message, lists, nameRow, path);
        content.setPrefWidth(620);
        getDialogPane().setContent(content);

        ButtonType use = new ButtonType("Use this path", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(use, ButtonType.CANCEL);
        Button ok = (Button) getDialogPane().lookupButton(use);
        ok.setId("hostPathOkButton");
        ok.disableProperty().bind(problem.isNotEmpty());
        // a double click on a file takes it at once
        files.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && files.getSelectionModel().getSelectedItem() != null
                && !ok.isDisabled()) {
                ok.fire();
            }
        });
        setResultConverter(b -> b == use ? full.get() : null);
        setOnShown(e -> name.requestFocus());
    }

    private static void restyle(Label l, boolean fine) {
        l.getStyleClass().removeAll(atlantafx.base.theme.Styles.DANGER, atlantafx.base.theme.Styles.TEXT_MUTED);
        l.getStyleClass().add(fine ? atlantafx.base.theme.Styles.TEXT_MUTED : atlantafx.base.theme.Styles.DANGER);
    }

    /**
     * Shows the picker for the host of {@code model} (its pools read off the FX thread) and returns the chosen path.
     * @param what what the file holds, for the message when the path is in a world-writable directory
     */
    static Optional<String> pick(Window owner, HostPathViewModel model, String title, String what, String suggested) {
        HostPathDialog d = new HostPathDialog(owner, model, title, what, suggested);
        model.load();
        return d.showAndWait().filter(s -> !s.isBlank());
    }
}
