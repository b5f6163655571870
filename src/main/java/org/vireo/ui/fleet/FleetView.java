package org.vireo.ui.fleet;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.vireo.model.DomainAction;
import org.vireo.model.DomainStatus;
import org.vireo.model.NaturalOrder;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.Formats;
import org.vireo.ui.Icons;
import org.vireo.ui.domain.StateCell;
import org.vireo.ui.dialog.ConfirmDialog;

/**
 * The fleet view: one table of every domain on every connected host, with a search over
 * names, titles, descriptions and tags, grouping by host, state or tag, sorting by any
 * column, and bulk actions on the selection (a group's header row stands for its group).
 */
public final class FleetView extends VBox {
    /** What the window does for the fleet: open a domain's page or console, migrate. */
    public record Commands(Consumer<DomainRowViewModel> open, Consumer<DomainRowViewModel> console,
                           Consumer<List<DomainRowViewModel>> migrate) {
    }

    private final FleetViewModel model;
    private final TableView<FleetRow> table = new TableView<>();
    private final CustomTextField search = new CustomTextField();
    private final ChoiceBox<Grouping> grouping = new ChoiceBox<>();
    private final Label detail = new Label();
    private final Label selection = new Label();
    private final Map<TableColumn<FleetRow, ?>, Comparator<DomainRowViewModel>> comparators = new IdentityHashMap<>();
    private final List<TableColumn<FleetRow, ?>> liveColumns = new ArrayList<>();
    private final Commands commands;

