package org.vireo.ui.domain;

import java.util.Comparator;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.kordamp.ikonli.javafx.FontIcon;
import org.vireo.model.DomainStatus;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.Formats;
import org.vireo.ui.Icons;
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
        name.setPrefWidth(240);

        TableColumn<DomainRowViewModel, DomainStatus> state = new TableColumn<>("State");
        state.setId("stateColumn");
        state.setCellValueFactory(c -> c.getValue().statusProperty());
        state.setCellFactory(c -> new StateCell());
        state.setComparator(Comparator.comparing((DomainStatus s) -> s.state().ordinal()).thenComparing(DomainStatus::reason));
        state.setPrefWidth(200);

        TableColumn<DomainRowViewModel, Number> vcpus = new TableColumn<>("vCPUs");
        vcpus.setId("vcpusColumn");
        vcpus.setCellValueFactory(c -> c.getValue().vcpusProperty());
        vcpus.setPrefWidth(70);
        vcpus.setStyle("-fx-alignment: CENTER-RIGHT;");

        TableColumn<DomainRowViewModel, Number> memory = new TableColumn<>("Memory");
        memory.setId("memoryColumn");
        memory.setCellValueFactory(c -> c.getValue().memoryKiBProperty());
        memory.setCellFactory(c -> new FormattedCell(n -> Formats.memoryKiB(n.longValue())));
        memory.setPrefWidth(100);

        TableColumn<DomainRowViewModel, Number> cpu = new TableColumn<>("CPU");
        cpu.setId("cpuColumn");
        cpu.setCellValueFactory(c -> c.getValue().cpuPercentProperty());
        cpu.setCellFactory(c -> new FormattedCell(n -> Formats.percent(n.doubleValue())));
        cpu.setPrefWidth(80);

        getColumns().setAll(java.util.List.of(name, state, vcpus, memory, cpu));
        name.setSortType(TableColumn.SortType.ASCENDING);
        name.setComparator(String.CASE_INSENSITIVE_ORDER);
        getSortOrder().add(name);
        bind(model.visibleDomainsProperty().get());
        // an invalidation listener: a change listener would miss a swap between two equal (say, empty) lists
        model.visibleDomainsProperty().addListener((javafx.beans.Observable o) -> bind(model.visibleDomainsProperty().get()));
    }

    private void bind(FilteredList<DomainRowViewModel> list) {
        SortedList<DomainRowViewModel> sorted = new SortedList<>(list);
        sorted.comparatorProperty().bind(comparatorProperty());
        setItems(sorted);
    }

    private static final class StateCell extends TableCell<DomainRowViewModel, DomainStatus> {
        private final FontIcon icon = new FontIcon();

        @Override
        protected void updateItem(DomainStatus status, boolean empty) {
            super.updateItem(status, empty);
            if (empty || status == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            icon.setIconCode(Icons.forState(status.state()));
            icon.getStyleClass().removeIf(c -> c.startsWith("state-"));
            icon.getStyleClass().add(Icons.styleClass(status.state()));
            setGraphic(icon);
            setText(status.text());
        }
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
