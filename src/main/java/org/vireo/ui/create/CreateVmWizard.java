package org.vireo.ui.create;

import atlantafx.base.theme.Styles;
import java.io.File;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
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
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.vireo.job.Job;
import org.vireo.model.NetworkSource;
import org.vireo.model.OsVariant;
import org.vireo.model.PoolSummary;
import org.vireo.model.VmPlatform;
import org.vireo.model.VmSpec;
import org.vireo.model.VolumeSummary;
import org.vireo.ui.Formats;
import org.vireo.ui.domain.XmlTab;

/**
 * The New VM wizard: install source and platform, operating system, resources, summary, and
 * the XML when asked for. Each page says what is missing; Next stays disabled until it is
 * given. A window of its own that never blocks the FX thread.
 */
public final class CreateVmWizard {
    private static final String[] TITLES = {"1. Install source", "2. Operating system", "3. Resources", "4. Summary", "5. XML"};

    private final CreateVmViewModel model;
    private final Stage stage = new Stage();
    private final StackPane pages = new StackPane();
    private final Label heading = new Label();
    private final Label problem = new Label();
    private final Button back = new Button("Back");
    private final Button next = new Button("Next");
    private final Button create = new Button("Create");
    private final Consumer<Job> started;
    private final CodeArea editor = new CodeArea();
    private int page;

    public CreateVmWizard(Window owner, CreateVmViewModel model, Consumer<Job> started) {
        this.model = model;
        this.started = started;
        stage.setTitle("New VM on " + model.host().titleProperty().get());
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        pages.getChildren().addAll(sourcePage(), osPage(), resourcesPage(), summaryPage(), xmlPage());
        heading.getStyleClass().add(Styles.TITLE_4);
        heading.setId("createHeading");
        problem.setId("createProblem");
        problem.setWrapText(true);
        problem.getStyleClass().add(Styles.WARNING);
        back.setId("createBack");
        next.setId("createNext");
        create.setId("createButton");
        create.getStyleClass().add(Styles.ACCENT);
        Button cancel = new Button("Cancel");
        cancel.setId("createCancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> stage.close());
        back.setOnAction(e -> show(page == CreateVmViewModel.XML ? CreateVmViewModel.SUMMARY : page - 1));
        next.setOnAction(e -> show(page + 1));
        create.setOnAction(e -> start());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, cancel, spacer, back, next, create);
        buttons.setPadding(new Insets(6, 10, 10, 10));
        Label where = new Label("Host: " + model.host().titleProperty().get() + " (" + model.host().uri() + ")");
        where.getStyleClass().add(Styles.TEXT_MUTED);
        VBox top = new VBox(2, heading, where);
        top.setPadding(new Insets(10, 10, 4, 10));
        VBox bottom = new VBox(4, problem, buttons);
        bottom.setPadding(new Insets(0, 10, 0, 10));
        BorderPane root = new BorderPane(pages, top, null, bottom, null);
        root.setId("createVmWizard");
        root.setPrefSize(720, 640);
        Scene scene = new Scene(root);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        for (int i = 0; i < TITLES.length; i++) {
            model.problem(i).addListener((o, a, b) -> updateButtons());
        }
        model.editXml.addListener((o, a, b) -> updateButtons());
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
        if (page == CreateVmViewModel.XML) {
            editor.replaceText(model.xml.get());
            editor.moveTo(0);
            editor.requestFollowCaret();
        }
        heading.setText("New VM — " + TITLES[page]);
        updateButtons();
    }

    private void updateButtons() {
        String reason = model.problem(page).get();
        // the pages before count too: a later page is never ready while an earlier one is not
        for (int i = 0; i < page && reason.isEmpty(); i++) {
            reason = model.problem(i).get();
        }
        problem.setText(reason);
        problem.setVisible(!reason.isEmpty());
        boolean last = page == CreateVmViewModel.XML || (page == CreateVmViewModel.SUMMARY && !model.editXml.get());
        back.setDisable(page == 0);
        next.setVisible(!last);
        next.setManaged(!last);
        next.setDisable(!reason.isEmpty());
        create.setVisible(last);
        create.setManaged(last);
        create.setDisable(!reason.isEmpty());
        if (last) {
            create.setDefaultButton(true);
        }
    }