    public FleetView(FleetViewModel model, Commands commands) {
        this.model = model;
        this.commands = commands;
        setId("fleetView");
        Label title = new Label("All hosts");
        title.setId("fleetTitle");
        title.getStyleClass().add(Styles.TITLE_4);
        detail.setId("fleetDetail");
        detail.getStyleClass().add(Styles.TEXT_MUTED);
        VBox header = new VBox(2, title, detail);
        header.setPadding(new Insets(8, 10, 6, 10));

        search.setId("fleetSearchField");
        search.setPromptText("Search names, titles, descriptions, tags, addresses");
        search.setLeft(Icons.of(MaterialDesignM.MAGNIFY));
        search.setPrefColumnCount(22);
        search.textProperty().bindBidirectional(model.searchProperty());
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE && !search.getText().isEmpty()) {
                search.clear();
                e.consume();
            } else if (e.getCode() == KeyCode.DOWN || e.getCode() == KeyCode.ENTER) {
                table.requestFocus();
                if (table.getSelectionModel().isEmpty()) {
                    table.getSelectionModel().select(firstDomainIndex());
                }
                e.consume();
            }
        });
        grouping.setId("fleetGroupingChoice");
        grouping.getItems().setAll(Grouping.values());
        grouping.valueProperty().bindBidirectional(model.groupingProperty());
        Label groupBy = new Label("Group by");
        groupBy.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox.setHgrow(search, Priority.ALWAYS);
        search.setMaxWidth(420);
        HBox bar = new HBox(8, search, groupBy, grouping);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(0, 10, 6, 10));
        // the bulk actions act on the selection (a group's header row: the whole group)
        selection.setId("fleetSelectionLabel");
        selection.getStyleClass().add(Styles.TEXT_MUTED);
        selection.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        selection.setTooltip(new Tooltip("Shift and Ctrl select several; a group's header row stands for its whole group"));
        HBox actions = new HBox(6, selection,
            action("fleetStartButton", DomainAction.START), action("fleetShutdownButton", DomainAction.SHUTDOWN),
            action("fleetPauseButton", DomainAction.PAUSE), action("fleetResumeButton", DomainAction.RESUME),
            button("fleetSnapshotButton", "Snapshot…", Icons.of(MaterialDesignC.CAMERA), this::snapshotSelected),
            button("fleetMigrateButton", "Migrate…", Icons.of(MaterialDesignT.TRUCK_FAST_OUTLINE), this::migrateSelected),
            button("fleetAddTagButton", "Add tag…", Icons.of(MaterialDesignT.TAG_PLUS_OUTLINE), this::addTagToSelected));
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.setPadding(new Insets(0, 10, 6, 10));
        actions.getChildren().forEach(n -> ((Region) n).setMinWidth(Region.USE_PREF_SIZE));

        buildTable();
        getChildren().setAll(header, bar, actions, table);
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<FleetRow>) c -> showSelection());
        showSelection();
        VBox.setVgrow(table, Priority.ALWAYS);
        model.setPublisher(this::publish);
        visibleProperty().addListener((o, was, on) -> model.setShown(on));
        table.getItems().setAll(model.rows());
        model.rows().addListener((ListChangeListener<FleetRow>) c -> showDetail());
        showDetail();
    }

    private Button action(String id, DomainAction action) {
        Button b = button(id, action.label(), Icons.of(Icons.forAction(action)), () -> run(action));
        b.setTooltip(new Tooltip(action.label() + " the selected domains (a group's header row: all of the group)"));
        return b;
    }

    private static Button button(String id, String text, FontIcon icon, Runnable run) {
        Button b = new Button(text, icon);
        b.setId(id);
        b.getStyleClass().add(Styles.SMALL);
        b.setOnAction(e -> run.run());
        return b;
    }

    private void buildTable() {
        table.setId("fleetTable");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No domain matches"));
        // one row height for all: else after each re-sort the table measured thousands of rows
        // again, a few per pulse, and the window pulsed ~24 times a second (FleetBench)
        table.setFixedCellSize(Math.ceil(javafx.scene.text.Font.getDefault().getSize() * 3.2));
        TableColumn<FleetRow, String> name = text("Name", "fleetNameColumn", 130, DomainRowViewModel::nameProperty, model.byName());
        name.setCellFactory(c -> new NameCell());
        TableColumn<FleetRow, String> host = text("Host", "fleetHostColumn", 95, r -> r.host().titleProperty(), model.byHost());
        TableColumn<FleetRow, DomainStatus> state = new TableColumn<>("State");
        state.setId("fleetStateColumn");
        state.setPrefWidth(100);
        state.setCellValueFactory(c -> c.getValue().isHeader() ? null : c.getValue().domain().statusProperty());
        state.setCellFactory(c -> new StateCell<>());
        comparators.put(state, Comparator.comparing((DomainRowViewModel r) -> r.getState().ordinal())
            .thenComparing(r -> r.getStatus().reason()));
        liveColumns.add(state);
        TableColumn<FleetRow, String> tags = new TableColumn<>("Tags");
        tags.setId("fleetTagsColumn");
        // wide enough for two or three short tags; the cell's tooltip has them all
        tags.setPrefWidth(140);
        tags.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null || text.isEmpty() ? null : new Tooltip(text));
            }
        });
        tags.setCellValueFactory(c -> c.getValue().isHeader() ? null : javafx.beans.binding.Bindings.createStringBinding(
            () -> String.join(", ", c.getValue().domain().getTags()), c.getValue().domain().tagsProperty()));
        comparators.put(tags, Comparator.comparing(r -> String.join(",", r.getTags()), NaturalOrder.INSTANCE));
        TableColumn<FleetRow, Number> vcpus = number("vCPUs", "fleetVcpusColumn", 50, DomainRowViewModel::vcpusProperty,
            n -> String.valueOf(n.intValue()), Comparator.comparingInt(r -> r.vcpusProperty().get()), false);
        TableColumn<FleetRow, Number> memory = number("Memory", "fleetMemoryColumn", 76, DomainRowViewModel::memoryKiBProperty,
            n -> Formats.memoryKiB(n.longValue()), Comparator.comparingLong(r -> r.memoryKiBProperty().get()), false);
        // live figures: sparkline cells whose value (the domain) never changes; they redraw their canvas on the
        // row's tick, so a tick lays nothing out (a text changing every tick laid out the whole window: 100 ms a tick at 5000)
        var cpu = live("CPU", "fleetCpuColumn", org.vireo.ui.chart.Palette.CPU, r -> r.cpuPercentProperty().get(), org.vireo.model.Metric.CPU);
        var disk = live("Disk I/O", "fleetDiskColumn", org.vireo.ui.chart.Palette.DISK, r -> r.diskBpsProperty().get(),
            org.vireo.model.Metric.DISK_READ, org.vireo.model.Metric.DISK_WRITE);
        var net = live("Network I/O", "fleetNetColumn", org.vireo.ui.chart.Palette.NET, r -> r.netBpsProperty().get(),
            org.vireo.model.Metric.NET_RX, org.vireo.model.Metric.NET_TX);
        table.getColumns().setAll(List.of(name, host, state, tags, vcpus, memory, cpu, disk, net));
        // the model sorts (within groups, at most once per tick); the table only says by what
        table.setSortPolicy(t -> {
            Comparator<DomainRowViewModel> c = null;
            boolean live = false;
            for (TableColumn<FleetRow, ?> col : t.getSortOrder()) {
                Comparator<DomainRowViewModel> one = comparators.get(col);
                if (one == null) {
                    continue;
                }
                if (col.getSortType() == TableColumn.SortType.DESCENDING) {
                    one = one.reversed();
                }
                live |= liveColumns.contains(col);
                c = c == null ? one : c.thenComparing(one);
            }
            model.setOrder(c, live);
            return true;
        });
        table.addEventHandler(MouseEvent.MOUSE_ENTERED, e -> model.setPointerInside(true));
        table.addEventHandler(MouseEvent.MOUSE_EXITED, e -> model.setPointerInside(false));
        table.setRowFactory(t -> {
            TableRow<FleetRow> r = new TableRow<>() {
                @Override
                protected void updateItem(FleetRow item, boolean empty) {
                    super.updateItem(item, empty);
                    pseudoClassStateChanged(GROUP, !empty && item != null && item.isHeader());
                }
            };
            r.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !r.isEmpty() && !r.getItem().isHeader()) {
                    commands.open().accept(r.getItem().domain());
                }
            });
            return r;
        });
        table.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            List<DomainRowViewModel> sel = selectedDomains();
            if (e.getCode() == KeyCode.ENTER && sel.size() == 1) {
                commands.open().accept(sel.getFirst());
                e.consume();
            }
        });
        table.setContextMenu(contextMenu());
    }

    private static final javafx.css.PseudoClass GROUP = javafx.css.PseudoClass.getPseudoClass("group");

    private ContextMenu contextMenu() {
        ContextMenu menu = new ContextMenu();
        menu.setId("fleetContextMenu");
        MenuItem open = item("fleetMenuOpen", "Open", () -> one().ifPresent(commands.open()));
        MenuItem console = item("fleetMenuConsole", "Console", () -> one().ifPresent(commands.console()));
        menu.getItems().addAll(open, console, new SeparatorMenuItem());
        for (DomainAction a : DomainAction.values()) {
            MenuItem i = item("fleetMenu" + a.name(), a.label() + (a.destructive() ? "…" : ""), () -> run(a));
            i.setUserData(a);
            menu.getItems().add(i);
        }
        MenuItem removeTag = item("fleetMenuRemoveTag", "Remove tag…", this::removeTagFromSelected);
        menu.getItems().addAll(new SeparatorMenuItem(), item("fleetMenuSnapshot", "Snapshot…", this::snapshotSelected),
            item("fleetMenuMigrate", "Migrate…", this::migrateSelected), item("fleetMenuAddTag", "Add tag…", this::addTagToSelected),
            removeTag);
        menu.setOnShowing(e -> {
            List<DomainRowViewModel> rows = selectedDomains();
            for (MenuItem i : menu.getItems()) {
                if (i.getUserData() instanceof DomainAction a) {
                    i.setDisable(rows.stream().noneMatch(r -> a.appliesTo(r.getState())));
                }
            }
            open.setDisable(rows.size() != 1);
            console.setDisable(rows.size() != 1);
            removeTag.setDisable(rows.stream().allMatch(r -> r.getTags().isEmpty()));
        });
        return menu;
    }

    private static MenuItem item(String id, String text, Runnable run) {
        MenuItem i = new MenuItem(text);
        i.setId(id);
        i.setOnAction(e -> run.run());
        return i;
    }

    private java.util.Optional<DomainRowViewModel> one() {
        List<DomainRowViewModel> sel = selectedDomains();
        return sel.size() == 1 ? java.util.Optional.of(sel.getFirst()) : java.util.Optional.empty();
    }

    private TableColumn<FleetRow, String> text(String title, String id, double width,
                                               Function<DomainRowViewModel, ObservableValue<String>> value,
                                               Comparator<DomainRowViewModel> comparator) {
        TableColumn<FleetRow, String> col = new TableColumn<>(title);
        col.setId(id);
        col.setPrefWidth(width);
        col.setCellValueFactory(c -> c.getValue().isHeader() ? null : value.apply(c.getValue().domain()));
        comparators.put(col, comparator);
        return col;
    }

    private TableColumn<FleetRow, Number> number(String title, String id, double width,
                                                 Function<DomainRowViewModel, ObservableValue<Number>> value,
                                                 Function<Number, String> format, Comparator<DomainRowViewModel> comparator, boolean live) {
        TableColumn<FleetRow, Number> col = new TableColumn<>(title);
        col.setId(id);
        col.setPrefWidth(width);
        col.setMinWidth(width);
        col.setCellValueFactory(c -> c.getValue().isHeader() ? null : value.apply(c.getValue().domain()));
        col.setCellFactory(c -> new TableCell<>() {
            {
                setStyle("-fx-alignment: CENTER-RIGHT;");
            }

            @Override
            protected void updateItem(Number n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : format.apply(n));
            }
        });
        comparators.put(col, comparator);
        if (live) {
            liveColumns.add(col);
        }
        return col;
    }

    private TableColumn<FleetRow, DomainRowViewModel> live(String title, String id, org.vireo.ui.chart.Palette hue,
                                                           java.util.function.ToDoubleFunction<DomainRowViewModel> figure,
                                                           org.vireo.model.Metric... metrics) {
        TableColumn<FleetRow, DomainRowViewModel> col = new TableColumn<>(title);
        col.setId(id);
        col.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue().domain()));
        col.setCellFactory(c -> new org.vireo.ui.chart.SparklineCell<>(hue, metrics));
        col.setPrefWidth(112);
        col.setMinWidth(108);
        comparators.put(col, Comparator.comparingDouble(r -> nanLast(figure.applyAsDouble(r))));
        liveColumns.add(col);
        return col;
    }

    private static double nanLast(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    /** Puts a new list in, keeping the selected rows (and the focused one) selected. */
    private void publish(List<FleetRow> rows) {
        List<FleetRow> selected = List.copyOf(table.getSelectionModel().getSelectedItems());
        FleetRow focused = table.getFocusModel().getFocusedItem();
        model.rows().setAll(rows);
        if (table.getItems() != model.rows()) {
            table.setItems(model.rows());
        }
        if (selected.isEmpty()) {
            return;
        }
        Map<FleetRow, Integer> at = new HashMap<>(rows.size() * 2);
        for (int i = 0; i < rows.size(); i++) {
            at.putIfAbsent(rows.get(i), i);
        }
        int[] indices = selected.stream().map(at::get).filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).toArray();
        table.getSelectionModel().clearSelection();
        if (indices.length > 0) {
            table.getSelectionModel().selectIndices(indices[0], java.util.Arrays.copyOfRange(indices, 1, indices.length));
        }
        Integer f = focused == null ? null : at.get(focused);
        if (f != null) {
            table.getFocusModel().focus(f);
        }
    }

    private int firstDomainIndex() {
        for (int i = 0; i < table.getItems().size(); i++) {
            if (!table.getItems().get(i).isHeader()) {
                return i;
            }
        }
        return 0;
    }

    private void showSelection() {
        int n = selectedDomains().size();
        selection.setText(n == 0 ? "None selected:" : n + " selected:");
    }

    private void showDetail() {
        detail.setText(model.matchedCount() + " of " + model.domainCount() + " domains on " + model.main().hosts().size() + " hosts"
            + (model.searchProperty().get().isBlank() ? "" : " match \"" + model.searchProperty().get().strip() + "\""));
    }

    /** The selected domains, each once; a selected header row stands for its whole group. */
    public List<DomainRowViewModel> selectedDomains() {
        return FleetViewModel.domainsOf(List.copyOf(table.getSelectionModel().getSelectedItems()), table.getItems());
    }

    /** Runs a lifecycle action on the selection; Shut down of several and Force off ask first, naming them. */
    public void run(DomainAction action) {
        List<DomainRowViewModel> rows = selectedDomains().stream().filter(r -> action.appliesTo(r.getState())).toList();
        if (rows.isEmpty()) {
            model.main().tell(action.label() + ": none of the selected domains can be " + action.label().toLowerCase() + " now.");
            return;
        }
        boolean ask = action.destructive() || (action == DomainAction.SHUTDOWN || action == DomainAction.REBOOT) && rows.size() > 1;
        if (ask && !ConfirmDialog.ask(getScene().getWindow(), action.label() + " " + count(rows) + "?",
            names(rows) + (action.destructive() ? "\n\nThey stop at once, as if their power cords were pulled: "
                + "what they have not written to disk is lost." : ""), action.label())) {
            return;
        }
        model.perform(action, rows);
    }

    private static String count(List<DomainRowViewModel> rows) {
        return rows.size() == 1 ? rows.getFirst().getName() : rows.size() + " domains";
    }

    private static String names(List<DomainRowViewModel> rows) {
        List<String> names = rows.stream().limit(12).map(r -> r.getName() + " (" + r.host().titleProperty().get() + ")").toList();
        return String.join(", ", names) + (rows.size() > 12 ? " and " + (rows.size() - 12) + " more" : "");
    }

    public void snapshotSelected() {
        List<DomainRowViewModel> rows = selectedDomains();
        if (rows.isEmpty()) {
            model.main().tell("Select the domains to snapshot first.");
            return;
        }
        TextInputDialog d = new TextInputDialog("fleet-" + java.time.LocalDateTime.now()
            .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmm")));
        d.initOwner(getScene().getWindow());
        d.setTitle("Snapshot");
        d.setHeaderText("Snapshot " + count(rows) + ": " + names(rows)
            + "\nRunning ones are taken with their memory, as jobs in the Jobs panel.");
        d.getEditor().setId("fleetSnapshotNameField");
        d.getDialogPane().setId("fleetSnapshotDialog");
        d.showAndWait().ifPresent(n -> model.snapshot(rows, n));
    }

    void migrateSelected() {
        List<DomainRowViewModel> rows = selectedDomains();
        if (rows.isEmpty()) {
            model.main().tell("Select the domains to migrate first.");
            return;
        }
        commands.migrate().accept(rows);
    }

    public void addTagToSelected() {
        List<DomainRowViewModel> rows = selectedDomains();
        if (rows.isEmpty()) {
            model.main().tell("Select the domains to tag first.");
            return;
        }
        TextInputDialog d = new TextInputDialog();
        d.initOwner(getScene().getWindow());
        d.setTitle("Add tag");
        d.setHeaderText("Add a tag to " + count(rows) + " (kept in each domain's XML metadata)");
        d.setContentText("Tag" + (model.knownTags().isEmpty() ? "" : " (in use: " + String.join(", ", model.knownTags()) + ")"));
        d.getEditor().setId("fleetTagField");
        d.getDialogPane().setId("fleetTagDialog");
        d.showAndWait().ifPresent(t -> model.addTag(rows, t));
    }

    void removeTagFromSelected() {
        List<DomainRowViewModel> rows = selectedDomains();
        java.util.TreeSet<String> tags = new java.util.TreeSet<>(NaturalOrder.INSTANCE);
        rows.forEach(r -> tags.addAll(r.getTags()));
        if (tags.isEmpty()) {
            return;
        }
        javafx.scene.control.ChoiceDialog<String> d = new javafx.scene.control.ChoiceDialog<>(tags.first(), tags);
        d.initOwner(getScene().getWindow());
        d.setTitle("Remove tag");
        d.setHeaderText("Remove a tag from " + count(rows));
        d.getDialogPane().setId("fleetRemoveTagDialog");
        d.showAndWait().ifPresent(t -> model.removeTag(rows, t));
    }

    /** Puts the keyboard into the search field (Ctrl+F on the fleet view). */
    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    public TableView<FleetRow> table() {
        return table;
    }

    public FleetViewModel model() {
        return model;
    }

    /** Shows a group header across the row: its name, its count. */
    private static final class NameCell extends TableCell<FleetRow, String> {
        @Override
        protected void updateItem(String name, boolean empty) {
            super.updateItem(name, empty);
            FleetRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
            getStyleClass().remove("fleet-group-cell");
            if (row != null && row.isHeader()) {
                setText(row.group() + "  (" + row.count() + ")");
                getStyleClass().add("fleet-group-cell");
            } else {
                setText(empty ? null : name);
            }
        }
    }
}
