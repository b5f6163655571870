package org.vireo.ui.domain;

import atlantafx.base.theme.Styles;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.collections.SetChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.vireo.model.SnapshotPlan.Kind;
import org.vireo.model.SnapshotSource;

/**
 * The snapshot wizard: kind and disks (and quiesce), name and description, then what it will
 * cost; Create starts it as a job. A window of its own, like the migration wizard.
 */
final class SnapshotWizard {
    private static final String[] TITLES = {"1. Kind and disks", "2. Name", "3. What it costs"};

    private final SnapshotWizardViewModel model;
    private final Stage stage = new Stage();
    private final StackPane pages = new StackPane();
    private final Label heading = new Label();
    private final Button back = new Button("Back");
    private final Button next = new Button("Next");
    private final Button create = new Button("Create snapshot");
    private int page;

    SnapshotWizard(Window owner, SnapshotWizardViewModel model) {
        this.model = model;
        stage.setTitle("New snapshot of " + model.domainName());
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        pages.getChildren().addAll(kindPage(), namePage(), costPage());
        heading.getStyleClass().add(Styles.TITLE_4);
        heading.setId("snapWizardHeading");
        back.setId("snapWizardBack");
        next.setId("snapWizardNext");
        create.setId("snapWizardCreate");
        create.getStyleClass().add(Styles.ACCENT);
        Button cancel = new Button("Cancel");
        cancel.setId("snapWizardCancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> stage.close());
        back.setOnAction(e -> show(page - 1));
        next.setOnAction(e -> show(page + 1));
        create.setOnAction(e -> {
            if (model.create()) {
                stage.close();
            }
        });
        create.disableProperty().bind(Bindings.isNotEmpty(model.problems()));
        next.disableProperty().bind(model.sourceProperty().isNull());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, cancel, spacer, back, next, create);
        buttons.setPadding(new Insets(10));
        Label about = new Label();
        about.setId("snapWizardSource");
        about.setWrapText(true);
        about.getStyleClass().add(Styles.TEXT_MUTED);
        about.textProperty().bind(Bindings.createStringBinding(() -> {
            SnapshotSource s = model.sourceProperty().get();
            if (s == null) {
                return model.loadErrorProperty().get().isEmpty() ? "Reading " + model.domainName() + "…" : model.loadErrorProperty().get();
            }
            return s.domain() + (s.active() ? " is running" : " is shut off") + ", " + Ui.bytes(s.memoryKib() * 1024) + " of memory, "
                + (s.agentConnected() ? "guest agent connected" : "no guest agent") + "; libvirt " + SnapshotSource.version(s.libVersion());
        }, model.sourceProperty(), model.loadErrorProperty()));
        VBox top = new VBox(2, heading, about);
        top.setPadding(new Insets(10, 10, 4, 10));
        BorderPane root = new BorderPane(pages, top, null, buttons, null);
        root.setId("snapshotWizard");
        root.setPrefSize(660, 700);
        Scene scene = new Scene(root);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        show(0);
    }

    void show() {
        stage.show();
        stage.toFront();
    }

    Stage stage() {
        return stage;
    }

    private void show(int p) {
        page = Math.max(0, Math.min(TITLES.length - 1, p));
        for (int i = 0; i < pages.getChildren().size(); i++) {
            pages.getChildren().get(i).setVisible(i == page);
        }
        heading.setText("New snapshot — " + TITLES[page]);
        back.setDisable(page == 0);
        boolean last = page == TITLES.length - 1;
        next.setVisible(!last);
        next.setManaged(!last);
        create.setVisible(last);
        create.setManaged(last);
        create.setDefaultButton(last);
    }

