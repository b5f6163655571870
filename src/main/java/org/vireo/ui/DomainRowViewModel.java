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
import org.vireo.model.DomainRates;
import org.vireo.model.Metric;
import org.vireo.model.TimeSeries;

/** One domain as the tree and the table show it. Changed only on the FX thread. */
public final class DomainRowViewModel {
    private final HostViewModel host;
    private final String uuid;
    private final StringProperty name = new SimpleStringProperty(this, "name");
    private final ObjectProperty<DomainStatus> status = new SimpleObjectProperty<>(this, "status");
    private final IntegerProperty vcpus = new SimpleIntegerProperty(this, "vcpus");
    private final LongProperty memoryKiB = new SimpleLongProperty(this, "memoryKiB");
    private final DoubleProperty cpuPercent = new SimpleDoubleProperty(this, "cpuPercent", Double.NaN);
    private final LongProperty memoryUsedKiB = new SimpleLongProperty(this, "memoryUsedKiB");
    private final DoubleProperty diskBps = new SimpleDoubleProperty(this, "diskBps", Double.NaN);
    private final DoubleProperty netBps = new SimpleDoubleProperty(this, "netBps", Double.NaN);
    /** Counts the refreshes this row took part in: what live cells and charts redraw on. */
    private final LongProperty tick = new SimpleLongProperty(this, "tick");
    private DomainRates rates = DomainRates.UNKNOWN;
    private final StringProperty title = new SimpleStringProperty(this, "title", "");
    private final StringProperty description = new SimpleStringProperty(this, "description", "");
    private final ObjectProperty<java.util.List<String>> tags = new SimpleObjectProperty<>(this, "tags", java.util.List.of());
    /** Name, title, description and tags in lower case: what a search looks in (built when they change, not per keystroke). */
    private String searchText = "";
    private String lowerName = "";
    private java.util.List<String> addresses = java.util.List.of();

    DomainRowViewModel(HostViewModel host, DomainSummary summary) {
        this.host = host;
        this.uuid = summary.uuid();
        update(summary);
    }

    /** Takes the title, description and tags read from the domain's metadata. */
    void applyLabels(org.vireo.model.DomainLabels labels) {
        title.set(labels.title());
        description.set(labels.description());
        if (!labels.tags().equals(tags.get())) {
            tags.set(labels.tags());
        }
        addresses = labels.addresses();
        rebuildSearchText();
    }

    private void rebuildSearchText() {
        lowerName = getName().toLowerCase(java.util.Locale.ROOT);
        searchText = (getName() + "\n" + title.get() + "\n" + description.get() + "\n" + String.join("\n", tags.get()) + "\n" + String.join("\n", addresses))
            .toLowerCase(java.util.Locale.ROOT);
    }

    /** Takes the new figures; properties fire only for values that changed. */
    void update(DomainSummary s) {
        if (!s.name().equals(name.get())) {
            name.set(s.name());
            rebuildSearchText();
        }
        if (!s.status().equals(status.get())) {
            status.set(s.status());
        }
        vcpus.set(s.vcpus());
        memoryKiB.set(s.memoryKiB());
        setIfChanged(cpuPercent, s.cpuPercent());
        memoryUsedKiB.set(s.memoryUsedKiB());
        setIfChanged(diskBps, s.rates().diskBps());
        setIfChanged(netBps, s.rates().netBps());
        rates = s.rates();
        tick.set(tick.get() + 1);
    }

    private static void setIfChanged(DoubleProperty p, double v) {
        // NaN != NaN: compare bit patterns so an unknown figure does not fire every tick
        if (Double.compare(v, p.get()) != 0) {
            p.set(v);
        }
    }

    /** The domain's recent figures of a metric (10 minutes by default). */
    public TimeSeries series(Metric metric) {
        return host.series(uuid, metric);
    }

    public DomainRates rates() {
        return rates;
    }

    public ReadOnlyLongProperty memoryUsedKiBProperty() {
        return memoryUsedKiB;
    }

    public ReadOnlyDoubleProperty diskBpsProperty() {
        return diskBps;
    }

    public ReadOnlyDoubleProperty netBpsProperty() {
        return netBps;
    }

    public ReadOnlyLongProperty tickProperty() {
        return tick;
    }

    /** The libvirt title ("" when none). */
    public ReadOnlyStringProperty titleProperty() {
        return title;
    }

    public ReadOnlyStringProperty descriptionProperty() {
        return description;
    }

    /** Vireo's tags of the domain (its XML metadata), in their order. */
    public ReadOnlyObjectProperty<java.util.List<String>> tagsProperty() {
        return tags;
    }

    public java.util.List<String> getTags() {
        return tags.get();
    }

    /** The name in lower case (for the palette's matching, made when the name changes). */
    public String lowerName() {
        return lowerName;
    }

    /** The IP addresses last read from the DHCP leases (running domains). */
    public java.util.List<String> addresses() {
        return addresses;
    }

    /** Name, title, description, tags and addresses, lower case, one per line (see {@link #matches}). */
    public String searchText() {
        return searchText;
    }

    /** Whether every lower-case word of a search occurs in the name, title, description or tags. */
    public boolean matches(String[] words) {
        for (String w : words) {
            if (!searchText.contains(w)) {
                return false;
            }
        }
        return true;
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
