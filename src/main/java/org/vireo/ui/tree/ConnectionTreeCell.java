package org.vireo.ui.tree;

import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.vireo.model.ConnectionState;
import org.vireo.model.DomainStatus;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.HostViewModel;
import org.vireo.ui.Icons;

/**
 * Draws a host (icon by connection state, title, state or error) or a domain (state icon,
 * name, state with reason). Listens to the shown item only, and lets go on reuse.
 */
final class ConnectionTreeCell extends TreeCell<Object> {
    private final FontIcon icon = new FontIcon();
    private final Label title = new Label();
    private final Label detail = new Label();
    private final VBox text = new VBox(title, detail);
    private final HBox box = new HBox(8, icon, text);
    private final ChangeListener<Object> redraw = (obs, old, now) -> draw();
    private Object shown;

    private static final javafx.css.PseudoClass DROP_OK = javafx.css.PseudoClass.getPseudoClass("drop-ok");
    private static final javafx.css.PseudoClass DROP_REFUSED = javafx.css.PseudoClass.getPseudoClass("drop-refused");

    ConnectionTreeCell(java.util.function.Supplier<MigrationDrop> drops) {
        this();
        // a domain dragged onto another host migrates there; a full press-drag-release gesture
        // stays inside this window, so it needs no platform drag-and-drop
        setOnDragDetected(e -> {
            MigrationDrop d = drops.get();
            if (d != null && shown instanceof DomainRowViewModel row && e.isPrimaryButtonDown()) {
                d.begin(java.util.List.of(row));
                startFullDrag();
                e.consume();
            }
        });
        setOnMouseDragEntered(e -> {
            MigrationDrop d = drops.get();
            if (d != null && !d.dragged().isEmpty() && shown instanceof HostViewModel host) {
                String why = d.refusal(host);
                pseudoClassStateChanged(DROP_OK, why.isEmpty());
                pseudoClassStateChanged(DROP_REFUSED, !why.isEmpty());
                d.hover(host, why);
            }
        });
        setOnMouseDragExited(e -> {
            clearDropMarks();
            MigrationDrop d = drops.get();
            if (d != null && !d.dragged().isEmpty()) {
                d.hover(null, "");
            }
        });
        setOnMouseDragReleased(e -> {
            clearDropMarks();
            MigrationDrop d = drops.get();
            if (d != null && !d.dragged().isEmpty() && shown instanceof HostViewModel host && d.refusal(host).isEmpty()) {
                d.drop(host, e.isShiftDown() || e.isControlDown());
                e.consume();
            }
        });
    }

    private void clearDropMarks() {
        pseudoClassStateChanged(DROP_OK, false);
        pseudoClassStateChanged(DROP_REFUSED, false);
    }

    private ConnectionTreeCell() {
        box.setAlignment(Pos.CENTER_LEFT);
        title.getStyleClass().add("tree-title");
        detail.getStyleClass().add("tree-detail");
        detail.setWrapText(false);
        // no horizontal scrolling: long URIs and errors end in an ellipsis, the tooltip has them whole
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(Object item, boolean empty) {
        super.updateItem(item, empty);
        if (shown != item) {
            watch(shown, false);
            shown = empty ? null : item;
            watch(shown, true);
        }
        if (empty || item == null) {
            setGraphic(null);
            setText(null);
            return;
        }
        draw();
        setText(null);
        setGraphic(box);
    }

    private void watch(Object item, boolean on) {
        if (item instanceof HostViewModel h) {
            toggle(on, h.stateProperty(), h.errorProperty(), h.nextTryProperty(), h.titleProperty());
        } else if (item instanceof DomainRowViewModel d) {
            toggle(on, d.statusProperty(), d.nameProperty());
        }
    }

    @SafeVarargs
    private void toggle(boolean on, javafx.beans.value.ObservableValue<?>... values) {
        for (javafx.beans.value.ObservableValue<?> v : values) {
            @SuppressWarnings("unchecked")
            javafx.beans.value.ObservableValue<Object> o = (javafx.beans.value.ObservableValue<Object>) v;
            if (on) {
                o.addListener(redraw);
            } else {
                o.removeListener(redraw);
            }
        }
    }

    private void draw() {
        icon.getStyleClass().removeIf(c -> c.startsWith("state-") || c.startsWith("host-"));
        if (shown instanceof HostViewModel h) {
            ConnectionState state = h.getState();
            icon.setIconCode(Icons.forConnection(state));
            icon.getStyleClass().add(Icons.styleClass(state));
            title.setText(h.titleProperty().get());
            boolean failed = state == ConnectionState.DISCONNECTED && !h.getError().isEmpty();
            detail.setText(failed && h.daemonMissing() ? "libvirt is not installed or not running"
                : failed ? withNextTry(h.getError(), h) : state.label() + " · " + h.uri());
            detail.pseudoClassStateChanged(ERROR, failed);
            setTooltip(new javafx.scene.control.Tooltip(h.uri() + (failed ? "\n" + withNextTry(h.getError(), h) : "")));
            box.setId("host-" + h.uri());
        } else if (shown instanceof org.vireo.ui.fleet.FleetViewModel fleet) {
            icon.setIconCode(org.kordamp.ikonli.materialdesign2.MaterialDesignV.VIEW_LIST);
            title.setText("All hosts");
            detail.setText("every domain of every host");
            detail.pseudoClassStateChanged(ERROR, false);
            setTooltip(new javafx.scene.control.Tooltip("The fleet view: search, group and act on the domains of all hosts"));
            box.setId("fleetTreeItem");
        } else if (shown instanceof DomainRowViewModel d) {
            DomainStatus status = d.getStatus();
            icon.setIconCode(Icons.forState(status.state()));
            icon.getStyleClass().add(Icons.styleClass(status.state()));
            title.setText(d.getName());
            detail.setText(status.text());
            detail.pseudoClassStateChanged(ERROR, false);
            setTooltip(null);
            box.setId("domain-" + d.getName());
        }
    }

    /** The retry time first: a long reason ends in an ellipsis, the time must stay in view. */
    private static String withNextTry(String error, HostViewModel h) {
        String next = h.nextTryProperty().get();
        return next.isEmpty() ? error : "retry " + next + " · " + error;
    }

    private static final javafx.css.PseudoClass ERROR = javafx.css.PseudoClass.getPseudoClass("error");
}
