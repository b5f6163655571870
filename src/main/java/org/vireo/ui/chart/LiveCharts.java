package org.vireo.ui.chart;

import java.util.List;
import java.util.function.Function;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ObservableValue;

/**
 * Redraws a group of charts on the ticks of the thing they show (a domain, a host), and
 * only while they are on screen: a page that is not shown listens to nothing.
 *
 * @param <T> what the charts show
 */
public final class LiveCharts<T> {
    private final Function<T, ObservableValue<?>> tickOf;
    private final List<TimeSeriesChart> charts;
    private final InvalidationListener redraw = o -> refresh();
    private T shown;
    private boolean live;

    public LiveCharts(Function<T, ObservableValue<?>> tickOf, TimeSeriesChart... charts) {
        this.tickOf = tickOf;
        this.charts = List.of(charts);
    }

    /** What the charts show now (null: nothing). */
    public T shown() {
        return shown;
    }

    public void show(T value) {
        unwatch();
        shown = value;
        watch();
    }

    /** Whether the charts are on screen. */
    public void setLive(boolean on) {
        unwatch();
        live = on;
        watch();
    }

    private void watch() {
        if (live && shown != null) {
            tickOf.apply(shown).addListener(redraw);
            refresh();
        }
    }

    private void unwatch() {
        if (shown != null) {
            tickOf.apply(shown).removeListener(redraw);
        }
    }

    private void refresh() {
        // an invalidation listener fires once until the value is read again
        if (shown != null) {
            tickOf.apply(shown).getValue();
        }
        for (TimeSeriesChart c : charts) {
            c.refresh();
        }
    }
}
