package org.vireo.ui.tree;

import java.util.Comparator;
import org.vireo.model.NaturalOrder;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.HostViewModel;
import org.vireo.ui.MainViewModel;

/**
 * The connection tree: hosts with their domains. Tree items follow the view models'
 * lists incrementally, so a refresh that changes one domain touches one item.
 */
public final class ConnectionTreeView extends TreeView<Object> {
    private final Map<HostViewModel, TreeItem<Object>> hostItems = new IdentityHashMap<>();
    // a SortedList listens to its source only weakly: keep each one reachable
    private final Map<HostViewModel, SortedList<DomainRowViewModel>> sortedDomains = new IdentityHashMap<>();

    public ConnectionTreeView(MainViewModel model) {
        super(new TreeItem<>("hosts"));
        setId("connectionTree");
        setShowRoot(false);
        getRoot().setExpanded(true);
        getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        setCellFactory(tree -> new ConnectionTreeCell(() -> migrationDrop));
        // the All hosts item, when shown, is the root's first child, before the hosts
        follow(model.hosts(), getRoot(), this::hostItem, hostItems,
            () -> fleetItem != null && !getRoot().getChildren().isEmpty() && getRoot().getChildren().getFirst() == fleetItem ? 1 : 0);
        model.hosts().addListener((ListChangeListener<HostViewModel>) c -> sortedDomains.keySet().retainAll(c.getList()));
        getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (item == null) {
                return;
            }
            if (item.getValue() instanceof HostViewModel host) {
                model.fleetShownProperty().set(false);
                model.selectedHostProperty().set(host);
            } else if (item.getValue() instanceof DomainRowViewModel row) {
                model.fleetShownProperty().set(false);
                model.selectedHostProperty().set(row.host());
            } else if (item == fleetItem) {
                model.fleetShownProperty().set(true);
            }
        });
        // "All hosts" heads the tree while there are several hosts
        model.hosts().addListener((ListChangeListener<HostViewModel>) c -> showFleetItem(model));
        model.fleetShownProperty().addListener((obs, was, on) -> {
            showFleetItem(model);
            if (on && fleetItem != null && getSelectionModel().getSelectedItem() != fleetItem) {
                getSelectionModel().select(fleetItem);
            }
        });
        showFleetItem(model);
    }

    private TreeItem<Object> fleetItem;

    private void showFleetItem(MainViewModel model) {
        boolean wanted = model.hosts().size() > 1 || model.fleetShownProperty().get();
        if (wanted && fleetItem == null) {
            fleetItem = new TreeItem<>(model.fleet());
        }
        if (fleetItem == null) {
            return;
        }
        boolean there = !getRoot().getChildren().isEmpty() && getRoot().getChildren().getFirst() == fleetItem;
        if (wanted && !there) {
            getRoot().getChildren().remove(fleetItem);
            getRoot().getChildren().addFirst(fleetItem);
        } else if (!wanted && there) {
            getRoot().getChildren().remove(fleetItem);
        }
    }

    /** The "All hosts" item (the fleet view), or null while there is one host. */
    public TreeItem<Object> fleetItem() {
        return fleetItem;
    }

    private MigrationDrop migrationDrop;

    /** Lets domains be dragged onto hosts to migrate them. */
    public void setMigrationDrop(MigrationDrop drop) {
        this.migrationDrop = drop;
    }

    /** Selects the item of a host or a domain. */
    public void select(Object value) {
        for (TreeItem<Object> h : getRoot().getChildren()) {
            if (h.getValue() == value) {
                getSelectionModel().select(h);
                return;
            }
            for (TreeItem<Object> d : h.getChildren()) {
                if (d.getValue() == value) {
                    getSelectionModel().select(d);
                    scrollTo(getRow(d));
                    return;
                }
            }
        }
    }

    /** The tree item of a host, for selection from tests and the table. */
    public TreeItem<Object> itemOf(HostViewModel host) {
        return hostItems.get(host);
    }

    private TreeItem<Object> hostItem(HostViewModel host) {
        TreeItem<Object> item = new TreeItem<>(host);
        item.setExpanded(true);
        // sorted by name, as in the table's default order
        SortedList<DomainRowViewModel> byName =
            new SortedList<>(host.domains(), Comparator.comparing(DomainRowViewModel::getName, NaturalOrder.INSTANCE));
        sortedDomains.put(host, byName);
        follow(byName, item, TreeItem::new, new IdentityHashMap<>(), () -> 0);
        return item;
    }

    private static <T> void follow(ObservableList<T> source, TreeItem<Object> parent,
                                   java.util.function.Function<T, TreeItem<Object>> make, Map<T, TreeItem<Object>> items,
                                   java.util.function.IntSupplier before) {
        for (T value : source) {
            TreeItem<Object> item = make.apply(value);
            items.put(value, item);
            parent.getChildren().add(item);
        }
        // the children mirror the source in its order: a sorted source inserts where it sorts
        source.addListener((ListChangeListener<T>) change -> {
            while (change.next()) {
                if (change.wasPermutated()) {
                    List<TreeItem<Object>> order = new java.util.ArrayList<>(parent.getChildren().subList(0, before.getAsInt()));
                    source.forEach(v -> order.add(items.get(v)));
                    parent.getChildren().setAll(order);
                    continue;
                }
                if (change.wasRemoved()) {
                    List<TreeItem<Object>> gone = change.getRemoved().stream().map(items::remove).toList();
                    parent.getChildren().removeAll(gone);
                }
                if (change.wasAdded()) {
                    List<TreeItem<Object>> added = change.getAddedSubList().stream().map(v -> {
                        TreeItem<Object> item = make.apply(v);
                        items.put(v, item);
                        return item;
                    }).toList();
                    parent.getChildren().addAll(Math.min(before.getAsInt() + change.getFrom(), parent.getChildren().size()), added);
                }
            }
        });
    }
}
