package org.vireo.ui;

import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.vireo.ui.tree.ConnectionTreeView;

/**
 * Keys of the main window that no control takes: Enter opens the selected domain, Delete
 * asks to delete it, Escape leaves a domain page (or clears the filter), Tab leaves a
 * multi-line field. A console that grabs the keyboard keeps Escape for its guest.
 */
final class MainKeys {
    private MainKeys() {
    }

    static void install(MainWindow w, ConnectionTreeView tree, TableView<DomainRowViewModel> table, TextField filter,
                        MainViewModel model) {
        table.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && table.getSelectionModel().getSelectedItems().size() == 1) {
                tree.select(table.getSelectionModel().getSelectedItem());
                w.domainPage().tabs().requestFocus();
                e.consume();
            } else if (e.getCode() == javafx.scene.input.KeyCode.DELETE) {
                w.deleteSelected();
                e.consume();
            }
        });
        tree.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            var item = tree.getSelectionModel().getSelectedItem();
            if (item != null && item.getValue() instanceof DomainRowViewModel row) {
                if (e.getCode() == javafx.scene.input.KeyCode.ENTER) {
                    w.domainPage().tabs().requestFocus();
                    e.consume();
                } else if (e.getCode() == javafx.scene.input.KeyCode.DELETE) {
                    w.deleteDomain(row);
                    e.consume();
                }
            } else if (item != null && item.getValue() instanceof HostViewModel && e.getCode() == javafx.scene.input.KeyCode.ENTER) {
                table.requestFocus();
                e.consume();
            }
        });
        // Tab leaves a multi-line text (a description, the XML editor) as it leaves any other
        // control, so the keyboard never gets stuck there; Ctrl+Tab still types a tab
        w.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.TAB && !e.isShortcutDown() && !e.isAltDown()
                && e.getTarget() instanceof javafx.scene.Node n
                && (n instanceof javafx.scene.control.TextArea || n.getStyleClass().contains("code-area"))) {
                e.consume();
                n.requestFocusTraversal(e.isShiftDown() ? javafx.scene.TraversalDirection.PREVIOUS : javafx.scene.TraversalDirection.NEXT);
            }
        });
        // a filter: the tree and the table take Escape themselves (to cancel an edit they never start)
        w.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() != javafx.scene.input.KeyCode.ESCAPE || e.isShortcutDown() || e.isAltDown()) {
                return;
            }
            javafx.scene.Node focus = w.getScene() == null ? null : w.getScene().getFocusOwner();
            if (inConsole(focus)) {
                // a console sends Escape to its guest
                return;
            }
            DomainRowViewModel open = model.selectedDomainProperty().get();
            if (open != null) {
                model.selectedDomainProperty().set(null);
                table.getSelectionModel().clearSelection();
                table.getSelectionModel().select(open);
                table.requestFocus();
                e.consume();
            } else if (focus == filter && !filter.getText().isEmpty()) {
                filter.clear();
                table.requestFocus();
                e.consume();
            }
        });
    }

    private static boolean inConsole(javafx.scene.Node node) {
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
            if ("consoleTabContent".equals(n.getId())) {
                return true;
            }
        }
        return false;
    }

}
