package org.vireo.ui.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.vireo.model.SnapshotInfo;
import org.vireo.ui.dialog.ConfirmDialog;

/**
 * Snapshots: the tree (parents, current marked ●, external ones), the wizard for a new one, revert
 * and delete saying what is lost (and asking about the children), disabled with the reason where the
 * host's libvirt cannot do it.
 */
final class SnapshotsTab extends VBox {
    private final SnapshotsViewModel model;
    private final TreeTableView<SnapshotInfo> tree = new TreeTableView<>();
    private final javafx.scene.control.Label note = new javafx.scene.control.Label();

    SnapshotsTab(SnapshotsViewModel model) {
        this.model = model;
        setId("snapshotsPane");
        tree.setId("snapshotTree");
        tree.setShowRoot(false);
        tree.setPlaceholder(new javafx.scene.control.Label("No snapshots of this domain yet: New snapshot… makes one."));
        tree.setPrefHeight(260);
        tree.getColumns().add(col("Name", 170, s -> (s.current() ? "● " : "") + s.name()));
        tree.getColumns().add(col("Created", 200, s -> OverviewTab.time(s.creationTime())));
        tree.getColumns().getLast().setMinWidth(195); // "2026-11-26 08:27:02 UTC" in full
        tree.getColumns().add(col("State", 120, SnapshotInfo::state));
        tree.getColumns().add(col("Kind", 190, s -> (s.external() ? "external" : "internal") + (s.withMemory() ? " + memory" : ", disks only")));
        tree.getColumns().add(col("Disks", 150, SnapshotsViewModel::disks));
        tree.getColumns().add(col("Description", 240, SnapshotInfo::description));
        tree.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        model.list().addListener((ListChangeListener<SnapshotInfo>) c -> rebuild(model.list()));

        Button create = Ui.button("newSnapshotButton", "New snapshot…", () -> new SnapshotWizard(getScene().getWindow(),
            new SnapshotWizardViewModel(model)).show());

        Button revert = Ui.button("revertSnapshotButton", "Revert to selected…", () -> {
            SnapshotInfo s = selected();
            Confirmation c = s == null ? null : model.revertConfirmation(s);
            if (c != null && ConfirmDialog.ask(getScene().getWindow(), c.title(), c.lost(), c.action())) {
                model.revertToSnapshot(s.name(), 0);
            }
        });
        Button delete = Ui.button("deleteSnapshotButton", "Delete…", this::delete);
        // what the host's libvirt cannot do with the selected snapshot, in place of a failure after the click
        note.setId("snapshotActionNote");
        note.setWrapText(true);
        note.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_MUTED);
        note.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            return model.limits(selected());
        }, tree.getSelectionModel().selectedItemProperty(), model.hostLibVersionProperty()));
        var nothingSelected = tree.getSelectionModel().selectedItemProperty().isNull();
        revert.disableProperty().bind(nothingSelected.or(javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            return model.revertRefused(selected());
        }, tree.getSelectionModel().selectedItemProperty(), model.hostLibVersionProperty())));
        delete.disableProperty().bind(nothingSelected);
        Button refresh = Ui.button("refreshSnapshotsButton", "Refresh", () -> model.refresh());
        HBox treeActions = new HBox(8, create, revert, delete);
        treeActions.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Ui.page(this, Ui.bar(Ui.outcome("snapshotsOutcome", model.outcome(), model.failed()),
                refresh),
            treeActions, tree, note);
    }

    private void delete() {
        SnapshotInfo s = selected();
        if (s == null) {
            return;
        }
        SnapshotsViewModel.DeleteQuestion q = model.deleteQuestion(s);
        javafx.stage.Window w = getScene().getWindow();
        if (q.answers().size() == 1) {
            SnapshotsViewModel.Answer a = q.answers().getFirst();
            if (ConfirmDialog.ask(w, q.title(), q.lost(), a.label())) {
                model.deleteSnapshot(s.name(), a.mode());
            }
            return;
        }
        ConfirmDialog.choose(w, q.title(), q.lost(), q.answers().stream().map(SnapshotsViewModel.Answer::label).toArray(String[]::new))
            .flatMap(label -> q.answers().stream().filter(a -> a.label().equals(label)).findFirst())
            .ifPresent(a -> model.deleteSnapshot(s.name(), a.mode()));
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
