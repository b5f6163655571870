package org.vireo.ui.palette;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.stage.Window;

/**
 * The command palette's window: a text field over a list, at the top of the main window.
 * Typing filters, Up and Down move, Enter runs the choice and closes, Escape (or a click
 * elsewhere) closes.
 */
public final class CommandPalette {
    private final PaletteViewModel model;
    private final Stage stage = new Stage(StageStyle.UNDECORATED);
    private final TextField field = new TextField();
    private final ListView<PaletteItem> list = new ListView<>();

    public CommandPalette(Window owner, PaletteViewModel model) {
        this.model = model;
        stage.initOwner(owner);
        stage.setTitle("Command palette");
        field.setId("paletteField");
        field.setPromptText("Type a command and a domain: \"sta db-pri\", \"con ci\", \"mig web hostB\"");
        field.textProperty().bindBidirectional(model.queryProperty());
        list.setId("paletteList");
        list.setItems(model.items());
        list.setPrefHeight(360);
        list.setFocusTraversable(false);
        list.setCellFactory(l -> new ItemCell());
        model.items().addListener((javafx.collections.ListChangeListener<PaletteItem>) c -> {
            if (!list.getItems().isEmpty()) {
                list.getSelectionModel().select(0);
                list.scrollTo(0);
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                runSelected();
            }
        });
        Label hint = new Label("Enter runs · ↑↓ move · Esc closes · recent choices first");
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        VBox box = new VBox(6, field, list, hint);
        box.setId("commandPalette");
        box.setPadding(new Insets(10));
        box.getStyleClass().add("command-palette");
        box.setPrefWidth(620);
        Scene scene = new Scene(box);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            if (owner.getScene().getRoot() != null) {
                box.getStyleClass().addAll(owner.getScene().getRoot().getStyleClass().filtered(c -> c.startsWith("theme")));
            }
        }
        stage.setScene(scene);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            switch (e.getCode()) {
                case ESCAPE -> {
                    close();
                    e.consume();
                }
                case ENTER -> {
                    runSelected();
                    e.consume();
                }
                case DOWN -> {
                    move(1);
                    e.consume();
                }
                case UP -> {
                    move(-1);
                    e.consume();
                }
                case PAGE_DOWN -> {
                    move(10);
                    e.consume();
                }
                case PAGE_UP -> {
                    move(-10);
                    e.consume();
                }
                default -> { }
            }
        });
        // a click elsewhere closes it, as a menu closes
        stage.focusedProperty().addListener((o, was, now) -> {
            if (was && !now) {
                close();
            }
        });
    }

    private void move(int by) {
        int n = list.getItems().size();
        if (n == 0) {
            return;
        }
        int i = Math.max(0, Math.min(n - 1, list.getSelectionModel().getSelectedIndex() + by));
        list.getSelectionModel().select(i);
        list.scrollTo(Math.max(0, i - 4));
    }

    private void runSelected() {
        PaletteItem item = list.getSelectionModel().getSelectedItem();
        if (item == null) {
            return;
        }
        close();
        model.run(item);
    }

    /** Opens at the top of the owner, empty, showing the recent choices. */
    public void show() {
        model.reset();
        Window owner = stage.getOwner();
        stage.show();
        if (owner != null) {
            stage.setX(owner.getX() + (owner.getWidth() - stage.getWidth()) / 2);
            stage.setY(owner.getY() + 70);
        }
        stage.toFront();
        stage.requestFocus();
        field.requestFocus();
    }

    public void close() {
        stage.hide();
    }

    public boolean isShowing() {
        return stage.isShowing();
    }

    public Stage stage() {
        return stage;
    }

    public PaletteViewModel model() {
        return model;
    }

    private static final class ItemCell extends ListCell<PaletteItem> {
        private final Label text = new Label();
        private final Label detail = new Label();
        private final Region gap = new Region();
        private final HBox box = new HBox(10, text, gap, detail);

        ItemCell() {
            HBox.setHgrow(gap, Priority.ALWAYS);
            detail.getStyleClass().add(Styles.TEXT_MUTED);
        }

        @Override
        protected void updateItem(PaletteItem item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            text.setText(item.text());
            detail.setText(item.detail());
            setText(null);
            setGraphic(box);
        }
    }
}
