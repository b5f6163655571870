package org.vireo.ui.domain;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import org.vireo.model.DomainLabels;
import org.vireo.model.DomainNames;
import org.vireo.model.SnapshotPlan;
import org.vireo.model.SnapshotPlan.Kind;
import org.vireo.model.SnapshotSource;

/**
 * The snapshot wizard's state: kind, disks, quiesce, name and description, what libvirt would
 * refuse (problems) and what it will cost (memory written, disks touched), in words. The
 * domain's facts come from the host's worker; everything here changes on the FX thread only.
 */
public final class SnapshotWizardViewModel {
    private final SnapshotsViewModel page;
    private final ObjectProperty<SnapshotSource> source = new SimpleObjectProperty<>();
    private final StringProperty loadError = new SimpleStringProperty("");
    private final ObjectProperty<Kind> kind = new SimpleObjectProperty<>(Kind.INTERNAL);
    private final ObservableSet<String> disks = FXCollections.observableSet();
    private final BooleanProperty quiesce = new SimpleBooleanProperty();
    private final StringProperty name = new SimpleStringProperty(
        "snap-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    private final StringProperty description = new SimpleStringProperty("");
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final StringProperty cost = new SimpleStringProperty("");
    private final Set<String> existing;

    SnapshotWizardViewModel(SnapshotsViewModel page) {
        this.page = page;
        this.existing = page.list().stream().map(s -> s.name()).collect(Collectors.toSet());
        Observable[] inputs = {source, kind, disks, quiesce, name};
        for (Observable o : inputs) {
            o.addListener(x -> recompute());
        }
        source.addListener((o, a, s) -> {
            if (s != null) {
                s.disks().stream().filter(SnapshotSource.Disk::snapshotable).forEach(d -> disks.add(d.target()));
                if (s.active() && kind.get() == Kind.INTERNAL && s.disks().stream().anyMatch(d -> d.snapshotable() && !d.format().equals("qcow2"))) {
                    kind.set(Kind.EXTERNAL_DISKS);
                }
            }
        });
        // the agent's freeze is what makes a disk-only snapshot of a running guest consistent: on whenever it can be
        kind.addListener((o, a, k) -> quiesce.set(k == Kind.EXTERNAL_DISKS && source.get() != null && source.get().agentConnected()));
        loadError.addListener(x -> recompute());
        recompute();
        page.snapshotSource(source::set, loadError::set);
    }

    public SnapshotPlan plan() {
        SnapshotSource s = source.get();
        List<String> chosen = s == null ? List.of() : s.disks().stream().map(SnapshotSource.Disk::target).filter(disks::contains).toList();
        return new SnapshotPlan(name.get().strip(), description.get(), kind.get(), chosen, quiesce.get());
    }

    /** Starts the snapshot as a job; false (and nothing sent) while there are problems. */
    public boolean create() {
        if (source.get() == null || !problems.isEmpty()) {
            return false;
        }
        page.createSnapshot(plan());
        return true;
    }

    private void recompute() {
        SnapshotSource s = source.get();
        if (s == null) {
            problems.setAll(loadError.get().isEmpty() ? "Reading the domain…" : loadError.get());
            cost.set("");
            return;
        }
        SnapshotPlan p = plan();
        problems.setAll(problems(s, p, existing));
        cost.set(cost(s, p));
    }

    /** What libvirt would refuse (or what makes no sense) in words, before anything is sent. */
    public static List<String> problems(SnapshotSource s, SnapshotPlan p, Set<String> existing) {
        List<String> out = new ArrayList<>();
        if (p.name().isEmpty()) {
            out.add("Name: needed (it also names the overlay and memory files).");
        } else if (!p.name().matches("[A-Za-z0-9._+-]+")) {
            out.add("Name: letters, digits and . _ + - only (it names files on the host).");
        } else if (DomainNames.snapshotProblem(p.name()).isPresent()) {
            out.add("Name: " + DomainNames.snapshotProblem(p.name()).get());
        } else if (existing.contains(p.name())) {
            out.add("Name: " + s.domain() + " already has a snapshot \"" + p.name() + "\".");
        }
        DomainLabels.descriptionProblem(p.description()).ifPresent(out::add);
        List<SnapshotSource.Disk> takeable = s.disks().stream().filter(SnapshotSource.Disk::snapshotable).toList();
        switch (p.kind()) {
            case INTERNAL -> takeable.stream().filter(d -> !d.format().equals("qcow2")).forEach(d ->
                out.add("Internal snapshots live inside qcow2 images: " + d.target() + " is " + (d.format().isEmpty() ? "not qcow2" : d.format())
                    + ". Choose an external snapshot."));
            case EXTERNAL_DISKS, EXTERNAL_MEMORY -> {
                if (p.disks().isEmpty()) {
                    out.add("Disks: choose at least one.");
                }
                if (p.kind() == Kind.EXTERNAL_MEMORY && !s.active()) {
                    out.add("Memory can be kept only while the guest runs; " + s.domain() + " is shut off.");
                }
            }
        }
        if (p.quiesce()) {
            if (!s.active()) {
                out.add("Quiesce: the guest is not running, so there is nothing to freeze.");
            } else if (!s.agentConnected()) {
                out.add("Quiesce: no guest agent is connected (qemu-guest-agent on the org.qemu.guest_agent.0 channel).");
            } else if (p.kind() != Kind.EXTERNAL_DISKS) {
                out.add("Quiesce: only for disk-only snapshots (a snapshot with memory is consistent as it is).");
            }
        }
        return out;
    }

    /** What the snapshot will cost, one line per item: the memory written, each disk touched, the pause. */
    static String cost(SnapshotSource s, SnapshotPlan p) {
        List<String> lines = new ArrayList<>();
        String mem = Ui.bytes(s.memoryKib() * 1024);
        String firstImage = s.disks().stream().filter(SnapshotSource.Disk::snapshotable).map(SnapshotSource.Disk::file).findFirst().orElse(null);
        switch (p.kind()) {
            case INTERNAL -> lines.add(s.active()
                ? "Memory: " + mem + " written into the qcow2 image; the guest pauses while QEMU writes it."
                : "Memory: none (the domain is shut off).");
            case EXTERNAL_DISKS -> lines.add(s.active()
                ? "Memory: not kept; reverting to it starts the guest from its disks, as after a power cut."
                : "Memory: none (the domain is shut off).");
            case EXTERNAL_MEMORY -> lines.add("Memory: " + mem + " written to " + SnapshotPlan.memoryFileFor(s.domain(), firstImage, p.name())
                + "; the guest pauses while it is written, then runs on.");
        }
        for (SnapshotSource.Disk d : s.disks()) {
            String now = d.capacity() > 0 ? " (" + Ui.bytes(d.allocation()) + " used of " + Ui.bytes(d.capacity()) + ")" : "";
            if (!d.snapshotable()) {
                lines.add(d.target() + ": left out (" + (d.file().isEmpty() ? "not a file" : d.device()) + ").");
            } else if (p.kind() == Kind.INTERNAL) {
                lines.add(d.target() + ": a snapshot inside " + d.file() + now + "; the image grows with what changes from now on.");
            } else if (p.disks().contains(d.target())) {
                lines.add(d.target() + ": new overlay " + SnapshotPlan.overlayFor(d.file(), p.name()) + " takes every write from now on; "
                    + d.file() + now + " stays as it is.");
            } else {
                lines.add(d.target() + ": not in the snapshot; what it holds is not kept.");
            }
        }
        if (p.quiesce()) {
            lines.add("Filesystems: frozen through the guest agent for the moment the overlays are made, then thawed.");
        }
        if (p.kind() != Kind.INTERNAL) {
            if (s.libVersion() < SnapshotSource.REVERT_EXTERNAL_SINCE) {
                lines.add("This host runs libvirt " + SnapshotSource.version(s.libVersion()) + ": reverting to an external snapshot needs "
                    + SnapshotSource.version(SnapshotSource.REVERT_EXTERNAL_SINCE) + ", deleting its files "
                    + SnapshotSource.version(SnapshotSource.DELETE_EXTERNAL_SINCE) + " (until then only libvirt's record of it can be deleted).");
            }
        }
        return String.join("\n", lines);
    }

    public ObjectProperty<SnapshotSource> sourceProperty() {
        return source;
    }

    public StringProperty loadErrorProperty() {
        return loadError;
    }

    public ObjectProperty<Kind> kindProperty() {
        return kind;
    }

    public ObservableSet<String> disks() {
        return disks;
    }

    public BooleanProperty quiesceProperty() {
        return quiesce;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public ObservableList<String> problems() {
        return problems;
    }

    public StringProperty costProperty() {
        return cost;
    }

    public String domainName() {
        return page.name();
    }
}
