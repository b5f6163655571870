package org.vireo.ui.domain;

import java.util.Comparator;
import org.vireo.model.NaturalOrder;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.vireo.model.DomainStatus;
import org.vireo.model.Metric;
import org.vireo.ui.chart.Palette;
import org.vireo.ui.chart.SparklineCell;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.Formats;
import org.vireo.ui.MainViewModel;

/** The domains of the selected host, filtered by name; sortable; multi-select for actions. */
public final class DomainTableView extends TableView<DomainRowViewModel> {

    public DomainTableView(MainViewModel model) {
        setId("domainTable");
        getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new Label("No domains on this host"));

        TableColumn<DomainRowViewModel, String> name = new TableColumn<>("Name");
        name.setId("nameColumn");
        name.setCellValueFactory(c -> c.getValue().nameProperty());
        name.setPrefWidth(150);

        TableColumn<DomainRowViewModel, DomainStatus> state = new TableColumn<>("State");
        state.setId("stateColumn");
        state.setCellValueFactory(c -> c.getValue().statusProperty());
        state.setCellFactory(c -> new StateCell<>());
        state.setComparator(Comparator.comparing((DomainStatus s) -> s.state().ordinal()).thenComparing(DomainStatus::reason));
        state.setPrefWidth(140);

        TableColumn<DomainRowViewModel, Number> vcpus = new TableColumn<>("vCPUs");
        vcpus.setId("vcpusColumn");
        vcpus.setCellValueFactory(c -> c.getValue().vcpusProperty());
        vcpus.setPrefWidth(58);
        vcpus.setStyle("-fx-alignment: CENTER-RIGHT;");

        TableColumn<DomainRowViewModel, Number> memory = new TableColumn<>("Memory");
        memory.setId("memoryColumn");
        memory.setCellValueFactory(c -> c.getValue().memoryKiBProperty());
        memory.setCellFactory(c -> new FormattedCell(n -> Formats.memoryKiB(n.longValue())));
        memory.setPrefWidth(78);

        var cpu = live("CPU", "cpuColumn", Palette.CPU, r -> r.cpuPercentProperty().get(), Metric.CPU);
        var mem = live("Memory use", "memoryUseColumn", Palette.MEMORY, r -> r.memoryUsedKiBProperty().get(), Metric.MEMORY);
        var disk = live("Disk I/O", "diskColumn", Palette.DISK, r -> r.diskBpsProperty().get(), Metric.DISK_READ, Metric.DISK_WRITE);
        var net = live("Network I/O", "netColumn", Palette.NET, r -> r.netBpsProperty().get(), Metric.NET_RX, Metric.NET_TX);

        getColumns().setAll(java.util.List.of(name, state, vcpus, memory, cpu, mem, disk, net));
        // one row height for all: sorted by a live figure, rows move every tick, and a table that
        // measures its rows would measure them all again each time (as the fleet table did)
        setFixedCellSize(Math.ceil(javafx.scene.text.Font.getDefault().getSize() * 3.2));
        name.setSortType(TableColumn.SortType.ASCENDING);
        name.setComparator(NaturalOrder.INSTANCE);
        getSortOrder().add(name);
        bind(model.visibleDomainsProperty().get());
        // an invalidation listener: a change listener would miss a swap between two equal (say, empty) lists
        model.visibleDomainsProperty().addListener((javafx.beans.Observable o) -> bind(model.visibleDomainsProperty().get()));
    }

    /**
     * A sparkline column. Its cells' value is the row itself, which never changes: a value
     * that changed every tick would make every visible cell ask for a new layout of the
     * whole table every tick. The cells redraw their canvas on the row's tick instead, and
     * sorting compares the figure the column shows.
     */
    private static TableColumn<DomainRowViewModel, DomainRowViewModel> live(String title, String id, Palette color,
            java.util.function.ToDoubleFunction<DomainRowViewModel> figure, Metric... metrics) {
        TableColumn<DomainRowViewModel, DomainRowViewModel> col = new TableColumn<>(title);
        col.setId(id);
        col.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue()));
        col.setCellFactory(c -> new SparklineCell<>(color, metrics));
        col.setComparator((a, b) -> Double.compare(nanLast(figure.applyAsDouble(a)), nanLast(figure.applyAsDouble(b))));
        col.setPrefWidth(118);
        col.setMinWidth(112);
        return col;
    }

    private static double nanLast(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    private void bind(FilteredList<DomainRowViewModel> list) {
        SortedList<DomainRowViewModel> sorted = new SortedList<>(list);
        sorted.comparatorProperty().bind(comparatorProperty());
        setItems(sorted);
    }

    private static final class FormattedCell extends TableCell<DomainRowViewModel, Number> {
        private final java.util.function.Function<Number, String> format;

        FormattedCell(java.util.function.Function<Number, String> format) {
            this.format = format;
            setStyle("-fx-alignment: CENTER-RIGHT;");
        }

        @Override
        protected void updateItem(Number value, boolean empty) {
            super.updateItem(value, empty);
            setText(empty || value == null ? null : format.apply(value));
        }
    }

}
