package org.vireo.ui.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.vireo.model.DomainFlags.SnapshotDelete;
import org.vireo.model.DomainOverview;
import org.vireo.model.DomainXml;
import org.vireo.model.SnapshotInfo;
import org.vireo.model.SnapshotPlan;
import org.vireo.model.SnapshotSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Snapshots tab: the domain's snapshots, what the host's libvirt can do with external ones, and
 * what reverting to or deleting one loses.
 */
public final class SnapshotsViewModel extends DomainTabViewModel {
    /** A question before a delete: what is lost, and the answers that go ahead, each with how it deletes. */
    record DeleteQuestion(String title, String lost, List<Answer> answers) {
    }

    record Answer(String label, SnapshotDelete mode) {
    }

    private final ObservableList<SnapshotInfo> list = FXCollections.observableArrayList();
    private final LongProperty hostLibVersion = new SimpleLongProperty(this, "hostLibVersion");

    SnapshotsViewModel(DomainPageViewModel page) {
        super(page, DomainPageViewModel.SNAPSHOTS);
    }

    @Override
    void clear() {
        list.clear();
        hostLibVersion.set(0);
    }

    @Override
    void load() {
        page.fetch(DomainPageViewModel.SNAPSHOTS, () -> page.service().snapshots(page.uuid()), list::setAll);
        if (hostLibVersion.get() == 0) {
            snapshotSource(s -> hostLibVersion.set(s.libVersion()), e -> { });
        }
    }

    public ObservableList<SnapshotInfo> list() {
        return list;
    }

    /** The libvirt version of this domain's host (0 until the tab loaded): what it can do with external snapshots. */
    public LongProperty hostLibVersionProperty() {
        return hostLibVersion;
    }

    /** The wizard's snapshot: a job (Jobs panel), its outcome in the Snapshots tab's line. */
    public void createSnapshot(SnapshotPlan plan) {
        page.run(DomainPageViewModel.SNAPSHOTS, "Create snapshot " + plan.name(), () -> page.service().createSnapshot(page.uuid(), plan),
            DomainPageViewModel.SNAPSHOTS);
    }

    /** Reads what the snapshot wizard needs on the host's worker; the answer arrives on the FX thread. */
    void snapshotSource(Consumer<SnapshotSource> onOk, Consumer<String> onError) {
        if (page.domainProperty().get() == null) {
            onError.accept("No domain open.");
            return;
        }
        page.service().snapshotSource(page.uuid()).whenComplete((s, err) -> Platform.runLater(() -> {
            if (err != null) {
                onError.accept("Could not read the domain: " + DomainPageViewModel.reason(err));
            } else {
                onOk.accept(s);
            }
        }));
    }

    public void revertToSnapshot(String name, int flags) {
        page.run(DomainPageViewModel.SNAPSHOTS, "Revert to " + name, () -> page.service().revertToSnapshot(page.uuid(), name, flags),
            DomainPageViewModel.SNAPSHOTS);
    }

    public void deleteSnapshot(String name, SnapshotDelete mode) {
        page.run(DomainPageViewModel.SNAPSHOTS, "Delete " + name + " (" + mode.label() + ")",
            () -> page.service().deleteSnapshot(page.uuid(), name, mode), DomainPageViewModel.SNAPSHOTS);
    }

    boolean canRevertExternal() {
        return hostLibVersion.get() >= SnapshotSource.REVERT_EXTERNAL_SINCE;
    }

    boolean canDeleteExternal() {
        return hostLibVersion.get() >= SnapshotSource.DELETE_EXTERNAL_SINCE;
    }

    /** Whether Revert is refused for {@code s} (an external snapshot on a libvirt that cannot revert to one). */
    boolean revertRefused(SnapshotInfo s) {
        return s != null && s.external() && !canRevertExternal();
    }

