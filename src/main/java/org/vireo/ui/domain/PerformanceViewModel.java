package org.vireo.ui.domain;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;
import org.vireo.model.Metric;
import org.vireo.model.TimeSeries;
import org.vireo.ui.DomainRowViewModel;

/**
 * The Performance tab: the open domain's CPU, memory, disk and network series, and when its charts
 * follow the domain's refreshes: only while the tab is selected and the page is shown.
 */
public final class PerformanceViewModel {
    private final ObjectProperty<DomainRowViewModel> domain;
    private final BooleanProperty pageShown = new SimpleBooleanProperty(this, "pageShown");
    private final BooleanProperty tabSelected = new SimpleBooleanProperty(this, "tabSelected");
    private final BooleanBinding live = Bindings.createBooleanBinding(() -> pageShown.get() && tabSelected.get(), pageShown, tabSelected);

    PerformanceViewModel(ObjectProperty<DomainRowViewModel> domain) {
        this.domain = domain;
    }

    public ObservableValue<DomainRowViewModel> domainProperty() {
        return domain;
    }

    /** Whether the domain page is on screen (the page sets it). */
    public BooleanProperty pageShownProperty() {
        return pageShown;
    }

    /** Whether the Performance tab is the selected one (the page sets it). */
    public BooleanProperty tabSelectedProperty() {
        return tabSelected;
    }

    /** Whether the charts follow the domain's refreshes: page shown and tab selected. */
    public BooleanBinding liveProperty() {
        return live;
    }

    /** The series of {@code metric} of the domain {@code row} (the one the charts show), empty for none. */
    static TimeSeries series(DomainRowViewModel row, Metric metric) {
        return row == null ? TimeSeries.EMPTY : row.series(metric);
    }
}
