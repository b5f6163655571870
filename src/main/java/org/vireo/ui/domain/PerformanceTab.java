package org.vireo.ui.domain;

import javafx.geometry.Insets;
import javafx.scene.control.Tab;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import org.vireo.model.Metric;
import org.vireo.model.TimeSeries;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.chart.LiveCharts;
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
    private final LiveCharts<DomainRowViewModel> live;

    public PerformanceTab(PerformanceViewModel model) {
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
        live = new LiveCharts<>(DomainRowViewModel::tickProperty, cpu, memory, disk, net);
        model.tabSelectedProperty().bind(selectedProperty());
        model.domainProperty().addListener((o, a, row) -> live.show(row));
        live.show(model.domainProperty().getValue());
        model.liveProperty().addListener((o, a, on) -> live.setLive(on));
        live.setLive(model.liveProperty().get());
    }

    public TimeSeriesChart chart(Metric metric) {
        return switch (metric) {
            case CPU -> cpu;
            case MEMORY -> memory;
            case DISK_READ, DISK_WRITE, DISK_IOPS -> disk;
            case NET_RX, NET_TX -> net;
        };
    }

    private TimeSeries series(Metric metric) {
        return PerformanceViewModel.series(live == null ? null : live.shown(), metric);
    }
}