    private Node kindPage() {
        ToggleGroup group = new ToggleGroup();
        VBox kinds = new VBox(6);
        Map<Kind, String> explain = new LinkedHashMap<>();
        explain.put(Kind.INTERNAL, "Kept inside the qcow2 images, every disk, with the memory when the guest runs. Reverting is supported everywhere.");
        explain.put(Kind.EXTERNAL_DISKS, "Each chosen disk continues on a new overlay file; the image below stays as it is. No memory.");
        explain.put(Kind.EXTERNAL_MEMORY, "Overlays as above, and the guest's memory written to a file on the host (a running guest only).");
        for (Map.Entry<Kind, String> e : explain.entrySet()) {
            RadioButton r = new RadioButton(e.getKey().label());
            r.setId("snapKind-" + e.getKey().name());
            r.setToggleGroup(group);
            r.setUserData(e.getKey());
            r.setSelected(model.kindProperty().get() == e.getKey());
            Label why = new Label(e.getValue());
            why.setWrapText(true);
            why.getStyleClass().add(Styles.TEXT_MUTED);
            why.setPadding(new Insets(0, 0, 0, 24));
            kinds.getChildren().addAll(r, why);
        }
        group.selectedToggleProperty().addListener((o, a, t) -> {
            if (t != null) {
                model.kindProperty().set((Kind) t.getUserData());
            }
        });
        model.kindProperty().addListener((o, a, k) -> group.getToggles().stream().filter(t -> t.getUserData() == k).findFirst()
            .ifPresent(t -> t.setSelected(true)));

        VBox diskBoxes = new VBox(4);
        Label disksNote = new Label();
        disksNote.setId("snapDisksNote");
        disksNote.setWrapText(true);
        disksNote.getStyleClass().add(Styles.TEXT_MUTED);
        Runnable rebuildDisks = () -> {
            diskBoxes.getChildren().clear();
            SnapshotSource s = model.sourceProperty().get();
            if (s == null) {
                return;
            }
            for (SnapshotSource.Disk d : s.disks()) {
                CheckBox c = new CheckBox(d.target() + "  " + (d.file().isEmpty() ? "(not a file)" : d.file()) + "  "
                    + (d.format().isEmpty() ? d.device() : d.format()) + (d.capacity() > 0 ? ", " + Ui.bytes(d.capacity()) : ""));
                c.setId("snapDisk-" + d.target());
                c.setSelected(model.disks().contains(d.target()));
                c.selectedProperty().addListener((o, a, on) -> {
                    if (on) {
                        model.disks().add(d.target());
                    } else {
                        model.disks().remove(d.target());
                    }
                });
                model.disks().addListener((SetChangeListener<String>) ch -> c.setSelected(model.disks().contains(d.target())));
                // internal snapshots take every qcow2 disk (QEMU's savevm): no choice to offer
                c.disableProperty().bind(model.kindProperty().isEqualTo(Kind.INTERNAL).or(Bindings.createBooleanBinding(() -> !d.snapshotable())));
                diskBoxes.getChildren().add(c);
            }
        };
        model.sourceProperty().addListener((o, a, s) -> rebuildDisks.run());
        rebuildDisks.run();
        disksNote.textProperty().bind(Bindings.when(model.kindProperty().isEqualTo(Kind.INTERNAL))
            .then("An internal snapshot takes every qcow2 disk; CD-ROMs and non-file disks are left out.")
            .otherwise("Disks not chosen are left out of the snapshot (snapshot='no')."));

        CheckBox quiesce = new CheckBox("Quiesce: freeze the guest's filesystems through the guest agent while the disks are taken");
        quiesce.setId("snapQuiesce");
        quiesce.setWrapText(true);
        quiesce.selectedProperty().bindBidirectional(model.quiesceProperty());
        Label quiesceNote = new Label();
        quiesceNote.setId("snapQuiesceNote");
        quiesceNote.setWrapText(true);
        quiesceNote.getStyleClass().add(Styles.TEXT_MUTED);
        quiesceNote.textProperty().bind(Bindings.createStringBinding(() -> {
            SnapshotSource s = model.sourceProperty().get();
            if (s == null) {
                return "";
            }
            if (!s.active()) {
                return "Not for a shut-off guest: nothing is running to freeze.";
            }
            if (!s.agentConnected()) {
                return "No guest agent is connected, so the filesystems cannot be frozen.";
            }
            return model.kindProperty().get() == Kind.EXTERNAL_DISKS ? "The guest agent is connected."
                : "Only for disk-only snapshots: with the memory, the saved state is consistent as it is.";
        }, model.sourceProperty(), model.kindProperty()));
        quiesce.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            SnapshotSource s = model.sourceProperty().get();
            return s == null || !s.active() || !s.agentConnected() || model.kindProperty().get() != Kind.EXTERNAL_DISKS;
        }, model.sourceProperty(), model.kindProperty()).and(model.quiesceProperty().not()));

        VBox box = new VBox(10, Ui.section("Kind", kinds), Ui.section("Disks", new VBox(6, diskBoxes, disksNote)),
            Ui.section("Consistency", new VBox(4, quiesce, quiesceNote)));
        box.setPadding(new Insets(8, 10, 8, 10));
        return Ui.scroll(box);
    }

    private Node namePage() {
        TextField name = new TextField();
        name.setId("snapWizardName");
        name.textProperty().bindBidirectional(model.nameProperty());
        TextArea description = new TextArea();
        description.setId("snapWizardDescription");
        description.setPrefRowCount(4);
        description.setWrapText(true);
        description.textProperty().bindBidirectional(model.descriptionProperty());
        GridPane form = new GridPane(10, 8);
        form.addRow(0, Ui.caption("Name"), name);
        form.addRow(1, Ui.caption("Description"), description);
        GridPane.setHgrow(name, Priority.ALWAYS);
        GridPane.setHgrow(description, Priority.ALWAYS);
        Label hint = new Label("The name also names the overlay and memory files on the host.");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        VBox box = new VBox(8, form, hint);
        box.setPadding(new Insets(8, 10, 8, 10));
        return box;
    }

    private Node costPage() {
        Label cost = new Label();
        cost.setId("snapWizardCost");
        cost.setWrapText(true);
        cost.textProperty().bind(model.costProperty());
        Label problems = new Label();
        problems.setId("snapWizardProblems");
        problems.setWrapText(true);
        problems.getStyleClass().add(Styles.DANGER);
        problems.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n", model.problems()), model.problems()));
        Label plan = new Label();
        plan.setId("snapWizardPlan");
        plan.setWrapText(true);
        plan.textProperty().bind(Bindings.createStringBinding(() -> {
            var p = model.plan();
            return p.kind().label() + " snapshot \"" + p.name() + "\"" + (p.quiesce() ? ", quiesced" : "")
                + (p.description().isBlank() ? "" : " — " + p.description().strip());
        }, model.kindProperty(), model.nameProperty(), model.descriptionProperty(), model.quiesceProperty()));
        plan.getStyleClass().add(Styles.TEXT_BOLD);
        VBox box = new VBox(10, plan, Ui.section("What it will cost", cost), problems,
            new Label("It runs as a job (Jobs panel); the Snapshots tab shows its outcome."));
        box.setPadding(new Insets(8, 10, 8, 10));
        return Ui.scroll(box);
    }
}