    private void start() {
        if (page == CreateVmViewModel.XML) {
            model.xml.set(editor.getText());
        }
        create.setDisable(true);
        problem.setText("Checking the name with the host…");
        problem.setVisible(true);
        model.create().whenComplete((job, err) -> Platform.runLater(() -> {
            if (err != null) {
                problem.setText("Not created: " + CreateVmViewModel.reason(err));
                create.setDisable(false);
                return;
            }
            stage.close();
            started.accept(job);
        }));
    }

    // ---------------------------------------------------------------- pages

    private Node sourcePage() {
        ToggleGroup group = new ToggleGroup();
        VBox radios = new VBox(6);
        for (VmSpec.Source s : VmSpec.Source.values()) {
            RadioButton r = new RadioButton(s.label());
            r.setId("source-" + s.name().toLowerCase());
            r.setUserData(s);
            r.setToggleGroup(group);
            r.setSelected(model.source.get() == s);
            radios.getChildren().add(r);
        }
        group.selectedToggleProperty().addListener((o, a, t) -> {
            if (t != null) {
                model.source.set((VmSpec.Source) t.getUserData());
            }
        });

        // import: a pool volume or a path on the host
        ComboBox<VolumeSummary> diskVolume = volumeChooser("importVolumeChoice", model.diskVolumes, model.importPath);
        TextField importPath = field("importPathField", "path of the disk image on the host", model.importPath);
        VBox importBox = new VBox(6, caption("Disk image: a volume of the host's pools, or a path on the host"), diskVolume, importPath);

        // ISO: a pool volume (or path on the host), or a file of this computer uploaded into a pool
        ToggleGroup isoWhere = new ToggleGroup();
        RadioButton onHost = new RadioButton("On the host (a pool volume or a path)");
        onHost.setId("isoOnHost");
        onHost.setToggleGroup(isoWhere);
        RadioButton upload = new RadioButton("On this computer: upload it into a pool (progress in the Jobs panel)");
        upload.setId("isoUpload");
        upload.setToggleGroup(isoWhere);
        (model.uploadIso.get() ? upload : onHost).setSelected(true);
        isoWhere.selectedToggleProperty().addListener((o, a, t) -> model.uploadIso.set(t == upload));
        ComboBox<VolumeSummary> isoVolume = volumeChooser("isoVolumeChoice", model.isoVolumes, model.isoPath);
        TextField isoPath = field("isoPathField", "path of the ISO on the host", model.isoPath);
        VBox hostIso = new VBox(6, isoVolume, isoPath);
        hostIso.disableProperty().bind(model.uploadIso);
        TextField localIso = field("localIsoField", "ISO file on this computer", model.localIso);
        Button browse = new Button("Browse…");
        browse.setId("localIsoBrowse");
        browse.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Installer ISO on this computer");
            fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("ISO images", "*.iso"),
                new FileChooser.ExtensionFilter("All files", "*"));
            File f = fc.showOpenDialog(stage);
            if (f != null) {
                model.localIso.set(f.getAbsolutePath());
            }
        });
        HBox localRow = new HBox(6, localIso, browse);
        HBox.setHgrow(localIso, Priority.ALWAYS);
        localRow.disableProperty().bind(model.uploadIso.not());
        VBox isoBox = new VBox(6, caption("Installer ISO (a new blank disk is made on the Resources page)"), onHost, hostIso, upload, localRow);

        GridPane kernelGrid = grid();
        kernelGrid.addRow(0, new Label("Kernel"), field("kernelField", "path on the host", model.kernel));
        kernelGrid.addRow(1, new Label("Initrd"), field("initrdField", "path on the host (optional)", model.initrd));
        kernelGrid.addRow(2, new Label("Command line"), field("cmdlineField", "kernel arguments", model.cmdline));
        VBox kernelBox = new VBox(6, caption("Direct kernel boot: files on the host"), kernelGrid);

        Label pxe = new Label("The guest boots from the network first (its NIC's PXE ROM), then from its disk.");
        pxe.setWrapText(true);
        VBox pxeBox = new VBox(6, caption("Network boot"), pxe);

        StackPane detail = new StackPane(importBox, isoBox, kernelBox, pxeBox);
        Runnable showDetail = () -> {
            importBox.setVisible(model.source.get() == VmSpec.Source.IMPORT);
            isoBox.setVisible(model.source.get() == VmSpec.Source.ISO);
            kernelBox.setVisible(model.source.get() == VmSpec.Source.KERNEL);
            pxeBox.setVisible(model.source.get() == VmSpec.Source.PXE);
        };
        model.source.addListener((o, a, b) -> showDetail.run());
        showDetail.run();

        ComboBox<VmPlatform> arch = new ComboBox<>(model.platforms);
        arch.setId("archChoice");
        arch.valueProperty().bindBidirectional(model.platform);
        arch.setConverter(converter(p -> p.arch()));
        ComboBox<String> machine = new ComboBox<>(model.machines);
        machine.setId("machineChoice");
        machine.valueProperty().bindBidirectional(model.machine);
        ComboBox<String> virt = new ComboBox<>(model.domainTypes);
        virt.setId("virtTypeChoice");
        virt.valueProperty().bindBidirectional(model.domainType);
        virt.setConverter(converter(t -> "kvm".equals(t) ? "KVM (hardware)" : "qemu".equals(t) ? "QEMU (TCG, emulated)" : t));
        CheckBox uefi = new CheckBox("UEFI firmware (else BIOS)");
        uefi.setId("uefiCheck");
        uefi.selectedProperty().bindBidirectional(model.uefi);
        uefi.disableProperty().bind(model.uefiAvailable.not());
        Label uefiNote = new Label("No UEFI firmware on this host (its domain capabilities list none; install ovmf there).");
        uefiNote.getStyleClass().add(Styles.TEXT_MUTED);
        uefiNote.visibleProperty().bind(model.uefiAvailable.not());
        GridPane platform = grid();
        platform.addRow(0, new Label("Architecture"), arch);
        platform.addRow(1, new Label("Machine"), machine);
        platform.addRow(2, new Label("Virtualization"), virt);
        platform.addRow(3, new Label("Firmware"), new VBox(2, uefi, uefiNote));
        return pad(new VBox(10, caption("How the guest gets its operating system"), radios, detail,
            caption("Platform (from the host's capabilities)"), platform));
    }

    private Node osPage() {
        Label detection = new Label();
        detection.setId("osDetection");
        detection.setWrapText(true);
        detection.setMinHeight(Region.USE_PREF_SIZE);
        detection.textProperty().bind(model.detection);
        TextField search = field("osSearchField", "search: debian, fedora 40, win ...", model.osQuery);
        ListView<OsVariant> list = new ListView<>(model.osList);
        list.setId("osList");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(OsVariant item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.name() + (item.shortId().isEmpty() ? "" : "  (" + item.shortId() + ")"));
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, v) -> {
            if (v != null) {
                model.os.set(v);
            }
        });
        model.os.addListener((o, a, v) -> {
            if (v != null && list.getSelectionModel().getSelectedItem() != v) {
                list.getSelectionModel().select(v);
            }
        });
        // the chosen OS stays highlighted as the search changes the list
        model.osList.addListener((javafx.collections.ListChangeListener<OsVariant>) c -> {
            if (model.os.get() != null && model.osList.contains(model.os.get())) {
                list.getSelectionModel().select(model.os.get());
            }
        });
        if (model.os.get() != null) {
            list.getSelectionModel().select(model.os.get());
        }
        VBox.setVgrow(list, Priority.ALWAYS);
        Label chosen = new Label();
        chosen.setId("osChosen");
        chosen.setWrapText(true);
        chosen.setMinHeight(Region.USE_PREF_SIZE);
        chosen.textProperty().bind(Bindings.createStringBinding(() -> {
            OsVariant v = model.os.get();
            if (v == null) {
                return "";
            }
            return "Chosen: " + v.name() + " — recommended " + Formats.bytes(v.ramBytes()) + " of memory, "
                + v.cpus() + " vCPU" + (v.cpus() == 1 ? "" : "s") + ", " + Formats.bytes(v.storageBytes()) + " of disk "
                + "(filled in on the next page)";
        }, model.os));
        return pad(new VBox(8, detection, caption("Operating system (osinfo database; generic when unknown)"), search, list, chosen));
    }

    private Node resourcesPage() {
        ComboBox<String> format = new ComboBox<>();
        format.getItems().setAll("qcow2", "raw");
        format.setId("diskFormatChoice");
        format.valueProperty().bindBidirectional(model.diskFormat);
        ComboBox<PoolSummary> pool = new ComboBox<>(model.pools);
        pool.setId("poolChoice");
        pool.valueProperty().bindBidirectional(model.pool);
        pool.setConverter(converter(p -> p.name() + (p.active() ? " — " + Formats.bytes(p.available()) + " free" : " (inactive)")));
        ComboBox<NetworkSource> network = new ComboBox<>(model.networks);
        network.setId("networkChoice");
        network.valueProperty().bindBidirectional(model.network);
        network.setConverter(converter(NetworkSource::label));
        GridPane g = grid();
        g.addRow(0, new Label("Name"), field("nameField", "unique on this host", model.name));
        g.addRow(1, new Label("Memory (MiB)"), field("memoryField", "", model.memoryMiB));
        g.addRow(2, new Label("vCPUs"), field("vcpusField", "", model.vcpus));
        TextField disk = field("diskSizeField", "MiB (0: no disk)", model.diskMiB);
        disk.disableProperty().bind(model.source.isEqualTo(VmSpec.Source.IMPORT));
        g.addRow(3, new Label("New disk (MiB)"), disk);
        g.addRow(4, new Label("Disk format"), format);
        g.addRow(5, new Label("Storage pool"), pool);
        g.addRow(6, new Label("Network"), network);
        Label note = new Label("Memory, vCPUs and disk are the chosen OS's recommendations; change them freely. "
            + "An imported image is used as it is (no new disk).");
        note.setWrapText(true);
        note.getStyleClass().add(Styles.TEXT_MUTED);
        return pad(new VBox(10, caption("Resources, storage, network and name"), g, note));
    }

    private Node summaryPage() {
        TextArea text = new TextArea();
        text.setId("createSummary");
        text.setEditable(false);
        text.setWrapText(true);
        text.textProperty().bind(model.summary);
        VBox.setVgrow(text, Priority.ALWAYS);
        CheckBox edit = new CheckBox("Edit the XML before creating");
        edit.setId("editXmlCheck");
        edit.selectedProperty().bindBidirectional(model.editXml);
        return pad(new VBox(10, text, edit));
    }

    private Node xmlPage() {
        editor.setId("createXmlEditor");
        editor.setParagraphGraphicFactory(LineNumberFactory.get(editor));
        editor.getStylesheets().add(XmlTab.class.getResource("/org/vireo/xml-editor.css").toExternalForm());
        editor.textProperty().addListener((o, a, text) -> {
            editor.setStyleSpans(0, XmlTab.highlight(text));
            model.xml.set(text);
        });
        VirtualizedScrollPane<CodeArea> pane = new VirtualizedScrollPane<>(editor);
        VBox.setVgrow(pane, Priority.ALWAYS);
        Label note = new Label("libvirt checks the whole document when the guest is defined; paths of volumes the job "
            + "makes are as they will be.");
        note.setWrapText(true);
        note.getStyleClass().add(Styles.TEXT_MUTED);
        return pad(new VBox(8, note, pane));
    }

    // ---------------------------------------------------------------- helpers

    private static ComboBox<VolumeSummary> volumeChooser(String id, javafx.collections.ObservableList<VolumeSummary> items,
                                                         javafx.beans.property.StringProperty path) {
        ComboBox<VolumeSummary> box = new ComboBox<>(items);
        box.setId(id);
        box.setPromptText(items.isEmpty() ? "no volumes in the host's pools" : "choose a volume");
        items.addListener((javafx.collections.ListChangeListener<VolumeSummary>) c ->
            box.setPromptText(items.isEmpty() ? "no volumes in the host's pools" : "choose a volume"));
        box.setMaxWidth(Double.MAX_VALUE);
        box.setConverter(converter(v -> v.pool() + " / " + v.name() + " — " + Formats.bytes(v.capacity())
            + (v.format().isEmpty() ? "" : ", " + v.format())));
        box.valueProperty().addListener((o, a, v) -> {
            if (v != null) {
                path.set(v.path());
            }
        });
        return box;
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : text.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }

    private static TextField field(String id, String prompt, javafx.beans.property.StringProperty value) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(value);
        f.setPrefColumnCount(32);
        return f;
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_BOLD);
        return l;
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(6);
        return g;
    }

    private static Node pad(VBox box) {
        box.setPadding(new Insets(10));
        return box;
    }

    static List<String> titles() {
        return List.of(TITLES);
    }
}
