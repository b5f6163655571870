package org.vireo.ui.domain;

import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.vireo.model.BlockDetails;
import org.vireo.model.DomainDevice;
import org.vireo.model.DomainFlags.Affect;
import org.vireo.model.HardwareInfo;
import org.vireo.ui.dialog.ConfirmDialog;

/** Hardware: vCPUs and memory (live / config / both), devices from the XML with block info, device XML operations. */
final class HardwareTab extends VBox {
    private final HardwareViewModel model;
    private final Label vcpuNow = new Label();
    private final Label memNow = new Label();
    private final Spinner<Integer> vcpus = new Spinner<>(1, 64, 1);
    private final CheckBox vcpuMax = new CheckBox("maximum");
    private final ChoiceBox<Affect> vcpuAffect = new ChoiceBox<>(FXCollections.observableArrayList(Affect.values()));
    private final NumberField memMiB = new NumberField("memoryField", "", HardwareViewModel.MEMORY_MIB);
    private final CheckBox memMax = new CheckBox("maximum");
    private final ChoiceBox<Affect> memAffect = new ChoiceBox<>(FXCollections.observableArrayList(Affect.values()));
    private final TableView<DomainDevice> devices = new TableView<>();
    private final TableView<BlockDetails> blocks = new TableView<>();
    private final TextArea deviceXml = new TextArea();
    private final ChoiceBox<Affect> deviceAffect = new ChoiceBox<>(FXCollections.observableArrayList(Affect.values()));
    private final CheckBox force = new CheckBox("force");
    private final NumberField resizeMiB = new NumberField("resizeField", "", HardwareViewModel.RESIZE_MIB);

