package org.vireo.ui.create;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.vireo.job.Job;
import org.vireo.model.DiskUse;
import org.vireo.model.DomainState;
import org.vireo.ui.DomainRowViewModel;

/** Clone and Delete of one domain: the new name and its problem; the disks with what may be deleted. */
public final class DomainCopyViewModel {
    private final DomainRowViewModel row;
    public final StringProperty cloneName = new SimpleStringProperty(this, "cloneName", "");
    public final StringProperty cloneProblem = new SimpleStringProperty(this, "cloneProblem", "");

    public DomainCopyViewModel(DomainRowViewModel row) {
        this.row = row;
        cloneName.addListener((o, a, n) -> checkName());
        cloneName.set(row.getName() + "-clone");
    }

    public DomainRowViewModel row() {
        return row;
    }

    private void checkName() {
        String n = cloneName.get().strip();
        if (row.getState() != DomainState.SHUTOFF) {
            cloneProblem.set("Shut " + row.getName() + " down first: its disks cannot be copied while it writes to them.");
        } else if (org.vireo.model.DomainNames.domainProblem(n, "the copy").isPresent()) {
            cloneProblem.set(org.vireo.model.DomainNames.domainProblem(n, "the copy").get());
        } else if (row.host().domains().stream().anyMatch(d -> d.getName().equals(n))) {
            cloneProblem.set("A domain named " + n + " already exists on this host.");
        } else {
            cloneProblem.set("");
        }
    }

    public Job startClone() {
        return row.host().createVmService().cloneDomain(row.uuid(), row.getName(), cloneName.get().strip());
    }

    public CompletableFuture<List<DiskUse>> disks() {
        return row.host().createVmService().disksOf(row.uuid());
    }

    /** Completes with the volumes kept although asked for (another domain took them meanwhile). */
    public CompletableFuture<List<String>> delete(List<String> paths) {
        return row.host().createVmService().delete(row.uuid(), paths);
    }
}
