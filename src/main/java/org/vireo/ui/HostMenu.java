package org.vireo.ui;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import org.vireo.model.ConnectionState;

/**
 * A host's actions, for its right-click menu in the tree and the menu bar's Host menu:
 * connect, disconnect, reconnect, edit, remove, open its page, and New VM (hidden until
 * the create-VM wizard exists; it is wired through {@link #newVm()}).
 */
final class HostMenu {
    private final Supplier<HostViewModel> target;
    private final MenuItem connect;
    private final MenuItem disconnect;
    private final MenuItem reconnect;
    private final MenuItem edit;
    private final MenuItem remove;
    private final MenuItem open;
    private final MenuItem newVm;

    /**
     * @param prefix "host" for the context menu (ids hostConnectItem ...), "menuHost" for the menu bar
     */
    HostMenu(String prefix, Supplier<HostViewModel> target, Consumer<HostViewModel> editHost,
             Consumer<HostViewModel> removeHost, Consumer<HostViewModel> openPage) {
        this.target = target;
        connect = item(prefix + "ConnectItem", "Connect", HostViewModel::reconnect);
        disconnect = item(prefix + "DisconnectItem", "Disconnect", HostViewModel::disconnect);
        reconnect = item(prefix + "ReconnectItem", "Reconnect now", HostViewModel::reconnect);
        edit = item(prefix + "EditItem", "Edit connection…", editHost);
        remove = item(prefix + "RemoveItem", "Remove connection", removeHost);
        open = item(prefix + "OpenItem", "Open host page", openPage);
        // the create-VM wizard is built on another branch: it sets this item's action and shows it
        newVm = item(prefix + "NewVmItem", "New VM…", h -> { });
        newVm.setVisible(false);
        newVm.setDisable(true);
    }

    List<MenuItem> items() {
        return List.of(open, newVm, new SeparatorMenuItem(), connect, disconnect, reconnect,
            new SeparatorMenuItem(), edit, remove);
    }

    /** The New VM item, for the create-VM wizard to wire (setOnAction, setVisible, setDisable). */
    MenuItem newVm() {
        return newVm;
    }

    /** Enables what applies to the host as it is now. */
    void update() {
        HostViewModel h = target.get();
        boolean none = h == null;
        ConnectionState state = none ? null : h.getState();
        connect.setDisable(none || state != ConnectionState.DISCONNECTED);
        disconnect.setDisable(none || state == ConnectionState.DISCONNECTED);
        reconnect.setDisable(none);
        edit.setDisable(none);
        remove.setDisable(none);
        open.setDisable(none);
    }

    private MenuItem item(String id, String text, Consumer<HostViewModel> action) {
        MenuItem i = new MenuItem(text);
        i.setId(id);
        i.setOnAction(e -> {
            HostViewModel h = target.get();
            if (h != null) {
                action.accept(h);
            }
        });
        return i;
    }
}
