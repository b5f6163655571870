package org.vireo.ui;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import org.vireo.model.ConnectionState;

/**
 * A host's actions, for its right-click menu in the tree and the menu bar's Host menu:
 * connect, disconnect, reconnect, edit, remove, open its page, and New VM (the create-VM
 * wizard, on a connected host).
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
             Consumer<HostViewModel> removeHost, Consumer<HostViewModel> openPage, Consumer<HostViewModel> newVmWizard) {
        this.target = target;
        connect = item(prefix + "ConnectItem", "Connect", HostViewModel::reconnect);
        disconnect = item(prefix + "DisconnectItem", "Disconnect", HostViewModel::disconnect);
        reconnect = item(prefix + "ReconnectItem", "Reconnect now", HostViewModel::reconnect);
        edit = item(prefix + "EditItem", "Edit connection…", editHost);
        remove = item(prefix + "RemoveItem", "Remove connection", removeHost);
        open = item(prefix + "OpenItem", "Open host page", openPage);
        newVm = item(prefix + "NewVmItem", "New VM…", newVmWizard);
    }

    List<MenuItem> items() {
        return List.of(open, newVm, new SeparatorMenuItem(), connect, disconnect, reconnect,
            new SeparatorMenuItem(), edit, remove);
    }

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
        // a new VM is made on a host that answers
        newVm.setDisable(none || state != ConnectionState.CONNECTED);
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
