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
    private final SplitPane split;
    private final MainMenu menu;
    private final NotificationArea notifications;
    private CustomTextField filter;
    private List<DomainRowViewModel> dragging = List.of();
    private Runnable onQuit = () -> {
        if (getScene() != null && getScene().getWindow() != null) {
            getScene().getWindow().hide();
        }
    };
    private java.util.function.Consumer<org.vireo.model.ThemeChoice> onThemeChosen = c -> { };
    /** What Delete does with one domain; the delete-domain feature replaces it (see {@link #setOnDelete}). */
    private java.util.function.Consumer<DomainRowViewModel> onDelete = this::openDelete;
    private double jobsDivider = 0.5;

    public MainWindow(MainViewModel model) {
        this.model = model;
        setId("mainWindow");
        getStyleClass().add("main-window");
        tree = new ConnectionTreeView(model);
        pageReturn = new PageReturn(tree::select);
        table = new DomainTableView(model);

        menu = new MainMenu(this, model);
        setTop(new VBox(menu.bar(), toolbar()));
        right = new StackPane(hostPane());
        right.getChildren().getFirst().visibleProperty().bind(model.selectedDomainProperty().isNull().and(model.fleetShownProperty().not()));
        // the fleet view (all hosts' domains) is built when first shown
        model.fleetShownProperty().addListener((obs, was, on) -> {
            if (on) {
                fleetView();
            }
        });
        // the domain page, with its six tabs of controls, is built when a domain is first opened:
        // a window that never opens one does not pay for it at start-up
        model.selectedDomainProperty().addListener((obs, old, now) -> {
            if (now != null) {
                domainPage();
            }
        });
        split = new SplitPane(tree, right);
        split.setId("mainSplit");
        split.setDividerPositions(0.24);
        SplitPane.setResizableWithParent(tree, false);
        jobsPane = new org.vireo.ui.job.JobsPane(model.jobs());
        // the panel may shrink below its content (it clips): else its charts' minimum squeezed the tree
        // and the table above to two rows once the menu bar and the host tabs took their share
        jobsPane.setMinHeight(160);
        vertical = new SplitPane(split);
        vertical.setOrientation(Orientation.VERTICAL);
        // notices float over the bottom-right corner of the content, non-modal
        notifications = new NotificationArea(model);
        StackPane center = new StackPane(vertical, notifications);
        StackPane.setAlignment(notifications, Pos.BOTTOM_RIGHT);
        setCenter(center);
        tree.setMigrationDrop(new Drop());
        tree.setContextMenu(treeMenu());
        // a drag that ends anywhere but on a host that takes it does nothing
        addEventHandler(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> {
            if (!dragging.isEmpty()) {
                dragging = List.of();
                setCursor(null);
            }
        });
        MainKeys.install(this, tree, table, filter, model);
        if (model.fleetShownProperty().get()) {
            fleetView();
        }
        // the window opens with the keyboard in the tree (arrows move through hosts and domains)
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null && old == null) {
                javafx.application.Platform.runLater(tree::requestFocus);
            }
        });
        setBottom(statusLine());
        model.sshPrompts().setQuestions(new SshDialogs(() -> getScene() == null ? null : getScene().getWindow()));

        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<DomainRowViewModel>) c -> watchSelection());
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (item == null) {
                return;
            }
            pageReturn.wentTo(item.getValue());
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
                () -> List.copyOf(table.getSelectionModel().getSelectedItems()), new DomainMenu.Commands(MainWindow.this::run,
                    () -> tree.select(r.getItem()), () -> openTab(r.getItem(), "consoleTab"), () -> openTab(r.getItem(), "snapshotsTab"),
                    () -> openMigration(List.copyOf(table.getSelectionModel().getSelectedItems()), null),
                    () -> openClone(r.getItem()), () -> onDelete.accept(r.getItem())));
            r.contextMenuProperty().bind(javafx.beans.binding.Bindings.when(r.emptyProperty())
                .then((javafx.scene.control.ContextMenu) null).otherwise(menu));
            return r;
        });
        // back from a domain page: the tree shows the host again
        model.selectedDomainProperty().addListener((obs, old, now) -> {
            if (now == null && old != null && model.hosts().contains(old.host())) {
                pageReturn.closed(old);
            }
            if (now == null && old != null && tree.getSelectionModel().getSelectedItem() != null
                && tree.getSelectionModel().getSelectedItem().getValue() == old) {
                if (backToFleet && model.hosts().size() > 1) {
                    model.fleetShownProperty().set(true);
                } else {
                    tree.select(old.host());
                }
            }
            backToFleet = false;
        });
        model.selectedDomainProperty().addListener((obs, old, now) -> updateActions());
        javafx.beans.InvalidationListener hostWatch = o -> updateActions();
        model.selectedHostProperty().addListener((obs, old, h) -> {
            if (old != null) {
                old.stateProperty().removeListener(hostWatch);
            }
            if (h != null) {
                h.stateProperty().addListener(hostWatch);
            }
            updateActions();
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
            vertical.setDividerPositions(jobsDivider);
        } else if (!on && jobsShown()) {
            jobsDivider = vertical.getDividerPositions()[0];
            vertical.getItems().remove(jobsPane);
        }
    }

    private org.vireo.ui.fleet.FleetView fleetView;
    /** A domain page opened from the fleet view goes back there (Escape, Back). */
    private boolean backToFleet;
    /** The page a dropped host closed, reopened when the host is back. */
    private final PageReturn pageReturn;

    /** The fleet view (every domain of every host), built on first use. */
    public org.vireo.ui.fleet.FleetView fleetView() {
        if (fleetView == null) {
            fleetView = new org.vireo.ui.fleet.FleetView(model.fleet(), new org.vireo.ui.fleet.FleetView.Commands(
                row -> {
                    tree.select(row);
                    backToFleet = true;
                }, row -> {
                    openTab(row, "consoleTab");
                    backToFleet = true;
                }, rows -> openMigration(rows, null)));
            fleetView.visibleProperty().bind(model.selectedDomainProperty().isNull().and(model.fleetShownProperty()));
            fleetView.table().getSelectionModel().getSelectedItems().addListener(
                (ListChangeListener<org.vireo.ui.fleet.FleetRow>) c -> watchSelection());
            right.getChildren().add(1, fleetView);
        }
        return fleetView;
    }

    /** The domains the toolbar acts on: the table's selection, else the open page's domain. */
    private List<DomainRowViewModel> selectedDomains() {
        if (fleetView != null && fleetView.isVisible()) {
            return fleetView.selectedDomains();
        }
        List<DomainRowViewModel> sel = List.copyOf(table.getSelectionModel().getSelectedItems());
        if (!sel.isEmpty()) {
            return sel;
        }
        DomainRowViewModel open = model.selectedDomainProperty().get();
        return open == null ? List.of() : List.of(open);
    }

    void migrateSelected() {
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
                case CANCELLED -> switch (job.kind()) {
                    case CREATE, CLONE -> "cancelled, what it had made is removed";
                    default -> job.domainUuid().isEmpty() ? "cancelled" : "cancelled, the domain stays where it was";
                };
                case FAILED -> "failed: " + job.error();
                default -> job.state().label();
            })));
    }

    /** The tree's right-click menu: a domain's (as in the table) or a host's (see {@link HostMenu}). */
    private javafx.scene.control.ContextMenu treeMenu() {
        java.util.function.Supplier<DomainRowViewModel> treeDomain = () -> {
            var item = tree.getSelectionModel().getSelectedItem();
            return item != null && item.getValue() instanceof DomainRowViewModel row ? row : null;
        };
        javafx.scene.control.ContextMenu domainMenu = DomainMenu.create("treeMenu", () -> {
            DomainRowViewModel row = treeDomain.get();
            return row == null ? List.of() : List.of(row);
        }, new DomainMenu.Commands(this::run, () -> { }, () -> openTab(treeDomain.get(), "consoleTab"),
            () -> openTab(treeDomain.get(), "snapshotsTab"), this::migrateSelected, () -> openClone(treeDomain.get()), () -> {
                if (treeDomain.get() != null) {
                    onDelete.accept(treeDomain.get());
                }
            }));
        HostMenu hostActions = new HostMenu("host", () -> {
            var item = tree.getSelectionModel().getSelectedItem();
            return item != null && item.getValue() instanceof HostViewModel host ? host : null;
        }, this::editHost, model::removeConnection, this::openHostPage, this::openCreateVm);
        javafx.scene.control.ContextMenu hostMenu = new javafx.scene.control.ContextMenu(
            hostActions.items().toArray(javafx.scene.control.MenuItem[]::new));
        hostMenu.setId("hostContextMenu");
        hostMenu.setOnShowing(e -> hostActions.update());
        hostNewVm = hostActions.newVm();
        // the menu follows what was right-clicked (the tree selects it on the press, before the menu)
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, item) ->
            tree.setContextMenu(item != null && item.getValue() instanceof DomainRowViewModel ? domainMenu : hostMenu));
        return hostMenu;
    }

    /** Opens the New VM wizard on {@code host} (the selected host when null). */
    public org.vireo.ui.create.CreateVmWizard openCreateVm(HostViewModel host) {
        HostViewModel h = host != null ? host : model.selectedHostProperty().get();
        if (h == null) {
            model.tell("Add or select a host first: the new VM is made there.");
            return null;
        }
        var wizard = new org.vireo.ui.create.CreateVmWizard(getScene() == null ? null : getScene().getWindow(),
            new org.vireo.ui.create.CreateVmViewModel(h), this::jobStarted);
        wizard.show();
        return wizard;
    }

    /** Asks for the copy's name, then clones as a job. */
    public javafx.scene.control.Dialog<javafx.scene.control.ButtonType> openClone(DomainRowViewModel row) {
        if (row == null) {
            return null;
        }
        var d = org.vireo.ui.create.DomainCopyDialogs.clone(getScene().getWindow(), new org.vireo.ui.create.DomainCopyViewModel(row),
            this::jobStarted);
        d.show();
        return d;
    }

    /** Asks, with the checklist of the domain's volumes, then deletes. */
    public javafx.scene.control.Dialog<javafx.scene.control.ButtonType> openDelete(DomainRowViewModel row) {
        if (row == null) {
            return null;
        }
        var d = org.vireo.ui.create.DomainCopyDialogs.delete(getScene().getWindow(), new org.vireo.ui.create.DomainCopyViewModel(row),
            model::tell);
        d.show();
        return d;
    }

    private javafx.scene.control.MenuItem hostNewVm;

    /** The New VM items of the host's right-click menu (id hostNewVmItem) and of the Host menu (menuHostNewVmItem). */
    public List<javafx.scene.control.MenuItem> newVmItems() {
        return List.of(hostNewVm, menu.newVm());
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
            domainPage.setOnClone(() -> openClone(model.selectedDomainProperty().get()));
            domainPage.setOnDelete(() -> openDelete(model.selectedDomainProperty().get()));
            domainPage.visibleProperty().bind(model.selectedDomainProperty().isNotNull());
            right.getChildren().add(domainPage);
        }
        return domainPage;
    }

    private ToolBar toolbar() {
        Button add = iconButton("addConnectionButton", Icons.of(MaterialDesignS.SERVER_PLUS), Shortcut.ADD_CONNECTION.tip("Add a connection"));
        add.setOnAction(e -> addConnection());
        Button addSsh = iconButton("addSshHostButton", Icons.of(MaterialDesignS.SERVER_NETWORK), "Add a host over SSH");
        addSsh.setOnAction(e -> addSshHost());
        Button remove = iconButton("removeConnectionButton", Icons.of(MaterialDesignS.SERVER_REMOVE), "Remove the selected connection");
        remove.setOnAction(e -> model.removeConnection(model.selectedHostProperty().get()));
        remove.disableProperty().bind(model.selectedHostProperty().isNull());
        Button reconnect = iconButton("reconnectButton", Icons.of(MaterialDesignR.REFRESH), "Reconnect the selected host now (Refresh: "
            + Shortcut.REFRESH.keys() + ")");
        reconnect.setOnAction(e -> {
            HostViewModel host = model.selectedHostProperty().get();
            if (host != null) {
                host.reconnect();
            }
        });
        reconnect.disableProperty().bind(model.selectedHostProperty().isNull());

        Button newVm = iconButton("newVmButton", Icons.of(org.kordamp.ikonli.materialdesign2.MaterialDesignM.MONITOR_SHIMMER),
            "New VM on the selected host…");
        newVm.setOnAction(e -> openCreateVm(null));
        newVm.disableProperty().bind(model.selectedHostProperty().isNull());
        // no separator of its own: the filter field keeps its place at 1280 px
        ToolBar bar = new ToolBar(add, addSsh, remove, reconnect, newVm, new Separator(Orientation.VERTICAL));
        for (DomainAction action : DomainAction.values()) {
            Button b = new Button(action.label(), Icons.of(Icons.forAction(action)));
            b.setId(buttonId(action));
            b.setTooltip(new Tooltip(Shortcut.of(action).tip(action.label() + " the selected domains")));
            if (action.destructive()) {
                b.getGraphic().getStyleClass().add("destructive-icon");
            }
            b.setOnAction(e -> run(action));
            actionButtons.put(action, b);
            bar.getItems().add(b);
        }
        // an icon, so the filter field keeps its place at 1280 px
        Button migrate = iconButton("migrateButton", Icons.of(org.kordamp.ikonli.materialdesign2.MaterialDesignT.TRUCK_FAST_OUTLINE),
            "Migrate the selected domains to another host… (" + Shortcut.MIGRATE.keys() + "; or drag them onto the host in the tree)");
        migrate.setOnAction(e -> migrateSelected());
        bar.getItems().addAll(new Separator(Orientation.VERTICAL), migrate);
        Button prefs = iconButton("preferencesButton", Icons.of(org.kordamp.ikonli.materialdesign2.MaterialDesignC.COG),
            Shortcut.PREFERENCES.tip("Preferences"));
        prefs.setOnAction(e -> preferences());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        filter = new CustomTextField();
        filter.setId("filterField");
        filter.setPromptText("Filter by name (" + Shortcut.FIND.keys() + ")");
        filter.setLeft(Icons.of(MaterialDesignM.MAGNIFY));
        filter.setPrefColumnCount(13);
        filter.textProperty().bindBidirectional(model.filterProperty());
        bar.getItems().addAll(spacer, filter, prefs);
        // Tab from the toolbar's last control goes on to the tree (the ToolBar's own traversal
        // went round its buttons a second time first)
        bar.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.TAB && !e.isShiftDown() && !e.isShortcutDown() && prefs.isFocused()) {
                tree.requestFocus();
                e.consume();
            }
        });
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
        Button connect = new Button("Connect", Icons.of(MaterialDesignR.REFRESH));
        connect.setId("hostConnectButton");
        connect.getStyleClass().add(Styles.SMALL);
        connect.setOnAction(e -> {
            HostViewModel h = model.selectedHostProperty().get();
            if (h != null) {
                h.reconnect();
            }
        });
        HostCharts charts = new HostCharts();
        org.vireo.ui.host.FirstRunPane firstRun = new org.vireo.ui.host.FirstRunPane(this::addSshHost, model::openDemo, () -> {
            HostViewModel h = model.selectedHostProperty().get();
            if (h != null) {
                h.reconnect();
            }
        });
        Runnable show = () -> {
            HostViewModel h = model.selectedHostProperty().get();
            title.setText(h == null ? "No host" : h.titleProperty().get());
            boolean connected = h != null && h.getState() == org.vireo.model.ConnectionState.CONNECTED;
            boolean missing = h != null && h.daemonMissing();
            if (h == null) {
                detail.setText("Add a connection to see its domains.");
            } else if (missing) {
                detail.setText(h.uri() + " — no libvirt daemon answers on this computer");
            } else if (!h.getError().isEmpty()) {
                String next = h.nextTryProperty().get();
                detail.setText(h.uri() + " — " + h.getState().label() + ": " + h.getError() + (next.isEmpty() ? "" : " — next try at " + next));
            } else if (h.heldByUserProperty().get() && !connected) {
                detail.setText(h.uri() + " — disconnected (Connect to see its domains)");
            } else {
                detail.setText(h.uri() + " — " + h.getState().label() + " — " + h.domains().size() + " domains");
            }
            connect.setVisible(h != null && h.getState() == org.vireo.model.ConnectionState.DISCONNECTED && !missing);
            connect.setManaged(connect.isVisible());
            // a host without data shows no empty charts; one where libvirt is missing shows what to do instead
            charts.setVisible(connected);
            charts.setManaged(connected);
            firstRun.setVisible(missing);
            firstRun.setManaged(missing);
            table.setVisible(!missing);
            table.setManaged(!missing);
            firstRun.show(h);
        };
        ChangeListener<Object> refresh = (o, a, b) -> show.run();
        ListChangeListener<DomainRowViewModel> sizeWatch = c -> show.run();
        model.selectedHostProperty().addListener((obs, old, h) -> {
            if (old != null) {
                old.stateProperty().removeListener(refresh);
                old.errorProperty().removeListener(refresh);
                old.nextTryProperty().removeListener(refresh);
                old.heldByUserProperty().removeListener(refresh);
                old.domains().removeListener(sizeWatch);
            }
            if (h != null) {
                h.stateProperty().addListener(refresh);
                h.errorProperty().addListener(refresh);
                h.nextTryProperty().addListener(refresh);
                h.heldByUserProperty().addListener(refresh);
                h.domains().addListener(sizeWatch);
            }
            show.run();
        });
        HostViewModel first = model.selectedHostProperty().get();
        if (first != null) {
            first.stateProperty().addListener(refresh);
            first.errorProperty().addListener(refresh);
            first.nextTryProperty().addListener(refresh);
            first.heldByUserProperty().addListener(refresh);
            first.domains().addListener(sizeWatch);
        }
        show.run();
        HBox line = new HBox(8, detail, connect);
        line.setAlignment(Pos.CENTER_LEFT);
        VBox header = new VBox(2, title, line);
        header.setPadding(new Insets(8, 10, 6, 10));
        charts.show(model.selectedHostProperty().get());
        model.selectedHostProperty().addListener((obs, old, h) -> charts.show(h));
        VBox domains = new VBox(charts, firstRun, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        javafx.scene.control.Tab domainsTab = new javafx.scene.control.Tab("Domains", domains);
        domainsTab.setId("hostDomainsTab");
        storageTab.setId("hostStorageTab");
        networksTab.setId("hostNetworksTab");
        hostTabs.getTabs().setAll(domainsTab, storageTab, networksTab);
        hostTabs.setId("hostTabs");
        hostTabs.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        // Storage and Networks are built when first shown and read the host when shown
        storageTab.selectedProperty().addListener((o, was, on) -> {
            if (on) {
                storagePane().model().show(model.selectedHostProperty().get());
            }
        });
        networksTab.selectedProperty().addListener((o, was, on) -> {
            if (on) {
                networksPane().model().show(model.selectedHostProperty().get());
            }
        });
        model.selectedHostProperty().addListener((obs, old, h) -> {
            if (storageTab.isSelected()) {
                storagePane().model().show(h);
            } else if (networksTab.isSelected()) {
                networksPane().model().show(h);
            }
        });
        VBox pane = new VBox(header, hostTabs);
        pane.setId("hostPage");
        VBox.setVgrow(hostTabs, Priority.ALWAYS);
        // the host's charts draw only while the host page and its Domains tab are the ones shown
        Runnable live = () -> charts.setLive(pane.isVisible() && domainsTab.isSelected());
        pane.visibleProperty().addListener((obs, was, on) -> live.run());
        domainsTab.selectedProperty().addListener((obs, was, on) -> live.run());
        live.run();
        return pane;
    }

    private final javafx.scene.control.TabPane hostTabs = new javafx.scene.control.TabPane();
    private final javafx.scene.control.Tab storageTab = new javafx.scene.control.Tab("Storage");
    private final javafx.scene.control.Tab networksTab = new javafx.scene.control.Tab("Networks");

    /** The host page's tabs: Domains, Storage, Networks. */
    public javafx.scene.control.TabPane hostTabs() {
        return hostTabs;
    }

    /** The host page's Storage tab content, built on first use. */
    public org.vireo.ui.host.StorageTab storagePane() {
        if (!(storageTab.getContent() instanceof org.vireo.ui.host.StorageTab)) {
            storageTab.setContent(new org.vireo.ui.host.StorageTab(new org.vireo.ui.host.StorageViewModel(this::jobStarted)));
        }
        return (org.vireo.ui.host.StorageTab) storageTab.getContent();
    }

    /** The host page's Networks tab content, built on first use. */
    public org.vireo.ui.host.NetworksTab networksPane() {
        if (!(networksTab.getContent() instanceof org.vireo.ui.host.NetworksTab)) {
            networksTab.setContent(new org.vireo.ui.host.NetworksTab(new org.vireo.ui.host.NetworksViewModel()));
        }
        return (org.vireo.ui.host.NetworksTab) networksTab.getContent();
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
        jobs.setTooltip(new Tooltip(Shortcut.JOBS.tip("Show or hide the Jobs panel")));
        jobs.setOnAction(e -> showJobs(!jobsShown()));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox line = new HBox(status, gap, jobs);
        line.setAlignment(Pos.CENTER_LEFT);
        line.setPadding(new Insets(4, 10, 4, 10));
        line.getStyleClass().add("status-line");
        return line;
    }

    void run(DomainAction action) {
        if (fleetView != null && fleetView.isVisible() && model.selectedDomainProperty().get() == null) {
            // the fleet asks before shutting down many, naming them
            fleetView.run(action);
            return;
        }
        List<DomainRowViewModel> rows = selectedDomains().stream()
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
        watchedRows.addAll(fleetView != null && fleetView.isVisible() ? fleetView.selectedDomains()
            : table.getSelectionModel().getSelectedItems());
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
        if (menu != null) {
            menu.update(selectedDomains());
        }
    }

    // ---- the window's actions: toolbar, menu bar, context menus and keys all come here ----

    void addConnection() {
        new AddConnectionDialog(getScene().getWindow(), model::addConnection).showAndWait();
    }

    void addSshHost() {
        new AddSshHostDialog(getScene().getWindow(), model::addConnection).showAndWait();
    }

    /** Edit: the connection's URI in the add dialog; a new URI replaces the host at its place. */
    void editHost(HostViewModel host) {
        new AddConnectionDialog(getScene().getWindow(), uri -> model.replaceConnection(host, uri), host.uri(), "Edit connection")
            .showAndWait();
    }

    /** Shows the host's page (its table and charts), leaving any domain page. */
    void openHostPage(HostViewModel host) {
        model.selectedDomainProperty().set(null);
        tree.select(host);
        table.requestFocus();
    }

    void preferences() {
        new org.vireo.ui.dialog.PreferencesDialog(getScene().getWindow(), model.statsProperty().get(), Theme.choiceProperty().get())
            .showAndWait().ifPresent(p -> {
                if (!p.stats().equals(model.statsProperty().get())) {
                    model.applyStats(p.stats());
                }
                chooseTheme(p.theme());
            });
    }

    /** Puts the theme in force at once and tells the app (which saves it). */
    void chooseTheme(org.vireo.model.ThemeChoice choice) {
        if (Theme.choiceProperty().get() != choice) {
            Theme.choiceProperty().set(choice);
            onThemeChosen.accept(choice);
            model.tell("Theme: " + choice.label());
        }
    }

    /** Told the theme the user chose (the app saves it). */
    public void setOnThemeChosen(java.util.function.Consumer<org.vireo.model.ThemeChoice> listener) {
        this.onThemeChosen = listener;
    }

    void refresh() {
        HostViewModel h = model.selectedHostProperty().get();
        if (h != null) {
            h.refresh();
            model.tell("Refreshing " + h.titleProperty().get());
        }
    }

    void focusFilter() {
        if (model.selectedDomainProperty().get() != null) {
            model.selectedDomainProperty().set(null);
        }
        if (fleetView != null && fleetView.isVisible()) {
            fleetView.focusSearch();
            return;
        }
        filter.requestFocus();
        filter.selectAll();
    }

    /** Opens the page of the one selected domain. */
    void openSelected() {
        List<DomainRowViewModel> rows = selectedDomains();
        if (rows.size() == 1) {
            tree.select(rows.getFirst());
        }
    }

    void openConsole() {
        List<DomainRowViewModel> rows = selectedDomains();
        if (rows.size() == 1) {
            openTab(rows.getFirst(), "consoleTab");
        }
    }

    void openSnapshots() {
        List<DomainRowViewModel> rows = selectedDomains();
        if (rows.size() == 1) {
            openTab(rows.getFirst(), "snapshotsTab");
        }
    }

    /** Opens a domain's page on the tab with this id (consoleTab, snapshotsTab ...). */
    void openTab(DomainRowViewModel row, String tabId) {
        if (row == null) {
            return;
        }
        tree.select(row);
        DomainPage page = domainPage();
        page.tabs().getTabs().stream().filter(t -> tabId.equals(t.getId())).findFirst()
            .ifPresent(t -> page.tabs().getSelectionModel().select(t));
    }

    /** Delete on the one selected domain: asks first (see {@link #setOnDelete}). */
    void deleteSelected() {
        List<DomainRowViewModel> rows = selectedDomains();
        if (rows.size() == 1) {
            onDelete.accept(rows.getFirst());
        }
    }

    /** What Delete (key, menus) does with a domain: by default the delete dialog with its volumes (it asks). */
    public void setOnDelete(java.util.function.Consumer<DomainRowViewModel> action) {
        this.onDelete = action;
    }

    private org.vireo.ui.palette.CommandPalette palette;
    private List<String> paletteRecent = List.of();
    private java.util.function.Consumer<List<String>> paletteRecentChanged = keys -> { };

    /** The palette's recent choices from the last run, and who keeps them when they change (the settings). */
    public void setPaletteRecent(List<String> keys, java.util.function.Consumer<List<String>> changed) {
        this.paletteRecent = List.copyOf(keys);
        this.paletteRecentChanged = changed;
        if (palette != null) {
            palette.model().setRecent(paletteRecent);
            palette.model().setOnRecentChanged(changed);
        }
    }

    /** Ctrl+K: the command palette, made on first use; its recent choices last across restarts (see {@link #setPaletteRecent}). */
    public org.vireo.ui.palette.CommandPalette openPalette() {
        if (getScene() == null) {
            return null;
        }
        if (palette == null) {
            palette = new org.vireo.ui.palette.CommandPalette(getScene().getWindow(), new org.vireo.ui.palette.PaletteViewModel(model,
                new org.vireo.ui.palette.PaletteViewModel.Actions(this::runOn, row -> tree.select(row), row -> openTab(row, "consoleTab"),
                    row -> openTab(row, "snapshotsTab"), (row, target) -> openMigration(List.of(row), target), this::openHostPage,
                    paletteCommands())));
            palette.model().setRecent(paletteRecent);
            palette.model().setOnRecentChanged(paletteRecentChanged);
        }
        palette.show();
        return palette;
    }

    private List<org.vireo.ui.palette.PaletteViewModel.Command> paletteCommands() {
        return List.of(
            command("fleet", "Show all hosts (fleet view)", Shortcut.FLEET, this::showFleet),
            command("addConnection", "Add connection…", Shortcut.ADD_CONNECTION, this::addConnection),
            new org.vireo.ui.palette.PaletteViewModel.Command("addSsh", "Add host over SSH…", "", this::addSshHost),
            command("newVm", "New VM…", null, () -> openCreateVm(null)),
            command("refresh", "Refresh the selected host", Shortcut.REFRESH, this::refresh),
            command("find", "Find: search the domains", Shortcut.FIND, this::focusFilter),
            command("jobs", "Show or hide the Jobs panel", Shortcut.JOBS, () -> showJobs(!jobsShown())),
            command("preferences", "Preferences…", Shortcut.PREFERENCES, this::preferences),
            command("shortcuts", "Keyboard shortcuts (help)", Shortcut.SHORTCUTS, this::showShortcuts));
    }

    private static org.vireo.ui.palette.PaletteViewModel.Command command(String id, String text, Shortcut s, Runnable run) {
        return new org.vireo.ui.palette.PaletteViewModel.Command(id, text, s == null ? "" : s.keys(), run);
    }

    /** One action on one domain, from the palette: a destructive one asks first. */
    private void runOn(DomainAction action, DomainRowViewModel row) {
        if (action.destructive() && !ConfirmDialog.ask(getScene().getWindow(), action.label() + " " + row.getName() + "?",
            "The guest stops at once, as if its power cord were pulled: whatever it has not written "
                + "to disk is lost and its file systems may need repair.", action.label())) {
            return;
        }
        model.perform(action, List.of(row));
    }

    /** Shows the fleet view (all hosts), leaving any domain page. */
    void showFleet() {
        if (model.hosts().isEmpty()) {
            model.tell("Add a connection first.");
            return;
        }
        model.selectedDomainProperty().set(null);
        model.fleetShownProperty().set(true);
        fleetView().table().requestFocus();
    }

    void addTagToSelected() {
        if (fleetView != null && fleetView.isVisible()) {
            fleetView.addTagToSelected();
        } else {
            model.tell("Add tag works on the fleet view's selection (" + Shortcut.FLEET.keys() + "); a domain's Overview edits its tags.");
        }
    }

    void snapshotSelected() {
        if (fleetView != null && fleetView.isVisible()) {
            fleetView.snapshotSelected();
        } else {
            openSnapshots();
        }
    }

    void showShortcuts() {
        List<String[]> rows = new ArrayList<>();
        for (Shortcut s : Shortcut.values()) {
            rows.add(new String[] {s.keys(), s.what()});
        }
        new org.vireo.ui.dialog.ShortcutsDialog(getScene().getWindow(), rows).show();
    }

    void quit() {
        onQuit.run();
    }

    /** What File > Quit (Ctrl+Q) does; the app asks about running jobs and saves the window first. */
    public void setOnQuit(Runnable action) {
        this.onQuit = action;
    }

    /** What a notice's Open log does (the app opens the log file); without it the button is not shown. */
    public void setOpenLog(Runnable action) {
        notifications.setOpenLog(action);
    }

    /** What Delete does with this domain (asks first). */
    void deleteDomain(DomainRowViewModel row) {
        if (row != null) {
            onDelete.accept(row);
        }
    }

    // ---- window state (see MainWindowState) ----

    /** The content's state now, to be saved (the app adds the window's place and size). */
    public org.vireo.settings.WindowState captureState() {
        double jobs = jobsShown() ? vertical.getDividerPositions()[0] : jobsDivider;
        return MainWindowState.capture(split, table, model, domainPage, jobs);
    }

    /** Puts the content back as saved (see {@link MainWindowState#restore}). */
    public void restoreState(org.vireo.settings.WindowState state) {
        if (!Double.isNaN(state.jobsDivider())) {
            jobsDivider = state.jobsDivider();
        }
        MainWindowState.restore(state, split, table, tree, model, this::openTab);
    }

    private static Button iconButton(String id, org.kordamp.ikonli.javafx.FontIcon icon, String tip) {
        Button b = new Button(null, icon);
        b.setId(id);
        b.getStyleClass().add(Styles.BUTTON_ICON);
        b.setTooltip(new Tooltip(tip));
        return b;
    }
}
