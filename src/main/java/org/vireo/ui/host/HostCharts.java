package org.vireo.ui.host;

import javafx.beans.value.ChangeListener;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.vireo.model.HostMetric;
import org.vireo.model.Metric;
import org.vireo.model.TimeSeries;
import org.vireo.ui.HostViewModel;
import org.vireo.ui.chart.Palette;
import org.vireo.ui.chart.TimeSeriesChart;

/**
 * The host's own CPU and memory next to the sums over its guests, live. Listens to the
 * shown host's refreshes only while it is on screen.
 */
public final class HostCharts extends HBox {
    private final TimeSeriesChart cpu;
    private final TimeSeriesChart memory;
    private final TimeSeriesChart io;
    private final ChangeListener<Number> redraw = (o, a, b) -> refresh();
    private HostViewModel host;
    private boolean live;

    public HostCharts() {
        super(8);
        setId("hostCharts");
        cpu = new TimeSeriesChart("hostCpuChart", "CPU (all host CPUs)", Metric.Unit.PERCENT)
            .line("Host", () -> series(HostMetric.CPU), Palette.CPU)
            .line("Guests", () -> series(HostMetric.GUESTS_CPU), Palette.CPU_2).fixedMax(100);
        memory = new TimeSeriesChart("hostMemoryChart", "Memory in use", Metric.Unit.KIB)
            .line("Host", () -> series(HostMetric.MEMORY), Palette.MEMORY)
            .line("Guests", () -> series(HostMetric.GUESTS_MEMORY), Palette.MEMORY_2);
        io = new TimeSeriesChart("hostIoChart", "Guests' I/O", Metric.Unit.BYTES_PER_SECOND)
            .line("Disk", () -> series(HostMetric.GUESTS_DISK), Palette.DISK)
            .line("Network", () -> series(HostMetric.GUESTS_NET), Palette.NET);
        for (TimeSeriesChart c : new TimeSeriesChart[] {cpu, memory, io}) {
            HBox.setHgrow(c, Priority.ALWAYS);
            c.setPrefHeight(170);
            c.setMinWidth(200);
            c.setPrefWidth(300);
        }
        getChildren().addAll(cpu, memory, io);
    }

    public void show(HostViewModel h) {
        unwatch();
        host = h;
        watch();
    }

    public void setLive(boolean on) {
        unwatch();
        live = on;
        watch();
    }

    private void watch() {
        if (live && host != null) {
            host.tickProperty().addListener(redraw);
            refresh();
        }
    }

    private void unwatch() {
        if (host != null) {
            host.tickProperty().removeListener(redraw);
        }
    }

    private TimeSeries series(HostMetric metric) {
        return host == null ? TimeSeries.EMPTY : host.hostSeries(metric);
    }

    private void refresh() {
        cpu.refresh();
        memory.refresh();
        io.refresh();
    }
}
