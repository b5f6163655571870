package org.vireo.ui.host;

import atlantafx.base.theme.Styles;
import java.nio.file.Path;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.vireo.model.PoolInfo;
import org.vireo.model.Sizes;
import org.vireo.ui.Icons;

/**
 * A host's storage: its pools with usage bars (start, stop, refresh, autostart, delete, new
 * directory pool) over the selected pool's volumes (new, resize, delete, upload, download),
 * with the domains that use each volume.
 */
public final class StorageTab extends VBox {
    private final StorageViewModel model;
    private final TableView<PoolInfo> pools = new TableView<>();
    private final TableView<VolumeRow> volumes = new TableView<>();
    private FilePicker files = FilePicker.CHOOSER;

    public StorageTab(StorageViewModel model) {
        this.model = model;
        setId("storagePane");
        pools.setId("poolTable");
        volumes.setId("volumeTable");
        pools.setItems(model.pools());
        volumes.setItems(model.volumes());
        poolColumns();
        volumeColumns();
        pools.setPlaceholder(new Label("No storage pools on this host. New pool makes a directory pool."));
        volumes.setPlaceholder(new Label("No volumes (or the pool is not running)."));
        pools.getSelectionModel().selectedItemProperty().addListener((o, a, p) -> {
            if (p != null) {
                model.selectedPoolProperty().set(p);
            }
        });
        // the selection follows the model when the list is read again
        model.selectedPoolProperty().addListener((o, a, p) -> {
            if (p != null && pools.getSelectionModel().getSelectedItem() != p) {
                pools.getSelectionModel().select(p);
            }
        });

        Label volumesTitle = new Label();
        volumesTitle.setId("volumesTitle");
        volumesTitle.getStyleClass().add(Styles.TEXT_BOLD);
        volumesTitle.textProperty().bind(Bindings.createStringBinding(() -> model.selectedPoolProperty().get() == null
            ? "Volumes" : "Volumes of " + model.selectedPoolProperty().get().name(), model.selectedPoolProperty()));

        VBox top = new VBox(6, poolBar(), pools);
        VBox.setVgrow(pools, Priority.ALWAYS);
        VBox bottom = new VBox(6, new HBox(10, volumesTitle), volumeBar(), volumes);
        VBox.setVgrow(volumes, Priority.ALWAYS);
        top.setPadding(new Insets(6, 8, 6, 8));
        bottom.setPadding(new Insets(6, 8, 6, 8));
        SplitPane split = new SplitPane(top, bottom);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.42);
        Label message = new Label();
        message.setId("storageMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.setPadding(new Insets(2, 10, 4, 10));
        getChildren().addAll(split, message);
        VBox.setVgrow(split, Priority.ALWAYS);
    }

    /** Replaces the desktop's file chooser (tests). */
    public void setFilePicker(FilePicker picker) {
        files = picker;
    }

