package org.vireo.ui.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.vireo.host.DomainService;
import org.vireo.model.CpuUsageRow;
import org.vireo.model.DomainFlags.Affect;
import org.vireo.model.HardwareInfo;
import org.vireo.model.TuningGroup;
import org.vireo.model.TuningParam;
import org.vireo.model.VcpuPin;

/**
 * The Tuning tab: scheduler, memory, blkio, NUMA, per-disk iotune, per-NIC bandwidth, vCPU and
 * emulator pinning, CPU stats; and the user's edits of its fields against libvirt's values, which a
 * reload (state change, reconnect) does not overwrite.
 */
public final class TuningViewModel extends DomainTabViewModel {
    private final ObservableList<TuningGroup> groups = FXCollections.observableArrayList();
    private final ObservableList<VcpuPin> vcpuPins = FXCollections.observableArrayList();
    private final ObservableList<CpuUsageRow> cpuStats = FXCollections.observableArrayList();
    private final StringProperty emulatorPin = new SimpleStringProperty(this, "emulatorPin", "");
    private final StringProperty cpuStatsNote = new SimpleStringProperty(this, "cpuStatsNote", "");
    private final StringProperty vcpuNote = new SimpleStringProperty(this, "vcpuNote", "");
    /** The user's edits by field id, for the open domain: the fields rebuilt by a reload show them. */
    private final Map<String, String> edits = new HashMap<>();

    TuningViewModel(DomainPageViewModel page) {
        super(page, DomainPageViewModel.TUNING);
    }

    @Override
    void clear() {
        edits.clear();
        groups.clear();
        vcpuPins.clear();
        cpuStats.clear();
        cpuStatsNote.set("");
        vcpuNote.set("");
    }

    @Override
    void load() {
        DomainService svc = page.service();
        String id = page.uuid();
        HardwareInfo hw = page.hardware().hardwareProperty().get();
        CompletableFuture<HardwareInfo> hwf = hw != null ? CompletableFuture.completedFuture(hw) : svc.hardware(id);
        hwf.thenCompose(h -> {
            List<String> disks = h.devices().stream().filter(d -> d.kind().equals("disk")).map(d -> d.target()).toList();
            List<String> nics = h.devices().stream().filter(d -> d.kind().equals("interface")).map(d -> d.target()).toList();
            List<CompletableFuture<TuningGroup>> parts = new ArrayList<>();
            for (String g : List.of("scheduler", "memory", "blkio", "numa")) {
                parts.add(svc.tuning(id, g, null, Affect.CURRENT));
            }
            disks.forEach(d -> parts.add(svc.tuning(id, "iotune", d, Affect.CURRENT)));
            nics.forEach(n -> parts.add(svc.tuning(id, "bandwidth", n, Affect.CURRENT)));
            return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(v -> parts.stream().map(CompletableFuture::join).toList());
        }).whenComplete(page.onPage((loaded, err) -> {
            if (err != null) {
                page.report(DomainPageViewModel.TUNING, "Loading tuning", err);
            } else {
                groups.setAll(loaded);
            }
        }));
        svc.vcpus(id).whenComplete(page.onPage((v, err) -> {
            vcpuNote.set(err == null ? "" : "No vCPU information: " + DomainPageViewModel.reason(err));
            if (err == null) {
                vcpuPins.setAll(v);
            } else {
                vcpuPins.clear();
            }
        }));
        svc.emulatorPin(id).whenComplete(page.onPage((v, err) -> emulatorPin.set(err == null ? v : "unknown: " + DomainPageViewModel.reason(err))));
        svc.cpuStats(id).whenComplete(page.onPage((v, err) -> {
            if (err == null) {
                cpuStatsNote.set(v.isEmpty() ? "libvirt reports no CPU usage for this domain." : "");
                cpuStats.setAll(v);
            } else {
                cpuStatsNote.set("Not available here: " + DomainPageViewModel.reason(err));
                cpuStats.clear();
            }
        }));
    }

    // ------------------------------------------------------------ the user's edits

    /** What a field shows when it is (re)built: the user's edit of it, else libvirt's value. */
    String shown(String fieldId, String libvirts) {
        return edits.getOrDefault(fieldId, libvirts);
    }

    /** The field now holds {@code text}: an edit while it differs from libvirt's value (returned), forgotten when it is back to it. */
    boolean edit(String fieldId, String text, String libvirts) {
        boolean edited = !text.equals(libvirts);
        if (edited) {
            edits.put(fieldId, text);
        } else {
            edits.remove(fieldId);
        }
        return edited;
    }

    /** The parameters of {@code group} whose field ({@code textOf} by parameter name) differs from libvirt's value, with the new text. */
    static Map<String, String> changes(TuningGroup group, Function<String, String> textOf) {
        Map<String, String> changed = new HashMap<>();
        for (TuningParam p : group.params()) {
            String v = textOf.apply(p.name());
            if (!v.equals(p.value())) {
                changed.put(p.name(), v);
            }
        }
        return changed;
    }

    /** Sends only what the user changed in {@code group}; nothing when nothing changed. */
    public void apply(TuningGroup group, Function<String, String> textOf, Affect affect) {
        Map<String, String> changed = changes(group, textOf);
        if (!changed.isEmpty()) {
            setTuning(group, changed, affect);
        }
    }

    public void setTuning(TuningGroup group, Map<String, String> values, Affect affect) {
        page.run(DomainPageViewModel.TUNING, "Set " + group.title(),
            () -> page.service().setTuning(page.uuid(), group.group(), group.target(), values, affect), DomainPageViewModel.TUNING);
    }

    public void pinVcpu(int vcpu, String cpus) {
        page.run(DomainPageViewModel.TUNING, "Pin vCPU " + vcpu + " to " + cpus, () -> page.service().pinVcpu(page.uuid(), vcpu, cpus),
            DomainPageViewModel.TUNING);
    }

    public void pinEmulator(String cpus) {
        page.run(DomainPageViewModel.TUNING, "Pin emulator to " + cpus, () -> page.service().pinEmulator(page.uuid(), cpus, Affect.CURRENT),
            DomainPageViewModel.TUNING);
    }

    /** A vCPU's CPU time in seconds ("1.25 s"). */
    static String vcpuTime(long ns) {
        return String.format("%.2f s", ns / 1e9);
    }

    /** A CPU time in seconds ("1.25 s"), "-" when libvirt gave none. */
    static String seconds(long ns) {
        return ns <= 0 ? "-" : String.format("%.2f s", ns / 1e9);
    }

    public ObservableList<TuningGroup> groups() {
        return groups;
    }

    public ObservableList<VcpuPin> vcpuPins() {
        return vcpuPins;
    }

    public ObservableList<CpuUsageRow> cpuStats() {
        return cpuStats;
    }

    /** Why the CPU usage grid is empty (libvirt's message), or "". */
    public StringProperty cpuStatsNoteProperty() {
        return cpuStatsNote;
    }

    /** Why there is no vCPU information (libvirt's message, e.g. the domain is not running), or "". */
    public StringProperty vcpuNoteProperty() {
        return vcpuNote;
    }

    public StringProperty emulatorPinProperty() {
        return emulatorPin;
    }
}
