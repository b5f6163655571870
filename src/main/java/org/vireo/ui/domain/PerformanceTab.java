package org.vireo.ui.domain;

import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Tab;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import org.vireo.model.Metric;
import org.vireo.model.TimeSeries;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.chart.Palette;
import org.vireo.ui.chart.TimeSeriesChart;

/**
 * Live CPU, memory, disk and network charts of the shown domain. It listens to the
 * domain's refreshes only while the tab is selected and the page is shown.
 */
public final class PerformanceTab extends Tab {
    private final TimeSeriesChart cpu;
    private final TimeSeriesChart memory;
    private final TimeSeriesChart disk;
    private final TimeSeriesChart net;
    private final ChangeListener<Number> redraw = (o, a, b) -> refresh();
    private DomainRowViewModel row;
    private boolean live;

    public PerformanceTab() {
        super("Performance");
        setId("performanceTab");
        cpu = new TimeSeriesChart("cpuChart", "CPU (the guest's vCPUs)", Metric.Unit.PERCENT)
            .line("CPU", () -> series(Metric.CPU), Palette.CPU).fixedMax(100);
        memory = new TimeSeriesChart("memoryChart", "Memory in use", Metric.Unit.KIB)
            .line("Used", () -> series(Metric.MEMORY), Palette.MEMORY);
        disk = new TimeSeriesChart("diskChart", "Disk I/O", Metric.Unit.BYTES_PER_SECOND)
            .line("Read", () -> series(Metric.DISK_READ), Palette.DISK)
            .line("Write", () -> series(Metric.DISK_WRITE), Palette.DISK_2);
        net = new TimeSeriesChart("netChart", "Network I/O", Metric.Unit.BYTES_PER_SECOND)
            .line("Received", () -> series(Metric.NET_RX), Palette.NET)
            .line("Sent", () -> series(Metric.NET_TX), Palette.NET_2);
        GridPane grid = new GridPane(10, 10);
        grid.setPadding(new Insets(10));
        grid.add(cpu, 0, 0);
        grid.add(memory, 1, 0);
        grid.add(disk, 0, 1);
        grid.add(net, 1, 1);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(50);
            c.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(c);
            RowConstraints r = new RowConstraints();
            r.setPercentHeight(50);
            r.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(r);
        }
        setContent(grid);
    }

    public TimeSeriesChart chart(Metric metric) {
        return switch (metric) {
            case CPU -> cpu;
            case MEMORY -> memory;
            case DISK_READ, DISK_WRITE, DISK_IOPS -> disk;
            case NET_RX, NET_TX -> net;
        };
    }

    /** Shows this domain (null: none). */
    void show(DomainRowViewModel domain) {
        unwatch();
        row = domain;
        watch();
    }

    /** Whether the charts are on screen: the page shown and this tab selected. */
    void setLive(boolean on) {
        unwatch();
        live = on;
        watch();
    }

    private void watch() {
        if (live && row != null) {
            row.tickProperty().addListener(redraw);
            refresh();
        }
    }

    private void unwatch() {
        if (row != null) {
            row.tickProperty().removeListener(redraw);
        }
    }

    private TimeSeries series(Metric metric) {
        return row == null ? TimeSeries.EMPTY : row.series(metric);
    }

    private void refresh() {
        cpu.refresh();
        memory.refresh();
        disk.refresh();
        net.refresh();
    }
}
