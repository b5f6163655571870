package org.vireo.ui.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.vireo.model.DomainFlags.SnapshotDelete;
import org.vireo.model.SnapshotInfo;
import org.vireo.ui.dialog.ConfirmDialog;

/** Snapshots: the tree (current marked), create (internal / external, memory / disk-only), revert, delete variants. */
final class SnapshotsTab extends VBox {
    static final String INTERNAL = "Internal (in the qcow2 images)";
    static final String EXTERNAL_DISK = "External, disks only (overlay files)";
    static final String EXTERNAL_ALL = "External, disks and memory";

    private final DomainPageViewModel model;
    private final TreeTableView<SnapshotInfo> tree = new TreeTableView<>();

    SnapshotsTab(DomainPageViewModel model) {
        this.model = model;
        setId("snapshotsPane");
        tree.setId("snapshotTree");
        tree.setShowRoot(false);
        tree.setPlaceholder(new javafx.scene.control.Label("No snapshots of this domain yet: create one below."));
        tree.setPrefHeight(260);
        tree.getColumns().add(col("Name", 170, s -> (s.current() ? "● " : "") + s.name()));
        tree.getColumns().add(col("Created", 200, s -> OverviewTab.time(s.creationTime())));
        tree.getColumns().getLast().setMinWidth(195); // "2026-11-26 08:27:02 UTC" in full
        tree.getColumns().add(col("State", 100, SnapshotInfo::state));
        tree.getColumns().add(col("Kind", 170, s -> (s.external() ? "external" : "internal") + (s.withMemory() ? ", with memory" : ", disks only")));
        tree.getColumns().add(col("Description", 240, SnapshotInfo::description));
        tree.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        model.snapshots().addListener((ListChangeListener<SnapshotInfo>) c -> rebuild(model.snapshots()));

        TextField name = new TextField();
        name.setId("snapshotNameField");
        name.setPromptText("name (empty: libvirt picks one)");
        TextField description = new TextField();
        description.setId("snapshotDescriptionField");
        description.setPrefColumnCount(30);
        CheckBox memory = new CheckBox("Include memory (running guests)");
        memory.setId("snapshotMemoryCheck");
        memory.setSelected(true);
        ChoiceBox<String> kind = new ChoiceBox<>(FXCollections.observableArrayList(INTERNAL, EXTERNAL_DISK, EXTERNAL_ALL));
        kind.setId("snapshotKindChoice");
        kind.setValue(INTERNAL);
        kind.valueProperty().addListener((o, a, k) -> memory.setDisable(EXTERNAL_DISK.equals(k)));
        Button create = Ui.button("createSnapshotButton", "Create snapshot", () -> model.createSnapshot(name.getText(), description.getText(),
            memory.isSelected() && !EXTERNAL_DISK.equals(kind.getValue()), EXTERNAL_DISK.equals(kind.getValue()),
            EXTERNAL_ALL.equals(kind.getValue())));
        GridPane form = new GridPane(10, 6);
        form.addRow(0, Ui.caption("Name"), name);
        form.addRow(1, Ui.caption("Description"), description);
        form.addRow(2, Ui.caption("Kind"), kind, memory);
        form.add(create, 1, 3);

        Button revert = Ui.button("revertSnapshotButton", "Revert to selected…", () -> {
            SnapshotInfo s = selected();
            if (s != null && ConfirmDialog.ask(getScene().getWindow(), "Revert " + model.name() + " to \"" + s.name() + "\"?",
                model.revertConsequence(s), "Revert")) {
                model.revertToSnapshot(s.name(), 0);
            }
        });
        ChoiceBox<SnapshotDelete> deleteMode = new ChoiceBox<>(FXCollections.observableArrayList(SnapshotDelete.values()));
        deleteMode.setId("snapshotDeleteMode");
        deleteMode.setValue(SnapshotDelete.ONLY_THIS);
        deleteMode.setPrefWidth(240);
        Button delete = Ui.button("deleteSnapshotButton", "Delete…", () -> {
            SnapshotInfo s = selected();
            if (s == null) {
                return;
            }
            SnapshotDelete mode = deleteMode.getValue();
            String lost = switch (mode) {
                case ONLY_THIS -> "The state saved in \"" + s.name() + "\" is lost; its children are kept and re-parented.";
                case WITH_CHILDREN -> "\"" + s.name() + "\" and every snapshot below it are lost.";
                case CHILDREN_ONLY -> "Every snapshot below \"" + s.name() + "\" is lost; it stays.";
                case METADATA_ONLY -> "libvirt forgets \"" + s.name() + "\"; its data stays in the images but can no longer be reverted to from here.";
            };
            if (ConfirmDialog.ask(getScene().getWindow(), "Delete snapshot \"" + s.name() + "\"?", lost, "Delete")) {
                model.deleteSnapshot(s.name(), mode);
            }
        });
        var nothingSelected = tree.getSelectionModel().selectedItemProperty().isNull();
        revert.disableProperty().bind(nothingSelected);
        delete.disableProperty().bind(nothingSelected);
        Button refresh = Ui.button("refreshSnapshotsButton", "Refresh", () -> model.load(DomainPageViewModel.SNAPSHOTS));
        HBox treeActions = new HBox(8, revert, Ui.caption("Delete"), deleteMode, delete);
        treeActions.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Ui.page(this, Ui.bar(Ui.outcome("snapshotsOutcome", model.outcome(DomainPageViewModel.SNAPSHOTS), model.failed(DomainPageViewModel.SNAPSHOTS)),
                refresh),
            tree, treeActions, Ui.section("New snapshot", form));
    }

    private SnapshotInfo selected() {
        TreeItem<SnapshotInfo> item = tree.getSelectionModel().getSelectedItem();
        return item == null ? null : item.getValue();
    }

    private void rebuild(List<SnapshotInfo> list) {
        // a reload (after an action, a state change, a tab switch) keeps the selection by name
        SnapshotInfo was = selected();
        TreeItem<SnapshotInfo> root = new TreeItem<>();
        Map<String, TreeItem<SnapshotInfo>> items = new HashMap<>();
        for (SnapshotInfo s : list) {
            TreeItem<SnapshotInfo> item = new TreeItem<>(s);
            item.setExpanded(true);
            items.put(s.name(), item);
        }
        for (SnapshotInfo s : list.stream().sorted((a, b) -> Long.compare(a.creationTime(), b.creationTime())).toList()) {
            TreeItem<SnapshotInfo> parent = items.getOrDefault(s.parent(), root);
            parent.getChildren().add(items.get(s.name()));
        }
        root.setExpanded(true);
        tree.setRoot(root);
        if (was != null && items.containsKey(was.name())) {
            tree.getSelectionModel().select(items.get(was.name()));
        }
    }

    private static TreeTableColumn<SnapshotInfo, String> col(String title, double width, java.util.function.Function<SnapshotInfo, String> f) {
        TreeTableColumn<SnapshotInfo, String> c = new TreeTableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new SimpleStringProperty(d.getValue().getValue() == null ? "" : f.apply(d.getValue().getValue())));
        return c;
    }
}
