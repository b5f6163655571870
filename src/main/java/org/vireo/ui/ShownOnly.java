package org.vireo.ui;

import java.util.HashMap;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * Keeps hidden branches out of the scene graph while a busy tab is shown. JavaFX walks
 * every node of the scene at each pulse (bounds) whether it is visible or not; a console
 * redraws about 33 times a second, and with the domain page's other tabs attached that walk
 * was the FX thread's largest cost (1000 of the window's 1600 nodes).
 */
public final class ShownOnly {
    private ShownOnly() {
    }

    /**
     * While {@code busy} is the selected tab, the other tabs' contents are out of the scene;
     * they come back as soon as another tab is selected.
     */
    public static void whileSelected(TabPane tabs, Tab busy) {
        Map<Tab, Node> parked = new HashMap<>();
        Runnable apply = () -> {
            boolean park = tabs.getSelectionModel().getSelectedItem() == busy;
            for (Tab t : tabs.getTabs()) {
                if (t == busy) {
                    continue;
                }
                if (park && t.getContent() != null) {
                    parked.put(t, t.getContent());
                    t.setContent(null);
                } else if (!park && parked.containsKey(t)) {
                    t.setContent(parked.remove(t));
                }
            }
        };
        tabs.getSelectionModel().selectedItemProperty().addListener(o -> apply.run());
        apply.run();
    }
}
