package org.vireo.ui;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.vireo.model.DomainAction;
import org.vireo.model.DomainStatus;
import org.vireo.ui.dialog.AddConnectionDialog;
import org.vireo.ui.dialog.ConfirmDialog;
import org.vireo.ui.domain.DomainPage;
import org.vireo.ui.host.HostCharts;
import org.vireo.ui.domain.DomainTableView;
import org.vireo.ui.ssh.AddSshHostDialog;
import org.vireo.ui.ssh.SshDialogs;
import org.vireo.ui.tree.ConnectionTreeView;

/** The main window's content: toolbar, connection tree, domain table, status line. */
public final class MainWindow extends BorderPane {
    private final MainViewModel model;
    private final ConnectionTreeView tree;
    private final DomainTableView table;
    private final StackPane right;
    private DomainPage domainPage;
    private final Map<DomainAction, Button> actionButtons = new EnumMap<>(DomainAction.class);
    private final List<DomainRowViewModel> watchedRows = new ArrayList<>();
    private final ChangeListener<DomainStatus> statusWatcher = (obs, old, now) -> updateActions();

    private final org.vireo.ui.job.JobsPane jobsPane;
    private final SplitPane vertical;
    private List<DomainRowViewModel> dragging = List.of();

    public MainWindow(MainViewModel model) {
        this.model = model;
        setId("mainWindow");
        getStyleClass().add("main-window");
        tree = new ConnectionTreeView(model);
        table = new DomainTableView(model);

        setTop(toolbar());
        right = new StackPane(hostPane());
        right.getChildren().getFirst().visibleProperty().bind(model.selectedDomainProperty().isNull());
        // the domain page, with its six tabs of controls, is built when a domain is first opened:
        // a window that never opens one does not pay for it at start-up
        model.selectedDomainProperty().addListener((obs, old, now) -> {
            if (now != null) {
                domainPage();
            }
        });
        SplitPane split = new SplitPane(tree, right);
        split.setDividerPositions(0.24);
        SplitPane.setResizableWithParent(tree, false);
        jobsPane = new org.vireo.ui.job.JobsPane(model.jobs());
        vertical = new SplitPane(split);
        vertical.setOrientation(Orientation.VERTICAL);
        setCenter(vertical);
        tree.setMigrationDrop(new Drop());
        tree.setContextMenu(treeMenu());
        // a drag that ends anywhere but on a host that takes it does nothing
        addEventHandler(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> {
            if (!dragging.isEmpty()) {
                dragging = List.of();
                setCursor(null);
            }
        });
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.M,
                    javafx.scene.input.KeyCombination.SHORTCUT_DOWN), this::migrateSelected);
                scene.getAccelerators().put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.J,
                    javafx.scene.input.KeyCombination.SHORTCUT_DOWN), () -> showJobs(!jobsShown()));
            }
        });
        setBottom(statusLine());
        model.sshPrompts().setQuestions(new SshDialogs(() -> getScene() == null ? null : getScene().getWindow()));

        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<DomainRowViewModel>) c -> watchSelection());
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (item == null) {
                return;
            }
            if (item.getValue() instanceof DomainRowViewModel row) {
                table.getSelectionModel().clearSelection();
                table.getSelectionModel().select(row);
                table.scrollTo(row);
                model.selectedDomainProperty().set(row);
            } else {
                model.selectedDomainProperty().set(null);
            }
        });
        // a double click on a row opens the domain's page, as in virt-manager
        table.setRowFactory(t -> {
            javafx.scene.control.TableRow<DomainRowViewModel> r = new javafx.scene.control.TableRow<>();
            r.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !r.isEmpty()) {
                    tree.select(r.getItem());
                }
            });
            // rows drag onto a host in the tree to migrate there (all selected rows when this one is among them)
            r.setOnDragDetected(e -> {
                if (!r.isEmpty() && e.isPrimaryButtonDown()) {
                    List<DomainRowViewModel> sel = List.copyOf(table.getSelectionModel().getSelectedItems());
                    new Drop().begin(sel.contains(r.getItem()) ? sel : List.of(r.getItem()));
                    r.startFullDrag();
                    e.consume();
                }
            });
            javafx.scene.control.ContextMenu menu = DomainMenu.create("tableMenu",
                () -> List.copyOf(table.getSelectionModel().getSelectedItems()), MainWindow.this::run,
                () -> tree.select(r.getItem()), () -> openMigration(List.copyOf(table.getSelectionModel().getSelectedItems()), null));
            r.contextMenuProperty().bind(javafx.beans.binding.Bindings.when(r.emptyProperty())
                .then((javafx.scene.control.ContextMenu) null).otherwise(menu));
            return r;
        });
        // back from a domain page: the tree shows the host again
        model.selectedDomainProperty().addListener((obs, old, now) -> {
            if (now == null && old != null && tree.getSelectionModel().getSelectedItem() != null
                && tree.getSelectionModel().getSelectedItem().getValue() == old) {
                tree.select(old.host());
            }
        });
        updateActions();
    }

    /** The Jobs panel (shown below the hosts when asked for or when a job starts). */
    public org.vireo.ui.job.JobsPane jobsPane() {
        return jobsPane;
    }

    public boolean jobsShown() {
        return vertical.getItems().contains(jobsPane);
    }

    public void showJobs(boolean on) {
        if (on && !jobsShown()) {
            vertical.getItems().add(jobsPane);
            vertical.setDividerPositions(0.5);
        } else if (!on) {
            vertical.getItems().remove(jobsPane);
        }
    }

    /** The domains the toolbar acts on: the table's selection, else the open page's domain. */
    private List<DomainRowViewModel> selectedDomains() {
        List<DomainRowViewModel> sel = List.copyOf(table.getSelectionModel().getSelectedItems());
        if (!sel.isEmpty()) {
            return sel;
        }
        DomainRowViewModel open = model.selectedDomainProperty().get();
        return open == null ? List.of() : List.of(open);
    }

    private void migrateSelected() {
        List<DomainRowViewModel> rows = selectedDomains();
        if (rows.isEmpty()) {
            model.tell("Select the domains to migrate first.");
            return;
        }
        openMigration(rows, null);
    }

    /** Opens the migration wizard for {@code rows}, with {@code destination} chosen when given. */
    public org.vireo.ui.migration.MigrationWizard openMigration(List<DomainRowViewModel> rows, HostViewModel destination) {
        if (rows.isEmpty()) {
            return null;
        }
        var vm = new org.vireo.ui.migration.MigrationWizardViewModel(model, rows, destination);
        var wizard = new org.vireo.ui.migration.MigrationWizard(getScene() == null ? null : getScene().getWindow(), vm, this::jobStarted);
        wizard.show();
        return wizard;
    }

    private void jobStarted(org.vireo.job.Job job) {
        showJobs(true);
        // the row reaches the table on the next FX pulse
        javafx.application.Platform.runLater(() -> jobsPane.select(job));
        model.tell(job.title() + ": started (Jobs panel below)");
        // the status line tells how it ended, wherever the user is by then
        job.done().whenComplete((ok, err) -> javafx.application.Platform.runLater(() -> model.tell(job.title() + ": "
            + switch (job.state()) {
                case SUCCEEDED -> "done in " + String.format("%.1f s", job.elapsedMillis() / 1000.0);
                case CANCELLED -> "cancelled, the domain stays where it was";
                case FAILED -> "failed: " + job.error();
                default -> job.state().label();
            })));
    }

    /** The tree's right-click menu: a domain's (as in the table) or a host's (reconnect, remove). */
    private javafx.scene.control.ContextMenu treeMenu() {
        javafx.scene.control.ContextMenu domainMenu = DomainMenu.create("treeMenu", () -> {
            var item = tree.getSelectionModel().getSelectedItem();
            return item != null && item.getValue() instanceof DomainRowViewModel row ? List.of(row) : List.of();
        }, this::run, () -> { }, this::migrateSelected);
        javafx.scene.control.MenuItem reconnect = new javafx.scene.control.MenuItem("Reconnect");
        reconnect.setId("treeMenuReconnect");
        reconnect.setOnAction(e -> {
            if (tree.getSelectionModel().getSelectedItem() != null
                && tree.getSelectionModel().getSelectedItem().getValue() instanceof HostViewModel host) {
                host.reconnect();
            }
        });
        javafx.scene.control.MenuItem remove = new javafx.scene.control.MenuItem("Remove connection");
        remove.setId("treeMenuRemove");
        remove.setOnAction(e -> {
            if (tree.getSelectionModel().getSelectedItem() != null
                && tree.getSelectionModel().getSelectedItem().getValue() instanceof HostViewModel host) {
                model.removeConnection(host);
            }
        });
        javafx.scene.control.ContextMenu hostMenu = new javafx.scene.control.ContextMenu(reconnect, remove);
        // the menu follows what was right-clicked (the tree selects it on the press, before the menu)
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, item) ->
            tree.setContextMenu(item != null && item.getValue() instanceof DomainRowViewModel ? domainMenu : hostMenu));
        return hostMenu;
    }

    /** Drag and drop onto a host of the tree: opens the wizard there, or migrates at once with the last options. */
    private final class Drop implements org.vireo.ui.tree.MigrationDrop {
        @Override
        public void begin(List<DomainRowViewModel> domains) {
            dragging = List.copyOf(domains);
            setCursor(javafx.scene.Cursor.CLOSED_HAND);
            String what = domains.size() == 1 ? domains.getFirst().getName() : domains.size() + " domains";
            model.tell("Drop " + what + " on a host to migrate (hold Shift to start at once with the last options)");
        }

        @Override
        public List<DomainRowViewModel> dragged() {
            return dragging;
        }

        @Override
        public String refusal(HostViewModel host) {
            return org.vireo.ui.migration.MigrationTargets.refusal(dragging, host, "");
        }

        @Override
        public void hover(HostViewModel host, String refusal) {
            if (host == null) {
                setCursor(javafx.scene.Cursor.CLOSED_HAND);
                return;
            }
            setCursor(refusal.isEmpty() ? javafx.scene.Cursor.CLOSED_HAND : javafx.scene.Cursor.DISAPPEAR);
            model.tell(refusal.isEmpty() ? "Release to migrate to " + host.titleProperty().get()
                : host.titleProperty().get() + " cannot take it: " + refusal);
        }

        @Override
        public void drop(HostViewModel host, boolean atOnce) {
            List<DomainRowViewModel> rows = dragging;
            end();
            var vm = new org.vireo.ui.migration.MigrationWizardViewModel(model, rows, host);
            if (atOnce && vm.useLastOptions()) {
                vm.start().ifPresentOrElse(MainWindow.this::jobStarted,
                    () -> model.tell("Not started: " + String.join(" ", vm.problems())));
                return;
            }
            // the wizard opens after the gesture has ended
            javafx.application.Platform.runLater(() -> openMigration(rows, host));
        }

        @Override
        public void end() {
            dragging = List.of();
            setCursor(null);
        }
    }

    public ConnectionTreeView tree() {
        return tree;
    }

    public DomainTableView table() {
        return table;
    }

    /** The domain page, built on first use. */
    public DomainPage domainPage() {
        if (domainPage == null) {
            domainPage = new DomainPage(model);
            domainPage.setOnMigrate(() -> {
                DomainRowViewModel open = model.selectedDomainProperty().get();
                if (open != null) {
                    openMigration(List.of(open), null);
                }
            });
            domainPage.visibleProperty().bind(model.selectedDomainProperty().isNotNull());
            right.getChildren().add(domainPage);
        }
        return domainPage;
    }

    private ToolBar toolbar() {
        Button add = iconButton("addConnectionButton", Icons.of(MaterialDesignS.SERVER_PLUS), "Add a connection");
        add.setOnAction(e -> new AddConnectionDialog(getScene().getWindow(), model::addConnection).showAndWait());
        Button addSsh = iconButton("addSshHostButton", Icons.of(MaterialDesignS.SERVER_NETWORK), "Add a host over SSH");
        addSsh.setOnAction(e -> new AddSshHostDialog(getScene().getWindow(), model::addConnection).showAndWait());
        Button remove = iconButton("removeConnectionButton", Icons.of(MaterialDesignS.SERVER_REMOVE), "Remove the selected connection");
        remove.setOnAction(e -> model.removeConnection(model.selectedHostProperty().get()));
        remove.disableProperty().bind(model.selectedHostProperty().isNull());
        Button reconnect = iconButton("reconnectButton", Icons.of(MaterialDesignR.REFRESH), "Reconnect the selected host now");
        reconnect.setOnAction(e -> {
            HostViewModel host = model.selectedHostProperty().get();
            if (host != null) {
                host.reconnect();
            }
        });
        reconnect.disableProperty().bind(model.selectedHostProperty().isNull());

        ToolBar bar = new ToolBar(add, addSsh, remove, reconnect, new Separator(Orientation.VERTICAL));
        for (DomainAction action : DomainAction.values()) {
            Button b = new Button(action.label(), Icons.of(Icons.forAction(action)));
            b.setId(buttonId(action));
            b.setTooltip(new Tooltip(action.label() + " the selected domains"));
            if (action.destructive()) {
                b.getGraphic().getStyleClass().add("destructive-icon");
            }
            b.setOnAction(e -> run(action));
            actionButtons.put(action, b);
            bar.getItems().add(b);
        }
        // an icon, so the filter field keeps its place at 1280 px
        Button migrate = iconButton("migrateButton", Icons.of(org.kordamp.ikonli.materialdesign2.MaterialDesignT.TRUCK_FAST_OUTLINE),
            "Migrate the selected domains to another host… (Ctrl+M; or drag them onto the host in the tree)");
        migrate.setOnAction(e -> migrateSelected());
        bar.getItems().addAll(new Separator(Orientation.VERTICAL), migrate);
        Button prefs = iconButton("preferencesButton", Icons.of(org.kordamp.ikonli.materialdesign2.MaterialDesignC.COG), "Preferences");
        prefs.setOnAction(e -> new org.vireo.ui.dialog.PreferencesDialog(getScene().getWindow(), model.statsProperty().get())
            .showAndWait().ifPresent(model::applyStats));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        CustomTextField filter = new CustomTextField();
        filter.setId("filterField");
        filter.setPromptText("Filter by name");
        filter.setLeft(Icons.of(MaterialDesignM.MAGNIFY));
        filter.setPrefColumnCount(16);
        filter.textProperty().bindBidirectional(model.filterProperty());
        bar.getItems().addAll(spacer, filter, prefs);
        return bar;
    }

    public static String buttonId(DomainAction action) {
        String[] words = action.name().toLowerCase().split("_");
        StringBuilder id = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            id.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return id + "Button";
    }

    private VBox hostPane() {
        Label title = new Label();
        title.setId("hostTitle");
        title.getStyleClass().add(Styles.TITLE_4);
        Label detail = new Label();
        detail.setId("hostDetail");
        detail.getStyleClass().add(Styles.TEXT_MUTED);
        detail.setWrapText(true);
        Runnable show = () -> {
            HostViewModel h = model.selectedHostProperty().get();
            title.setText(h == null ? "No host" : h.titleProperty().get());
            if (h == null) {
                detail.setText("Add a connection to see its domains.");
            } else if (!h.getError().isEmpty()) {
                detail.setText(h.uri() + " — " + h.getState().label() + ": " + h.getError());
            } else {
                detail.setText(h.uri() + " — " + h.getState().label() + " — " + h.domains().size() + " domains");
            }
        };
        ChangeListener<Object> refresh = (o, a, b) -> show.run();
        ListChangeListener<DomainRowViewModel> sizeWatch = c -> show.run();
        model.selectedHostProperty().addListener((obs, old, h) -> {
            if (old != null) {
                old.stateProperty().removeListener(refresh);
                old.errorProperty().removeListener(refresh);
                old.domains().removeListener(sizeWatch);
            }
            if (h != null) {
                h.stateProperty().addListener(refresh);
                h.errorProperty().addListener(refresh);
                h.domains().addListener(sizeWatch);
            }
            show.run();
        });
        show.run();
        VBox header = new VBox(2, title, detail);
        header.setPadding(new Insets(8, 10, 6, 10));
        HostCharts charts = new HostCharts();
        charts.show(model.selectedHostProperty().get());
        model.selectedHostProperty().addListener((obs, old, h) -> charts.show(h));
        VBox pane = new VBox(header, charts, table);
        // the host's charts draw only while the host page is the one shown
        pane.visibleProperty().addListener((obs, was, on) -> charts.setLive(on));
        charts.setLive(pane.isVisible());
        VBox.setVgrow(table, Priority.ALWAYS);
        return pane;
    }

    private HBox statusLine() {
        Label status = new Label();
        status.setId("statusLabel");
        status.textProperty().bind(model.messageProperty());
        Button jobs = new Button();
        jobs.setId("jobsButton");
        jobs.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        jobs.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            int n = model.jobs().runningProperty().get();
            return n == 0 ? "Jobs" : "Jobs: " + n + " running";
        }, model.jobs().runningProperty()));
        jobs.setTooltip(new Tooltip("Show or hide the Jobs panel (Ctrl+J)"));
        jobs.setOnAction(e -> showJobs(!jobsShown()));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox line = new HBox(status, gap, jobs);
        line.setAlignment(Pos.CENTER_LEFT);
        line.setPadding(new Insets(4, 10, 4, 10));
        line.getStyleClass().add("status-line");
        return line;
    }

    private void run(DomainAction action) {
        List<DomainRowViewModel> rows = table.getSelectionModel().getSelectedItems().stream()
            .filter(r -> action.appliesTo(r.getState())).toList();
        if (rows.isEmpty()) {
            return;
        }
        if (action.destructive()) {
            String names = rows.size() == 1 ? rows.getFirst().getName() : rows.size() + " domains";
            boolean sure = ConfirmDialog.ask(getScene().getWindow(), action.label() + " " + names + "?",
                "The guest stops at once, as if its power cord were pulled: whatever it has not written "
                    + "to disk is lost and its file systems may need repair.", action.label());
            if (!sure) {
                return;
            }
        }
        model.perform(action, rows);
    }

    private void watchSelection() {
        for (DomainRowViewModel row : watchedRows) {
            row.statusProperty().removeListener(statusWatcher);
        }
        watchedRows.clear();
        watchedRows.addAll(table.getSelectionModel().getSelectedItems());
        for (DomainRowViewModel row : watchedRows) {
            row.statusProperty().addListener(statusWatcher);
        }
        updateActions();
    }

    private void updateActions() {
        for (Map.Entry<DomainAction, Button> e : actionButtons.entrySet()) {
            boolean any = watchedRows.stream().anyMatch(r -> e.getKey().appliesTo(r.getState()));
            e.getValue().setDisable(!any);
        }
    }

    private static Button iconButton(String id, org.kordamp.ikonli.javafx.FontIcon icon, String tip) {
        Button b = new Button(null, icon);
        b.setId(id);
        b.getStyleClass().add(Styles.BUTTON_ICON);
        b.setTooltip(new Tooltip(tip));
        return b;
    }
}
