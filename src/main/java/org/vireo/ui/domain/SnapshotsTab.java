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
import org.vireo.model.DomainFlags.SnapshotDelete;
import org.vireo.model.SnapshotInfo;
import org.vireo.model.SnapshotSource;
import org.vireo.ui.dialog.ConfirmDialog;

/**
 * Snapshots: the tree (parents, current marked ●, external ones), the wizard for a new one, revert
 * and delete saying what is lost (and asking about the children), disabled with the reason where the
 * host's libvirt cannot do it.
 */
final class SnapshotsTab extends VBox {
    private final DomainPageViewModel model;
    private final TreeTableView<SnapshotInfo> tree = new TreeTableView<>();
    private final javafx.scene.control.Label note = new javafx.scene.control.Label();

    SnapshotsTab(DomainPageViewModel model) {
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
        tree.getColumns().add(col("Disks", 150, SnapshotsTab::disks));
        tree.getColumns().add(col("Description", 240, SnapshotInfo::description));
        tree.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        model.snapshots().addListener((ListChangeListener<SnapshotInfo>) c -> rebuild(model.snapshots()));

        Button create = Ui.button("newSnapshotButton", "New snapshot…", () -> new SnapshotWizard(getScene().getWindow(),
            new SnapshotWizardViewModel(model)).show());

        Button revert = Ui.button("revertSnapshotButton", "Revert to selected…", () -> {
            SnapshotInfo s = selected();
            if (s != null && ConfirmDialog.ask(getScene().getWindow(), "Revert " + model.name() + " to \"" + s.name() + "\"?",
                model.revertConsequence(s), "Revert")) {
                model.revertToSnapshot(s.name(), 0);
            }
        });
        Button delete = Ui.button("deleteSnapshotButton", "Delete…", this::delete);
        // what the host's libvirt cannot do with the selected snapshot, in place of a failure after the click
        note.setId("snapshotActionNote");
        note.setWrapText(true);
        note.getStyleClass().add(atlantafx.base.theme.Styles.TEXT_MUTED);
        note.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            SnapshotInfo s = selected();
            return s == null ? "" : limits(s);
        }, tree.getSelectionModel().selectedItemProperty(), model.hostLibVersionProperty()));
        var nothingSelected = tree.getSelectionModel().selectedItemProperty().isNull();
        revert.disableProperty().bind(nothingSelected.or(javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            SnapshotInfo s = selected();
            return s != null && s.external() && !canRevertExternal();
        }, tree.getSelectionModel().selectedItemProperty(), model.hostLibVersionProperty())));
        delete.disableProperty().bind(nothingSelected);
        Button refresh = Ui.button("refreshSnapshotsButton", "Refresh", () -> model.load(DomainPageViewModel.SNAPSHOTS));
        HBox treeActions = new HBox(8, create, revert, delete);
        treeActions.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Ui.page(this, Ui.bar(Ui.outcome("snapshotsOutcome", model.outcome(DomainPageViewModel.SNAPSHOTS), model.failed(DomainPageViewModel.SNAPSHOTS)),
                refresh),
            treeActions, tree, note);
    }

    private boolean canRevertExternal() {
        return model.hostLibVersionProperty().get() >= SnapshotSource.REVERT_EXTERNAL_SINCE;
    }

    private boolean canDeleteExternal() {
        return model.hostLibVersionProperty().get() >= SnapshotSource.DELETE_EXTERNAL_SINCE;
    }

    private String limits(SnapshotInfo s) {
        long v = model.hostLibVersionProperty().get();
        if (!s.external() || v == 0) {
            return "";
        }
        String host = "This host runs libvirt " + SnapshotSource.version(v) + ": ";
        if (!canRevertExternal()) {
            return host + "reverting to an external snapshot needs libvirt " + SnapshotSource.version(SnapshotSource.REVERT_EXTERNAL_SINCE)
                + (canDeleteExternal() ? "." : "; deleting one removes only libvirt's record of it (its files need "
                + SnapshotSource.version(SnapshotSource.DELETE_EXTERNAL_SINCE) + ").");
        }
        return "";
    }

    /** The snapshots below {@code s}, at any depth. */
    private List<SnapshotInfo> descendants(SnapshotInfo s) {
        List<SnapshotInfo> out = new java.util.ArrayList<>();
        for (SnapshotInfo c : model.snapshots()) {
            if (c.parent().equals(s.name())) {
                out.add(c);
                out.addAll(descendants(c));
            }
        }
        return out;
    }

    private void delete() {
        SnapshotInfo s = selected();
        if (s == null) {
            return;
        }
        javafx.stage.Window w = getScene().getWindow();
        String title = "Delete snapshot \"" + s.name() + "\"?";
        List<SnapshotInfo> below = descendants(s);
        if (s.external() && !canDeleteExternal()) {
            String lost = "libvirt " + SnapshotSource.version(model.hostLibVersionProperty().get()) + " cannot delete an external snapshot's "
                + "files (that came with " + SnapshotSource.version(SnapshotSource.DELETE_EXTERNAL_SINCE) + "). Deleting its record makes "
                + "libvirt forget \"" + s.name() + "\": it can no longer be reverted to from here; the overlay"
                + (s.withMemory() ? " and memory files stay" : " files stay") + " on the host and the disks keep running on the overlays."
                + (below.isEmpty() ? "" : " The " + below.size() + " snapshot(s) below it are kept.");
            if (ConfirmDialog.ask(w, title, lost, "Delete the record")) {
                model.deleteSnapshot(s.name(), SnapshotDelete.METADATA_ONLY);
            }
            return;
        }
        String state = "The state saved in \"" + s.name() + "\"" + (s.withMemory() ? " (disks and memory)" : " (disks)") + " is lost.";
        if (below.isEmpty()) {
            if (ConfirmDialog.ask(w, title, state, "Delete")) {
                model.deleteSnapshot(s.name(), SnapshotDelete.ONLY_THIS);
            }
            return;
        }
        String names = below.stream().map(SnapshotInfo::name).limit(6).collect(java.util.stream.Collectors.joining(", "))
            + (below.size() > 6 ? ", …" : "");
        String withChildren = "Delete it and the " + below.size() + " below";
        String onlyThis = "Delete only \"" + s.name() + "\"";
        ConfirmDialog.choose(w, title, state + " It has " + below.size() + " snapshot(s) below it (" + names + "). Delete them too, "
                + "or keep them (they then move up " + (s.parent().isEmpty() ? "to the top of the tree" : "below \"" + s.parent() + "\"") + ")?",
            withChildren, onlyThis).ifPresent(choice ->
            model.deleteSnapshot(s.name(), choice.equals(withChildren) ? SnapshotDelete.WITH_CHILDREN : SnapshotDelete.ONLY_THIS));
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

    /** The disks a snapshot holds and how ("vda external, vdb no"), from its XML. */
    static String disks(SnapshotInfo s) {
        if (s.xml() == null || s.xml().isEmpty()) {
            return "";
        }
        var list = org.vireo.model.DomainXml.parse(s.xml()).getElementsByTagName("disk");
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            var e = (org.w3c.dom.Element) list.item(i);
            if (e.getParentNode() instanceof org.w3c.dom.Element p && p.getTagName().equals("disks")) {
                out.add(e.getAttribute("name") + " " + e.getAttribute("snapshot"));
            }
        }
        return String.join(", ", out);
    }

    private static TreeTableColumn<SnapshotInfo, String> col(String title, double width, java.util.function.Function<SnapshotInfo, String> f) {
        TreeTableColumn<SnapshotInfo, String> c = new TreeTableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new SimpleStringProperty(d.getValue().getValue() == null ? "" : f.apply(d.getValue().getValue())));
        return c;
    }
}
