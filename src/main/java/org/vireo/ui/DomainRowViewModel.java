package org.vireo.ui;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.vireo.model.DomainState;
import org.vireo.model.DomainStatus;
import org.vireo.model.DomainSummary;

/** One domain as the tree and the table show it. Changed only on the FX thread. */
public final class DomainRowViewModel {
    private final HostViewModel host;
    private final String uuid;
    private final StringProperty name = new SimpleStringProperty(this, "name");
    private final ObjectProperty<DomainStatus> status = new SimpleObjectProperty<>(this, "status");
    private final IntegerProperty vcpus = new SimpleIntegerProperty(this, "vcpus");
    private final LongProperty memoryKiB = new SimpleLongProperty(this, "memoryKiB");
    private final DoubleProperty cpuPercent = new SimpleDoubleProperty(this, "cpuPercent", Double.NaN);

    DomainRowViewModel(HostViewModel host, DomainSummary summary) {
        this.host = host;
        this.uuid = summary.uuid();
        update(summary);
    }

    /** Takes the new figures; properties fire only for values that changed. */
    void update(DomainSummary s) {
        name.set(s.name());
        if (!s.status().equals(status.get())) {
            status.set(s.status());
        }
        vcpus.set(s.vcpus());
        memoryKiB.set(s.memoryKiB());
        double cpu = s.cpuPercent();
        if (Double.compare(cpu, cpuPercent.get()) != 0) {
            cpuPercent.set(cpu);
        }
    }

    public HostViewModel host() {
        return host;
    }

    public String uuid() {
        return uuid;
    }

    public String getName() {
        return name.get();
    }

    public ReadOnlyStringProperty nameProperty() {
        return name;
    }

    public DomainStatus getStatus() {
        return status.get();
    }

    public DomainState getState() {
        return status.get().state();
    }

    public ReadOnlyObjectProperty<DomainStatus> statusProperty() {
        return status;
    }

    public ReadOnlyIntegerProperty vcpusProperty() {
        return vcpus;
    }

    public ReadOnlyLongProperty memoryKiBProperty() {
        return memoryKiB;
    }

    public ReadOnlyDoubleProperty cpuPercentProperty() {
        return cpuPercent;
    }

    @Override
    public String toString() {
        return getName();
    }
}
