package org.vireo.ui.create;

import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.vireo.job.Job;
import org.vireo.model.DiskUse;

/**
 * Clone (a new name; the copy runs as a job) and Delete (asks, with a checklist of the
 * domain's volumes: a volume another domain uses, or one no pool holds, is shown disabled
 * with the reason). Neither blocks the FX thread.
 */
public final class DomainCopyDialogs {
    private DomainCopyDialogs() {
    }

    public static Dialog<ButtonType> clone(Window owner, DomainCopyViewModel model, Consumer<Job> started) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Clone " + model.row().getName());
        d.setHeaderText("Copy " + model.row().getName() + ": its disks become new volumes in their pools; "
            + "the copy gets a new UUID and new MAC addresses.");
        TextField name = new TextField();
        name.setId("cloneNameField");
        name.textProperty().bindBidirectional(model.cloneName);
        Label problem = new Label();
        problem.setId("cloneProblem");
        problem.setWrapText(true);
        problem.getStyleClass().add(Styles.WARNING);
        problem.textProperty().bind(model.cloneProblem);
        VBox box = new VBox(8, new Label("Name of the copy"), name, problem);
        box.setPadding(new Insets(10));
        box.setPrefWidth(480);
        d.getDialogPane().setContent(box);
        ButtonType ok = new ButtonType("Clone", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, ok);
        Button okButton = (Button) d.getDialogPane().lookupButton(ok);
        okButton.setId("cloneOk");
        okButton.disableProperty().bind(model.cloneProblem.isNotEmpty());
        d.setResultConverter(b -> {
            if (b == ok) {
                started.accept(model.startClone());
            }
            return b;
        });
        return d;
    }

    public static Dialog<ButtonType> delete(Window owner, DomainCopyViewModel model, Consumer<String> told) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        String name = model.row().getName();
        d.setTitle("Delete " + name);
        d.setHeaderText("Delete " + name + "? It is stopped if it runs and its definition removed (with its snapshots' "
            + "metadata and NVRAM). The volumes ticked below are deleted too; this cannot be undone.");
        VBox list = new VBox(6, new Label("Reading its disks…"));
        list.setId("deleteVolumeList");
        List<CheckBox> checks = new ArrayList<>();
        model.disks().whenComplete((disks, err) -> Platform.runLater(() -> {
            list.getChildren().clear();
            if (err != null) {
                list.getChildren().add(new Label("Cannot read its disks: " + CreateVmViewModel.reason(err)));
                return;
            }
            if (disks.isEmpty()) {
                list.getChildren().add(new Label("It has no disk files."));
            }
            for (DiskUse u : disks) {
                CheckBox c = new CheckBox(u.target() + " (" + u.device() + "): " + u.path());
                c.setId("deleteVolume-" + u.target());
                c.setUserData(u.path());
                c.setWrapText(true);
                c.setDisable(!u.refusal().isEmpty());
                // disks by default, as virt-manager; shared ISOs stay unticked
                c.setSelected(u.refusal().isEmpty() && "disk".equals(u.device()));
                checks.add(c);
                list.getChildren().add(c);
                if (!u.refusal().isEmpty()) {
                    Label why = new Label("kept: " + u.refusal());
                    why.setId("deleteReason-" + u.target());
                    why.getStyleClass().add(Styles.TEXT_MUTED);
                    why.setPadding(new Insets(0, 0, 0, 26));
                    list.getChildren().add(why);
                }
            }
        }));
        VBox box = new VBox(8, new Label("Volumes to delete with it"), list);
        box.setPadding(new Insets(10));
        box.setPrefWidth(560);
        d.getDialogPane().setContent(box);
        ButtonType ok = new ButtonType("Delete", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, ok);
        Button okButton = (Button) d.getDialogPane().lookupButton(ok);
        okButton.setId("deleteOk");
        okButton.getStyleClass().add(Styles.DANGER);
        // Enter must not delete: Cancel is the default
        okButton.setDefaultButton(false);
        ((Button) d.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        d.setResultConverter(b -> {
            if (b == ok) {
                List<String> paths = checks.stream().filter(c -> c.isSelected() && !c.isDisabled())
                    .map(c -> (String) c.getUserData()).toList();
                told.accept("Deleting " + name + "…");
                model.delete(paths).whenComplete((kept, err) -> Platform.runLater(() -> told.accept(err != null
                    ? "Delete " + name + " failed: " + CreateVmViewModel.reason(err)
                    : "Deleted " + name + (paths.isEmpty() ? "" : " and " + (paths.size() - kept.size()) + " volume(s)")
                        + (kept.isEmpty() ? "" : "; kept (used by another domain): " + String.join(", ", kept)))));
            }
            return b;
        });
        return d;
    }
}
