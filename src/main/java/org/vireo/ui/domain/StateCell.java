package org.vireo.ui.domain;

import javafx.scene.control.TableCell;
import org.kordamp.ikonli.javafx.FontIcon;
import org.vireo.model.DomainStatus;
import org.vireo.ui.Icons;

/** A domain's state as an icon in the state's colour and its text, in any table of domains. */
public final class StateCell<S> extends TableCell<S, DomainStatus> {
    private final FontIcon icon = new FontIcon();

    @Override
    protected void updateItem(DomainStatus status, boolean empty) {
        super.updateItem(status, empty);
        if (empty || status == null) {
            setText(null);
            setGraphic(null);
            return;
        }
        icon.setIconCode(Icons.forState(status.state()));
        icon.getStyleClass().removeIf(c -> c.startsWith("state-"));
        icon.getStyleClass().add(Icons.styleClass(status.state()));
        setGraphic(icon);
        setText(status.text());
    }
}
