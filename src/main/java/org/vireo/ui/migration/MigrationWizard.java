package org.vireo.ui.migration;

import atlantafx.base.theme.Styles;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
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
import org.vireo.job.Job;
import org.vireo.model.MigrationOptions.Mode;
import org.vireo.model.MigrationOptions.Storage;
import org.vireo.ui.DomainRowViewModel;

/**
 * The migration wizard: destination, how (mode and options), then a summary in words with
 * what libvirt would refuse. A window of its own that does not block the FX thread.
 */
public final class MigrationWizard {
    private static final String[] TITLES = {"1. Destination", "2. How", "3. Summary"};

    private final MigrationWizardViewModel model;
    private final Stage stage = new Stage();
    private final StackPane pages = new StackPane();
    private final Label heading = new Label();
    private final Button back = new Button("Back");
    private final Button next = new Button("Next");
    private final Button migrate = new Button("Migrate");
    private final Consumer<Job> started;
    private int page;

    /** @param started told the first job when the migration starts (the main window shows the Jobs panel) */
    public MigrationWizard(Window owner, MigrationWizardViewModel model, Consumer<Job> started) {
        this.model = model;
        this.started = started;
        List<DomainRowViewModel> d = model.domains();
        String what = d.size() == 1 ? d.getFirst().getName() : d.size() + " domains";
        stage.setTitle("Migrate " + what);
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        pages.getChildren().addAll(destinationPage(), optionsPage(), summaryPage());
        heading.getStyleClass().add(Styles.TITLE_4);
        heading.setId("wizardHeading");
        back.setId("wizardBack");
        next.setId("wizardNext");
        migrate.setId("wizardMigrate");
        migrate.getStyleClass().add(Styles.ACCENT);
        Button cancel = new Button("Cancel");
        cancel.setId("wizardCancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> stage.close());
        back.setOnAction(e -> show(page - 1));
        next.setOnAction(e -> show(page + 1));
        migrate.setOnAction(e -> start());
        migrate.disableProperty().bind(Bindings.isNotEmpty(model.problems()).or(model.destinationProperty().isNull()));
        next.disableProperty().bind(model.destinationProperty().isNull());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, cancel, spacer, back, next, migrate);
        buttons.setPadding(new Insets(10));
        Label source = new Label("From " + d.getFirst().host().titleProperty().get() + ": " + what
            + (model.domainActive() ? " (running: live migration)" : " (shut off: offline migration)"));
        source.getStyleClass().add(Styles.TEXT_MUTED);
        VBox top = new VBox(2, heading, source);
        top.setPadding(new Insets(10, 10, 4, 10));
        BorderPane root = new BorderPane(pages, top, null, buttons, null);
        root.setId("migrationWizard");
        root.setPrefSize(660, 720);
        Scene scene = new Scene(root);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        // Escape closes, as a dialog does (a filter: the destination list takes Escape itself)
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
                e.consume();
                stage.close();
            }
        });
        stage.setScene(scene);
        show(0);
    }

    public void show() {
        stage.show();
        stage.toFront();
    }

    public Stage stage() {
        return stage;
    }

    private void show(int p) {
        page = Math.max(0, Math.min(TITLES.length - 1, p));
        for (int i = 0; i < pages.getChildren().size(); i++) {
            pages.getChildren().get(i).setVisible(i == page);
        }
        if (page == 0) {
            model.refreshDestinations();
        }
        heading.setText("Migrate — " + TITLES[page]);
        back.setDisable(page == 0);
        next.setVisible(page < TITLES.length - 1);
        next.setManaged(page < TITLES.length - 1);
        migrate.setVisible(page == TITLES.length - 1);
        migrate.setManaged(page == TITLES.length - 1);
        if (page == TITLES.length - 1) {
            migrate.setDefaultButton(true);
        }
    }

    private void start() {
        model.start().ifPresent(job -> {
            stage.close();
            started.accept(job);
        });
    }

    private Node destinationPage() {
        ListView<MigrationWizardViewModel.Destination> list = new ListView<>(model.destinations());
        list.setId("destinationList");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(MigrationWizardViewModel.Destination item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setText(null);
                    setGraphic(null);
                    setDisable(false);
                    return;
                }
                Label title = new Label(item.host().titleProperty().get());
                Label detail = new Label(item.usable() ? item.host().uri() : item.refusal());
                detail.getStyleClass().add(item.usable() ? Styles.TEXT_MUTED : Styles.DANGER);
                VBox box = new VBox(1, title, detail);
                box.setId("destination-" + item.host().uri());
                setGraphic(box);
                setText(null);
                // a host that cannot take the domain is shown, greyed out, with the reason
                setDisable(!item.usable());
                setOpacity(item.usable() ? 1 : 0.6);
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, d) -> {
            if (d != null && d.usable()) {
                model.destinationProperty().set(d.host());
            } else if (d != null) {
                list.getSelectionModel().clearSelection();
            }
        });
        model.destinations().stream().filter(d -> d.host() == model.destinationProperty().get()).findFirst()
            .ifPresent(d -> list.getSelectionModel().select(d));
        Label hint = new Label(model.destinations().isEmpty()
            ? "Connect a second host first: a domain migrates between hosts Vireo is connected to."
            : "Hosts that cannot take the domain are greyed out with the reason.");
        hint.setWrapText(true);
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        VBox box = new VBox(8, list, hint);
        VBox.setVgrow(list, Priority.ALWAYS);
        box.setPadding(new Insets(10));
        return box;
    }

    private Node optionsPage() {
        ToggleGroup modes = new ToggleGroup();
        HBox modeBox = new HBox(14);
        for (Mode m : Mode.values()) {
            RadioButton r = new RadioButton(m.label());
            r.setId("mode-" + m.name().toLowerCase());
            r.setTooltip(new javafx.scene.control.Tooltip(m.description()));
            r.setToggleGroup(modes);
            r.setUserData(m);
            r.setSelected(model.mode.get() == m);
            modeBox.getChildren().add(r);
        }
        modes.selectedToggleProperty().addListener((obs, old, t) -> {
            if (t != null) {
                model.mode.set((Mode) t.getUserData());
            }
        });
        model.mode.addListener((obs, old, m) -> modes.getToggles().stream().filter(t -> t.getUserData() == m)
            .findFirst().ifPresent(t -> t.setSelected(true)));

        CheckBox persist = check("persistDestCheck", "Persistent on the destination (defined there, not only running)", model.persistDest);
        CheckBox undefine = check("undefineSourceCheck", "Remove the definition from the source afterwards", model.undefineSource);
        ComboBox<Storage> storage = new ComboBox<>();
        storage.getItems().setAll(Storage.values());
        storage.setId("storageChoice");
        storage.valueProperty().bindBidirectional(model.storage);
        storage.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Storage s) {
                return s == null ? "" : s.label();
            }

            @Override
            public Storage fromString(String s) {
                return null;
            }
        });
        TextField disks = field("disksField", "all disks (or vda, vdb ...)", model.disks);
        disks.disableProperty().bind(model.storage.isEqualTo(Storage.SHARED));
        TextField bandwidth = field("bandwidthField", "unlimited", model.bandwidth);
        TextField downtime = field("maxDowntimeField", "libvirt's default (300)", model.maxDowntime);
        ComboBox<String> compression = new ComboBox<>();
        compression.setId("compressionChoice");
        compression.getItems().setAll("", "xbzrle", "zstd", "zlib", "mt");
        compression.valueProperty().bindBidirectional(model.compression);
        CheckBox converge = check("autoConvergeCheck", "Auto-converge: slow the guest down if it dirties memory too fast", model.autoConverge);
        CheckBox postCopy = check("postCopyCheck", "Allow switching to post-copy while it runs", model.postCopy);
        CheckBox unsafe = check("unsafeCheck", "Unsafe: skip libvirt's check against disks that could be corrupted", model.unsafe);
        Label unsafeWarning = new Label("Only when you know the disks are safe (shared storage libvirt does not recognise, "
            + "or a cache mode it distrusts): otherwise the guest's file systems can be corrupted.");
        unsafeWarning.setWrapText(true);
        unsafeWarning.getStyleClass().add(Styles.WARNING);
        unsafeWarning.visibleProperty().bind(model.unsafe);
        unsafeWarning.managedProperty().bind(model.unsafe);
        TextField address = field("migrationAddressField", "the destination's own choice (host or host:port)", model.migrationAddress);
        TextField peer = field("peerUriField", "qemu+ssh://destination/system", model.peerUri);
        peer.disableProperty().bind(model.mode.isEqualTo(Mode.DIRECT));
        TextField newName = field("destinationNameField", "same name", model.destinationName);
        TextArea xml = new TextArea();
        xml.setId("destinationXmlArea");
        xml.setPromptText("the domain's own XML (paste an edited definition to change it on the destination)");
        xml.setPrefRowCount(4);
        xml.textProperty().bindBidirectional(model.destinationXml);

        GridPane grid = new GridPane(10, 6);
        int r = 0;
        grid.addRow(r++, new Label("Storage"), storage);
        grid.addRow(r++, new Label("Disks to copy"), disks);
        grid.addRow(r++, new Label("Bandwidth (MiB/s)"), bandwidth);
        grid.addRow(r++, new Label("Max downtime (ms)"), downtime);
        grid.addRow(r++, new Label("Compression"), compression);
        grid.addRow(r++, new Label("Migration address"), address);
        grid.addRow(r++, new Label("Destination URI (as the source sees it)"), peer);
        grid.addRow(r, new Label("Name on the destination"), newName);
        Label modeHelp = new Label();
        modeHelp.getStyleClass().add(Styles.TEXT_MUTED);
        modeHelp.setWrapText(true);
        modeHelp.textProperty().bind(Bindings.createStringBinding(() -> model.mode.get().description(), model.mode));
        VBox basic = new VBox(6, modeBox, modeHelp, persist, undefine, unsafe, unsafeWarning, postCopy, converge, grid);
        TitledPane advanced = new TitledPane("Destination XML", xml);
        advanced.setExpanded(false);
        Label problems = problemsLabel("optionsProblems");
        VBox box = new VBox(8, basic, advanced, problems);
        box.setPadding(new Insets(10));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private Node summaryPage() {
        Label summary = new Label();
        summary.setId("migrationSummary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.summaryProperty());
        Label problems = problemsLabel("summaryProblems");
        VBox box = new VBox(10, summary, problems);
        box.setPadding(new Insets(10));
        box.setAlignment(Pos.TOP_LEFT);
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private Label problemsLabel(String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.getStyleClass().add(Styles.DANGER);
        l.textProperty().bind(Bindings.createStringBinding(() -> model.problems().isEmpty() ? ""
            : "Not possible as chosen:\n• " + String.join("\n• ", model.problems()), model.problems()));
        return l;
    }

    private static CheckBox check(String id, String text, javafx.beans.property.BooleanProperty p) {
        CheckBox c = new CheckBox(text);
        c.setId(id);
        c.setWrapText(true);
        c.selectedProperty().bindBidirectional(p);
        return c;
    }

    private static TextField field(String id, String prompt, javafx.beans.property.StringProperty p) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(22);
        f.textProperty().bindBidirectional(p);
        return f;
    }
}
