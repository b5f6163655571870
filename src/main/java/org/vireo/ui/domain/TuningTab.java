package org.vireo.ui.domain;

import java.util.HashMap;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.vireo.model.CpuUsageRow;
import org.vireo.model.DomainFlags.Affect;
import org.vireo.model.TuningGroup;
import org.vireo.model.TuningParam;
import org.vireo.model.VcpuPin;

/** Tuning: scheduler, memory, blkio, NUMA, per-disk iotune, per-NIC bandwidth, vCPU pinning, emulator pinning, CPU stats. */
final class TuningTab extends VBox {
    private final TuningViewModel model;
    private final VBox groups = new VBox(10);
    private final GridPane vcpus = new GridPane(10, 6);
    private final GridPane cpu = new GridPane(16, 4);
    private final Label cpuNote = new Label();

    TuningTab(TuningViewModel model) {
        this.model = model;
        setId("tuningPane");
        groups.setId("tuningGroups");
        vcpus.setId("vcpuPinGrid");
        cpu.setId("cpuStatsGrid");
        model.groups().addListener((ListChangeListener<TuningGroup>) c -> showGroups());
        model.vcpuPins().addListener((ListChangeListener<VcpuPin>) c -> showPins());
        model.cpuStats().addListener((ListChangeListener<CpuUsageRow>) c -> showCpu());
        TextField emu = new TextField();
        emu.setId("emulatorPinField");
        emu.setPrefColumnCount(8);
        keep(emu, () -> model.emulatorPinProperty().get());
        model.emulatorPinProperty().addListener((o, a, v) -> emu.setText(model.shown(emu.getId(), v)));
        Button pinEmu = Ui.button("pinEmulatorButton", "Pin emulator", () -> model.pinEmulator(emu.getText()));
        Button refresh = Ui.button("refreshTuningButton", "Refresh", () -> model.refresh());
        HBox emuRow = new HBox(8, Ui.caption("Emulator threads on host CPUs"), emu, pinEmu);
        emuRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Ui.page(this, Ui.bar(Ui.outcome("tuningOutcome", model.outcome(), model.failed()),
                refresh),
            Ui.section("vCPUs and pinning", new VBox(6, vcpus, emuRow)),
            groups,
            Ui.section("Host CPU usage of this domain (virDomainGetCPUStats)", new VBox(6, cpuNote, cpu)));
        cpuNote.setId("cpuStatsNote");
        cpuNote.setWrapText(true);
        cpuNote.getStyleClass().add("text-muted");
        cpuNote.textProperty().bind(model.cpuStatsNoteProperty());
        cpuNote.managedProperty().bind(cpuNote.textProperty().isNotEmpty());
        cpuNote.visibleProperty().bind(cpuNote.managedProperty());
        model.vcpuNoteProperty().addListener((o, a, b) -> showPins());
    }

    private void showGroups() {
        groups.getChildren().clear();
        for (TuningGroup g : model.groups()) {
            String id = g.group() + (g.target() == null ? "" : "-" + g.target());
            if (!g.supported()) {
                Label why = new Label("Not available here: " + g.unsupported());
                why.setId("tuning-" + id + "-unsupported");
                why.setWrapText(true);
                why.getStyleClass().add("text-muted");
                groups.getChildren().add(Ui.section(g.title(), why));
                continue;
            }
            GridPane grid = new GridPane(10, 4);
            Map<String, TextField> fields = new HashMap<>();
            // two columns of name / value / type: the I/O limits alone have 19 parameters
            int i = 0;
            for (TuningParam p : g.params()) {
                TextField f = new TextField(model.shown("tuning-" + id + "-" + p.name(), p.value()));
                f.setId("tuning-" + id + "-" + p.name());
                keep(f, p::value);
                f.setPrefColumnCount(10);
                f.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                fields.put(p.name(), f);
                int col = (i % 2) * 3;
                grid.add(Ui.caption(p.name()), col, i / 2);
                grid.add(f, col + 1, i / 2);
                Label type = Ui.caption(p.type());
                if (col == 0) {
                    type.setPadding(new javafx.geometry.Insets(0, 16, 0, 0));
                }
                grid.add(type, col + 2, i / 2);
                i++;
            }
            int r = (i + 1) / 2;
            ChoiceBox<Affect> affect = new ChoiceBox<>(FXCollections.observableArrayList(Affect.values()));
            affect.setValue(Affect.CURRENT);
            affect.setId("tuning-" + id + "-affect");
            Button apply = Ui.button("tuning-" + id + "-apply", "Apply changes",
                () -> model.apply(g, name -> fields.get(name).getText(), affect.getValue()));
            apply.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            affect.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            HBox applyRow = new HBox(8, affect, apply);
            GridPane.setColumnSpan(applyRow, 3);
            grid.add(applyRow, 1, r);
            groups.getChildren().add(Ui.section(g.title(), grid));
        }
    }

    /** Remembers what the user types into {@code f} while it differs from libvirt's value, and marks the field. */
    private void keep(TextField f, java.util.function.Supplier<String> libvirts) {
        Runnable mark = () -> {
            boolean edited = model.edit(f.getId(), f.getText(), libvirts.get());
            f.pseudoClassStateChanged(atlantafx.base.theme.Styles.STATE_ACCENT, edited);
        };
        f.textProperty().addListener((o, a, b) -> mark.run());
        mark.run();
    }

    private void showPins() {
        vcpus.getChildren().clear();
        vcpus.addRow(0, Ui.caption("vCPU"), Ui.caption("State"), Ui.caption("CPU time"), Ui.caption("On host CPU"), Ui.caption("May run on"));
        int r = 1;
        for (VcpuPin v : model.vcpuPins()) {
            TextField aff = new TextField(model.shown("vcpuAffinity-" + v.number(), v.affinity()));
            aff.setId("vcpuAffinity-" + v.number());
            keep(aff, v::affinity);
            aff.setPrefColumnCount(6);
            vcpus.addRow(r++, new Label(Integer.toString(v.number())), new Label(v.state()),
                new Label(TuningViewModel.vcpuTime(v.cpuTimeNs())), new Label(Integer.toString(v.hostCpu())),
                new HBox(6, aff, Ui.button("pinVcpu-" + v.number(), "Pin", () -> model.pinVcpu(v.number(), aff.getText()))));
        }
        if (model.vcpuPins().isEmpty()) {
            Label none = new Label(model.vcpuNoteProperty().get().isEmpty() ? "No vCPU information yet." : model.vcpuNoteProperty().get());
            none.setId("vcpuNote");
            none.setWrapText(true);
            GridPane.setColumnSpan(none, 5);
            vcpus.addRow(1, none);
        }
    }

    private void showCpu() {
        cpu.getChildren().clear();
        cpu.addRow(0, Ui.caption("Host CPU"), Ui.caption("CPU time"), Ui.caption("user"), Ui.caption("system"), Ui.caption("vCPU time"));
        int r = 1;
        for (CpuUsageRow row : model.cpuStats()) {
            cpu.addRow(r++, new Label(row.cpu() < 0 ? "total" : Integer.toString(row.cpu())), new Label(TuningViewModel.seconds(row.cpuTimeNs())),
                new Label(TuningViewModel.seconds(row.userTimeNs())), new Label(TuningViewModel.seconds(row.systemTimeNs())),
                new Label(TuningViewModel.seconds(row.vcpuTimeNs())));
        }
    }
}
