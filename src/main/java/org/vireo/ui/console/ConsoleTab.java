package org.vireo.ui.console;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Tab;
import javafx.scene.layout.StackPane;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.MainViewModel;

/**
 * The domain page's Console tab: the open domain's consoles, connected only while the tab
 * is on screen. Detach moves the console into a window of its own (which follows the
 * domain while the page moves on); several windows can be open at once.
 */
public final class ConsoleTab extends Tab {
    private final MainViewModel main;
    private final StackPane holder = new StackPane();
    private final List<ConsoleWindow> windows = new ArrayList<>();
    private ConsolePane pane;
    private boolean shown;

    public ConsoleTab(MainViewModel main) {
        super("Console");
        this.main = main;
        setId("consoleTab");
        holder.setId("consoleTabContent");
        setContent(holder);
        main.selectedDomainProperty().addListener((o, old, row) -> show(row));
        selectedProperty().addListener(o -> updateLive());
        show(main.selectedDomainProperty().get());
    }

    /** Whether the page holding the tab is on screen (the page hides itself when no domain is open). */
    public void setPageShown(boolean on) {
        shown = on;
        updateLive();
    }

    private void show(DomainRowViewModel row) {
        if (pane != null) {
            pane.setLive(false);
            holder.getChildren().clear();
            pane = null;
        }
        if (row == null) {
            return;
        }
        pane = new ConsolePane(main, row);
        pane.setOnDetach(this::detach);
        pane.fullscreenButton().setOnAction(e -> detach().stage().setFullScreen(true));
        holder.getChildren().add(pane);
        updateLive();
    }

    private void updateLive() {
        if (pane != null) {
            boolean inWindow = windows.stream().anyMatch(w -> w.pane().row() == pane.row());
            pane.setLive(isSelected() && shown && !inWindow);
        }
    }

    /** Opens the console of the shown domain in its own window (same mode). */
    public ConsoleWindow detach() {
        ConsoleWindow w = new ConsoleWindow(main, pane.row(), pane.mode(),
            getTabPane() == null || getTabPane().getScene() == null ? null : getTabPane().getScene().getWindow());
        // one console per domain and mode in this process: the tab lets go first (a serial console has one holder)
        pane.setLive(false);
        windows.add(w);
        w.stage().setOnHidden(e -> {
            w.pane().setLive(false);
            windows.remove(w);
            updateLive();
        });
        w.show();
        return w;
    }

    public ConsolePane pane() {
        return pane;
    }

    public List<ConsoleWindow> windows() {
        return List.copyOf(windows);
    }
}
