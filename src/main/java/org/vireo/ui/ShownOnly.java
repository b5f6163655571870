package org.vireo.ui;

import java.util.HashMap;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.Pane;

/**
 * Keeps hidden branches out of the scene graph. JavaFX walks every node of the scene at
 * each pulse (bounds, CSS) whether it is visible or not; with the domain page's six other
 * tabs and the hidden domain table attached, that walk was the FX thread's largest cost
 * while a console scrolls (about 1300 of 1600 nodes, 4 % of a core).
 */
public final class ShownOnly {
    private ShownOnly() {
    }

    /** Only the selected tab's content stays in the scene; the others come back when selected. */
    public static void selectedTab(TabPane tabs) {
        Map<Tab, Node> parked = new HashMap<>();
        Runnable apply = () -> {
            Tab shown = tabs.getSelectionModel().getSelectedItem();
            for (Tab t : tabs.getTabs()) {
                if (t == shown) {
                    Node n = parked.remove(t);
                    if (n != null) {
                        t.setContent(n);
                    }
                } else if (t.getContent() != null) {
                    parked.put(t, t.getContent());
                    t.setContent(null);
                }
            }
        };
        tabs.getSelectionModel().selectedItemProperty().addListener(o -> apply.run());
        tabs.getTabs().addListener((javafx.collections.ListChangeListener<Tab>) c -> apply.run());
        apply.run();
    }

    /** {@code child} (the first of {@code parent}'s children) is in the parent only while visible. */
    public static void firstChildWhileVisible(Pane parent, Node child) {
        child.visibleProperty().addListener((o, was, is) -> {
            if (!is) {
                parent.getChildren().remove(child);
            } else if (!parent.getChildren().contains(child)) {
                parent.getChildren().addFirst(child);
            }
        });
        if (!child.isVisible()) {
            parent.getChildren().remove(child);
        }
    }
}