    public StorageViewModel model() {
        return model;
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private HBox poolBar() {
        Button add = button("newPoolButton", "New pool", Icons.of(MaterialDesignF.FOLDER_PLUS), "A directory pool on the host");
        add.setOnAction(e -> new NewPoolDialog(window(), model).showAndWait());
        Button start = button("poolStartButton", "Start", Icons.of(MaterialDesignP.PLAY), "Start the pool");
        start.setOnAction(e -> model.startPool(selectedPool()));
        Button stop = button("poolStopButton", "Stop", Icons.of(MaterialDesignS.STOP), "Stop the pool (its data stay)");
        stop.setOnAction(e -> model.stopPool(selectedPool()));
        Button refresh = button("poolRefreshButton", "Refresh", Icons.of(MaterialDesignR.REFRESH), "Read the pool's volumes again on the host");
        refresh.setOnAction(e -> model.refreshPool(selectedPool()));
        CheckBox autostart = new CheckBox("Autostart");
        autostart.setId("poolAutostartCheck");
        autostart.setTooltip(new Tooltip("Start the pool with the host"));
        autostart.setOnAction(e -> model.setAutostart(selectedPool(), autostart.isSelected()));
        Button delete = button("poolDeleteButton", "Delete", Icons.of(MaterialDesignD.DELETE), "Stop and remove the pool");
        delete.getGraphic().getStyleClass().add("destructive-icon");
        delete.setOnAction(e -> deletePool());
        var sel = model.selectedPoolProperty();
        start.disableProperty().bind(Bindings.createBooleanBinding(() -> sel.get() == null || sel.get().active(), sel));
        stop.disableProperty().bind(Bindings.createBooleanBinding(() -> sel.get() == null || !sel.get().active(), sel));
        refresh.disableProperty().bind(stop.disableProperty());
        autostart.disableProperty().bind(Bindings.createBooleanBinding(() -> sel.get() == null || !sel.get().persistent(), sel));
        delete.disableProperty().bind(sel.isNull());
        sel.addListener((o, a, p) -> autostart.setSelected(p != null && p.autostart()));
        Button reload = button("storageReloadButton", null, Icons.of(MaterialDesignR.RELOAD), "Read the host's pools again");
        reload.setOnAction(e -> model.reload());
        HBox bar = new HBox(6, add, start, stop, refresh, autostart, delete, new StackPane(), reload);
        HBox.setHgrow(bar.getChildren().get(6), Priority.ALWAYS);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private HBox volumeBar() {
        Button add = button("newVolumeButton", "New volume", Icons.of(MaterialDesignP.PLUS), "A qcow2 or raw volume in this pool");
        add.setOnAction(e -> new NewVolumeDialog(window(), model, selectedPool().name()).showAndWait());
        Button resize = button("volumeResizeButton", "Resize", Icons.of(MaterialDesignA.ARROW_EXPAND_HORIZONTAL), "Change the volume's size");
        resize.setOnAction(e -> new ResizeVolumeDialog(window(), model, selectedVolume()).showAndWait());
        Button delete = button("volumeDeleteButton", "Delete", Icons.of(MaterialDesignD.DELETE), "Delete the volume");
        delete.getGraphic().getStyleClass().add("destructive-icon");
        delete.setOnAction(e -> deleteVolume());
        Button upload = button("volumeUploadButton", "Upload", Icons.of(MaterialDesignU.UPLOAD), "A file from this computer into this pool");
        upload.setOnAction(e -> upload());
        Button download = button("volumeDownloadButton", "Download", Icons.of(MaterialDesignD.DOWNLOAD), "The volume into a file on this computer");
        download.setOnAction(e -> download());
        var pool = model.selectedPoolProperty();
        var noPool = Bindings.createBooleanBinding(() -> pool.get() == null || !pool.get().active(), pool);
        add.disableProperty().bind(noPool);
        upload.disableProperty().bind(noPool);
        var noVolume = volumes.getSelectionModel().selectedItemProperty().isNull();
        resize.disableProperty().bind(noVolume);
        delete.disableProperty().bind(noVolume);
        download.disableProperty().bind(noVolume);
        HBox bar = new HBox(6, add, resize, delete, upload, download);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private PoolInfo selectedPool() {
        return model.selectedPoolProperty().get();
    }

    private VolumeRow selectedVolume() {
        return volumes.getSelectionModel().getSelectedItem();
    }

    private void deletePool() {
        PoolInfo p = selectedPool();
        CheckBox data = new CheckBox("Also delete its directory " + p.targetPath() + " (only when empty)");
        data.setId("poolDeleteDataCheck");
        ButtonType act = new ButtonType("Delete", ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.WARNING, "", act, ButtonType.CANCEL);
        alert.initOwner(window());
        alert.setTitle("Delete pool " + p.name() + "?");
        alert.setHeaderText("Delete pool " + p.name() + "?");
        Label text = new Label("The pool is stopped and removed from the host. Its volumes stay on disk unless the directory goes too.");
        text.setWrapText(true);
        text.setMaxWidth(460);
        alert.getDialogPane().setContent(new VBox(10, text, data));
        alert.getDialogPane().setId("deletePoolDialog");
        ((Button) alert.getDialogPane().lookupButton(act)).setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        if (alert.showAndWait().filter(b -> b == act).isPresent()) {
            model.deletePool(p, data.isSelected());
        }
    }

    private void deleteVolume() {
        VolumeRow v = selectedVolume();
        ButtonType act = new ButtonType("Delete", ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.WARNING, "", act, ButtonType.CANCEL);
        alert.initOwner(window());
        alert.setTitle("Delete volume " + v.name() + "?");
        alert.setHeaderText("Delete volume " + v.name() + "?");
        Label text = new Label("Its data (" + Sizes.format(v.volume().allocation()) + " on disk) are gone for good.");
        text.setWrapText(true);
        text.setMaxWidth(460);
        VBox content = new VBox(10, text);
        Button delete = (Button) alert.getDialogPane().lookupButton(act);
        delete.setId("volumeDeleteConfirm");
        CheckBox anyway = new CheckBox("I know " + String.join(", ", v.usedBy()) + " uses it: delete it anyway");
        anyway.setId("volumeDeleteAnywayCheck");
        if (v.inUse()) {
            Label used = new Label("In use by " + String.join(", ", v.usedBy()) + ": its disk would point at nothing.");
            used.setId("volumeInUseLabel");
            used.getStyleClass().add("danger");
            used.setWrapText(true);
            used.setMaxWidth(460);
            content.getChildren().addAll(used, anyway);
            delete.disableProperty().bind(anyway.selectedProperty().not());
        }
        alert.getDialogPane().setContent(content);
        alert.getDialogPane().setId("deleteVolumeDialog");
        delete.setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        if (alert.showAndWait().filter(b -> b == act).isPresent()) {
            model.deleteVolume(v, v.inUse() && anyway.isSelected());
        }
    }

    private void upload() {
        PoolInfo p = selectedPool();
        files.open(window(), "Upload into pool " + p.name()).ifPresent(file ->
            model.fileSize(file).whenComplete((size, err) -> javafx.application.Platform.runLater(() -> {
                if (err != null) {
                    Alert a = new Alert(Alert.AlertType.ERROR, "Cannot read " + file + ": " + err.getMessage());
                    a.initOwner(window());
                    a.showAndWait();
                } else {
                    new UploadDialog(window(), model, p.name(), file, size).showAndWait();
                }
            })));
    }

    private void download() {
        VolumeRow v = selectedVolume();
        files.save(window(), "Download " + v.name(), v.name()).ifPresent((Path file) -> model.download(v, file));
    }

    private void poolColumns() {
        pools.getColumns().add(text("Name", 140, PoolInfo::name));
        pools.getColumns().add(text("State", 70, PoolInfo::state));
        pools.getColumns().add(text("Type", 45, PoolInfo::type));
        TableColumn<PoolInfo, PoolInfo> usage = new TableColumn<>("Usage");
        usage.setPrefWidth(285);
        usage.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        usage.setCellFactory(c -> new UsageCell());
        pools.getColumns().add(usage);
        pools.getColumns().add(text("Available", 95, p -> p.active() ? Sizes.format(p.available()) : ""));
        pools.getColumns().add(text("Autostart", 90, p -> p.autostart() ? "yes" : "no"));
        pools.getColumns().add(text("Directory", 200, PoolInfo::targetPath));
        pools.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    }

    private void volumeColumns() {
        volumes.getColumns().add(text("Name", 170, VolumeRow::name));
        TableColumn<VolumeRow, String> size = text("Size", 80, v -> Sizes.format(v.volume().capacity()));
        size.setSortable(false);
        volumes.getColumns().add(size);
        TableColumn<VolumeRow, String> allocation = text("Allocation", 90, v -> Sizes.format(v.volume().allocation()));
        allocation.setSortable(false);
        volumes.getColumns().add(allocation);
        volumes.getColumns().add(text("Format", 60, v -> v.volume().format()));
        TableColumn<VolumeRow, String> used = text("Used by", 140, v -> String.join(", ", v.usedBy()));
        used.setId("volumeUsedByColumn");
        volumes.getColumns().add(used);
        volumes.getColumns().add(text("Backing", 140, v -> v.volume().backingPath().isEmpty() ? ""
            : v.volume().backingPath().substring(v.volume().backingPath().lastIndexOf('/') + 1)));
        volumes.getColumns().add(text("Path", 260, v -> v.volume().path()));
        volumes.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    }

    static <S> TableColumn<S, String> text(String title, double width, Function<S, String> value) {
        TableColumn<S, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        return c;
    }

    static Button button(String id, String text, javafx.scene.Node icon, String tip) {
        Button b = new Button(text, icon);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        if (text == null) {
            b.getStyleClass().add(Styles.BUTTON_ICON);
        }
        return b;
    }

    /** A bar of the pool's allocation over its capacity, with the figures on it. */
    private static final class UsageCell extends TableCell<PoolInfo, PoolInfo> {
        private final ProgressBar bar = new ProgressBar();
        private final Label label = new Label();
        private final HBox box = new HBox(8, bar, label);

        UsageCell() {
            bar.setPrefWidth(90);
            bar.setMinWidth(90);
            box.setAlignment(Pos.CENTER_LEFT);
            bar.getStyleClass().add("usage-bar");
            label.getStyleClass().add(Styles.TEXT_SMALL);
            setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        protected void updateItem(PoolInfo p, boolean empty) {
            super.updateItem(p, empty);
            if (empty || p == null || p.usage() < 0) {
                setGraphic(null);
                return;
            }
            bar.setProgress(p.usage());
            bar.getStyleClass().removeAll(Styles.DANGER, Styles.WARNING);
            if (p.usage() > 0.9) {
                bar.getStyleClass().add(Styles.DANGER);
            } else if (p.usage() > 0.75) {
                bar.getStyleClass().add(Styles.WARNING);
            }
            label.setText(Sizes.format(p.allocation()) + " of " + Sizes.format(p.capacity()) + String.format(" · %.0f %%", p.usage() * 100));
            setGraphic(box);
        }
    }
}