    /** What the host's libvirt cannot do with {@code s}, in place of a failure after the click; "" when it can. */
    String limits(SnapshotInfo s) {
        long v = hostLibVersion.get();
        if (s == null || !s.external() || v == 0) {
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
    List<SnapshotInfo> descendants(SnapshotInfo s) {
        List<SnapshotInfo> out = new ArrayList<>();
        for (SnapshotInfo c : list) {
            if (c.parent().equals(s.name())) {
                out.add(c);
                out.addAll(descendants(c));
            }
        }
        return out;
    }

    /** What a revert to {@code target} asks first: everything since it is lost. */
    Confirmation revertConfirmation(SnapshotInfo target) {
        return new Confirmation("Revert " + page.name() + " to \"" + target.name() + "\"?", revertConsequence(target), "Revert");
    }

    /** Which snapshots a revert to {@code name} would make unreachable as the current state: everything since. */
    public String revertConsequence(SnapshotInfo target) {
        DomainOverview o = page.overview().overviewProperty().get();
        String state = page.domainProperty().get().getStatus().text();
        return "The domain (now " + state + ") returns to \"" + target.name() + "\" as it was "
            + (target.state().isEmpty() ? "" : "(" + target.state() + ") ")
            + "when the snapshot was taken. Everything written to its disks"
            + (target.withMemory() ? " and all of its memory" : "")
            + " since then is lost, unless another snapshot holds it."
            + (o != null && !o.currentSnapshot().isEmpty() && !o.currentSnapshot().equals(target.name())
            ? " The current snapshot is \"" + o.currentSnapshot() + "\"." : "");
    }

    /**
     * What deleting {@code s} asks: only libvirt's record where the host cannot delete an external snapshot's files; its
     * state alone where nothing is below it; else whether the snapshots below go too or move up.
     */
    DeleteQuestion deleteQuestion(SnapshotInfo s) {
        String title = "Delete snapshot \"" + s.name() + "\"?";
        List<SnapshotInfo> below = descendants(s);
        if (s.external() && !canDeleteExternal()) {
            String lost = "libvirt " + SnapshotSource.version(hostLibVersion.get()) + " cannot delete an external snapshot's "
                + "files (that came with " + SnapshotSource.version(SnapshotSource.DELETE_EXTERNAL_SINCE) + "). Deleting its record makes "
                + "libvirt forget \"" + s.name() + "\": it can no longer be reverted to from here; the overlay"
                + (s.withMemory() ? " and memory files stay" : " files stay") + " on the host and the disks keep running on the overlays."
                + (below.isEmpty() ? "" : " The " + below.size() + " snapshot(s) below it are kept.");
            return new DeleteQuestion(title, lost, List.of(new Answer("Delete the record", SnapshotDelete.METADATA_ONLY)));
        }
        String state = "The state saved in \"" + s.name() + "\"" + (s.withMemory() ? " (disks and memory)" : " (disks)") + " is lost.";
        if (below.isEmpty()) {
            return new DeleteQuestion(title, state, List.of(new Answer("Delete", SnapshotDelete.ONLY_THIS)));
        }
        String names = below.stream().map(SnapshotInfo::name).limit(6).collect(Collectors.joining(", "))
            + (below.size() > 6 ? ", …" : "");
        return new DeleteQuestion(title, state + " It has " + below.size() + " snapshot(s) below it (" + names + "). Delete them too, "
            + "or keep them (they then move up " + (s.parent().isEmpty() ? "to the top of the tree" : "below \"" + s.parent() + "\"") + ")?",
            List.of(new Answer("Delete it and the " + below.size() + " below", SnapshotDelete.WITH_CHILDREN),
                new Answer("Delete only \"" + s.name() + "\"", SnapshotDelete.ONLY_THIS)));
    }

    /** The disks a snapshot holds and how ("vda external, vdb no"), from its XML. */
    static String disks(SnapshotInfo s) {
        if (s.xml() == null || s.xml().isEmpty()) {
            return "";
        }
        NodeList nodes = DomainXml.parse(s.xml()).getElementsByTagName("disk");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (e.getParentNode() instanceof Element p && p.getTagName().equals("disks")) {
                out.add(e.getAttribute("name") + " " + e.getAttribute("snapshot"));
            }
        }
        return String.join(", ", out);
    }
}