    HardwareTab(HardwareViewModel model) {
        this.model = model;
        setId("hardwarePane");
        vcpuNow.setId("vcpuSummary");
        memNow.setId("memorySummary");
        vcpus.setId("vcpuSpinner");
        vcpus.setEditable(true);
        vcpus.setPrefWidth(90);
        vcpuMax.setId("vcpuMaximumCheck");
        vcpuAffect.setId("vcpuAffect");
        vcpuAffect.setValue(Affect.BOTH);
        memMiB.setPrefColumnCount(6);
        memMax.setId("memoryMaximumCheck");
        memAffect.setId("memoryAffect");
        memAffect.setValue(Affect.BOTH);
        Button setV = Ui.button("applyVcpusButton", "Apply", () -> model.setVcpus(vcpus.getValue(), vcpuMax.isSelected(), vcpuAffect.getValue()));
        Button setM = Ui.button("applyMemoryButton", "Apply", () -> model.setMemory(memMiB.getText(), memMax.isSelected(), memAffect.getValue()));
        setM.disableProperty().bind(memMiB.invalid());
        GridPane cpuMem = new GridPane(10, 6);
        cpuMem.addRow(0, Ui.caption("vCPUs"), vcpuNow);
        cpuMem.add(new HBox(8, vcpus, vcpuMax, vcpuAffect, setV), 1, 1);
        cpuMem.addRow(2, Ui.caption("Memory"), memNow);
        cpuMem.add(new HBox(8, memMiB, new Label("MiB"), memMax, memAffect, setM, memMiB.reason()), 1, 3);
        for (var n : java.util.List.of(vcpuMax, memMax, setV, setM)) {
            ((javafx.scene.control.Control) n).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }

        devices.setId("deviceTable");
        devices.setPrefHeight(220);
        devices.getColumns().add(col("Device", 110, DomainDevice::kind));
        devices.getColumns().add(col("Target / name", 150, DomainDevice::target));
        devices.getColumns().add(col("Details", 560, DomainDevice::summary));
        devices.getSelectionModel().selectedItemProperty().addListener((o, a, d) -> {
            if (d != null) {
                deviceXml.setText(d.xml());
            }
        });
        blocks.setId("blockInfoTable");
        blocks.setPrefHeight(90);
        blocks.getColumns().add(colB("Disk", 80, BlockDetails::disk));
        blocks.getColumns().add(colB("Capacity", 120, b -> Ui.bytes(b.capacity())));
        blocks.getColumns().add(colB("Allocation", 120, b -> Ui.bytes(b.allocation())));
        blocks.getColumns().add(colB("Physical", 120, b -> Ui.bytes(b.physical())));
        resizeMiB.setPromptText("new size MiB");
        resizeMiB.setPrefColumnCount(7);
        Button resize = Ui.button("blockResizeButton", "Resize disk", () -> {
            BlockDetails b = blocks.getSelectionModel().getSelectedItem();
            Confirmation c = model.resizeConfirmation(b, resizeMiB.getText());
            if (c == null || ConfirmDialog.ask(getScene().getWindow(), c.title(), c.lost(), c.action())) {
                model.blockResize(b, resizeMiB.getText());
            }
        });
        // which disk is the user's choice: nothing selected, nothing resized
        resize.disableProperty().bind(resizeMiB.invalid().or(blocks.getSelectionModel().selectedItemProperty().isNull()));

        deviceXml.setId("deviceXmlField");
        deviceXml.setPrefRowCount(6);
        deviceXml.setPromptText("<disk ...> ... </disk> — pick a device above or write one");
        deviceXml.setStyle("-fx-font-family: monospace;");
        deviceAffect.setId("deviceAffect");
        deviceAffect.setValue(Affect.CURRENT);
        force.setId("deviceForceCheck");
        Button attach = Ui.button("attachDeviceButton", "Attach", () -> model.attachDevice(deviceXml.getText(), deviceAffect.getValue()));
        Button detach = Ui.button("detachDeviceButton", "Detach", () -> {
            Confirmation c = model.detachConfirmation(deviceAffect.getValue());
            if (ConfirmDialog.ask(getScene().getWindow(), c.title(), c.lost(), c.action())) {
                model.detachDevice(deviceXml.getText(), deviceAffect.getValue());
            }
        });
        Button update = Ui.button("updateDeviceButton", "Update", () -> model.updateDevice(deviceXml.getText(), deviceAffect.getValue(), force.isSelected()));
        Button refresh = Ui.button("refreshHardwareButton", "Refresh", () -> model.refresh());

        Ui.page(this, Ui.bar(Ui.outcome("hardwareOutcome", model.outcome(), model.failed()),
                refresh),
            Ui.section("Processors and memory", cpuMem),
            Ui.section("Devices", new VBox(6, devices, Ui.caption("Block info"), blocks, new HBox(8, resizeMiB, resize, resizeMiB.reason()))),
            Ui.section("Attach, detach or update a device from XML", new VBox(6, deviceXml,
                new HBox(8, Ui.caption("Apply to"), deviceAffect, force, attach, detach, update))));
        model.hardwareProperty().addListener((o, a, hw) -> show(hw));
    }

    private void show(HardwareInfo hw) {
        if (hw == null) {
            // another domain (or none): its values prefill the inputs afresh
            devices.getItems().clear();
            blocks.getItems().clear();
            return;
        }
        vcpuNow.setText(HardwareViewModel.vcpuSummary(hw));
        memNow.setText(HardwareViewModel.memorySummary(hw));
        // the inputs take the domain's values unless the user changed them since the last prefill
        Integer v = model.vcpusPrefill(hw, vcpus.getValue());
        if (v != null) {
            vcpus.getValueFactory().setValue(v);
        }
        String m = model.memoryPrefill(hw, memMiB.getText());
        if (m != null) {
            memMiB.setText(m);
        }
        devices.getItems().setAll(hw.devices());
        // the disk the user chose stays chosen across reloads (after a resize, say)
        String chosen = blocks.getSelectionModel().getSelectedItem() == null ? null : blocks.getSelectionModel().getSelectedItem().disk();
        blocks.getItems().setAll(hw.blocks());
        hw.blocks().stream().filter(b -> b.disk().equals(chosen)).findFirst().ifPresent(b -> blocks.getSelectionModel().select(b));
    }

    private static TableColumn<DomainDevice, String> col(String title, double width, java.util.function.Function<DomainDevice, String> f) {
        TableColumn<DomainDevice, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        return c;
    }

    private static TableColumn<BlockDetails, String> colB(String title, double width, java.util.function.Function<BlockDetails, String> f) {
        TableColumn<BlockDetails, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        return c;
    }
}
