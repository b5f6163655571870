package org.vireo.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.vireo.settings.WindowState;
import org.vireo.ui.domain.DomainPage;
import org.vireo.ui.tree.ConnectionTreeView;

/**
 * The main window's content as the user left it: the tree's width, the table's columns
 * (order, widths) and sort, the selected host, the open domain page and its tab. The app
 * saves it at quit and puts it back at start (with the window's own place and size).
 */
final class MainWindowState {
    private MainWindowState() {
    }

    static WindowState capture(SplitPane split, TableView<DomainRowViewModel> table, MainViewModel model, DomainPage page,
                               double jobsDivider) {
        List<String> columns = new ArrayList<>();
        Map<String, Double> widths = new HashMap<>();
        for (var c : table.getColumns()) {
            columns.add(c.getId());
            widths.put(c.getId(), c.getWidth());
        }
        List<String> sort = table.getSortOrder().stream().map(c -> c.getId() + ":" + c.getSortType().name()).toList();
        HostViewModel host = model.selectedHostProperty().get();
        DomainRowViewModel open = model.selectedDomainProperty().get();
        String tab = "";
        if (open != null && page != null && page.tabs().getSelectionModel().getSelectedItem() != null) {
            tab = page.tabs().getSelectionModel().getSelectedItem().getId();
        }
        // the tree keeps its width when the window resizes (not resizable with its parent): saved in pixels
        double treeWidth = split.getDividerPositions()[0] * split.getWidth();
        return new WindowState(Double.NaN, Double.NaN, false, treeWidth, jobsDivider,
            // the fleet view left shown: no host, so the next start opens on All hosts again
            columns, widths, sort, host == null || open == null && model.fleetShownProperty().get() ? "" : host.uri(),
            open == null ? "" : open.uuid(), tab);
    }

    /**
     * Splits, columns and sort at once; the host as soon as it is in the list; the domain
     * page when its domain is listed (hosts connect after the window shows), unless the
     * user chose something else meanwhile.
     *
     * @param openTab opens a domain's page on the tab with the given id
     */
    static void restore(WindowState state, SplitPane split, TableView<DomainRowViewModel> table, ConnectionTreeView tree,
                        MainViewModel model, BiConsumer<DomainRowViewModel, String> openTab) {
        restoreTreeWidth(split, state.treeDivider());
        if (!state.columns().isEmpty()) {
            List<TableColumn<DomainRowViewModel, ?>> ordered = new ArrayList<>();
            for (String id : state.columns()) {
                table.getColumns().stream().filter(c -> id.equals(c.getId())).findFirst().ifPresent(ordered::add);
            }
            // columns the saved state does not know (added since) keep their place at the end
            table.getColumns().stream().filter(c -> !ordered.contains(c)).forEach(ordered::add);
            table.getColumns().setAll(ordered);
        }
        state.widths().forEach((id, w) -> table.getColumns().stream().filter(c -> id.equals(c.getId())).findFirst()
            .ifPresent(c -> c.setPrefWidth(w)));
        if (!state.sort().isEmpty()) {
            List<TableColumn<DomainRowViewModel, ?>> order = new ArrayList<>();
            for (String entry : state.sort()) {
                String[] parts = entry.split(":");
                table.getColumns().stream().filter(c -> parts[0].equals(c.getId())).findFirst().ifPresent(c -> {
                    c.setSortType(parts.length > 1 && parts[1].equals("DESCENDING")
                        ? TableColumn.SortType.DESCENDING : TableColumn.SortType.ASCENDING);
                    order.add(c);
                });
            }
            table.getSortOrder().setAll(order);
        }
        model.find(state.host()).ifPresent(host -> {
            tree.select(host);
            if (!state.domain().isEmpty()) {
                reopenWhenListed(model, tree, host, state.domain(), state.tab(), openTab);
            }
        });
    }

    private static void restoreTreeWidth(SplitPane split, double px) {
        if (Double.isNaN(px) || px <= 0) {
            return;
        }
        if (split.getWidth() > 0) {
            split.setDividerPositions(Math.min(0.8, px / split.getWidth()));
            return;
        }
        // once the split has its width; from then on the tree keeps its pixels as the window resizes
        split.widthProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Number> o, Number old, Number w) {
                if (w.doubleValue() > 0) {
                    split.widthProperty().removeListener(this);
                    split.setDividerPositions(Math.min(0.8, px / w.doubleValue()));
                }
            }
        });
    }

    private static void reopenWhenListed(MainViewModel model, ConnectionTreeView tree, HostViewModel host, String uuid, String tab,
                                         BiConsumer<DomainRowViewModel, String> openTab) {
        Runnable[] stop = new Runnable[1];
        ListChangeListener<DomainRowViewModel> watch = c -> {
            if (model.selectedHostProperty().get() != host || model.selectedDomainProperty().get() != null) {
                stop[0].run();
                return;
            }
            host.domains().stream().filter(r -> r.uuid().equals(uuid)).findFirst().ifPresent(row -> {
                stop[0].run();
                if (tab.isEmpty()) {
                    tree.select(row);
                } else {
                    openTab.accept(row, tab);
                }
            });
        };
        stop[0] = () -> host.domains().removeListener(watch);
        host.domains().addListener(watch);
        watch.onChanged(null);
    }
}
