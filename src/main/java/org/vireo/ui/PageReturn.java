package org.vireo.ui;

import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import org.vireo.model.ConnectionState;

/**
 * The domain page that a dropped host closed (its domains go with it), reopened by itself when
 * the host lists that domain again: a link that blips for a second must not leave the user on
 * the host's page, their console gone. Going anywhere else in the tree meanwhile cancels it.
 */
final class PageReturn {
    private final Consumer<DomainRowViewModel> reopen;
    private final ListChangeListener<DomainRowViewModel> watch = c -> look();
    private HostViewModel host;
    private String uuid;

    PageReturn(Consumer<DomainRowViewModel> reopen) {
        this.reopen = reopen;
    }

    /** The open page's domain went away: wait for it if its host dropped (not if it was undefined or the host removed). */
    void closed(DomainRowViewModel row) {
        forget();
        if (row.host().getState() != ConnectionState.DISCONNECTED) {
            return;
        }
        host = row.host();
        uuid = row.uuid();
        host.domains().addListener(watch);
    }

    /** The user went to {@code value} (a tree item's value): anything but the host waited for cancels the return. */
    void wentTo(Object value) {
        if (host != null && value != host) {
            forget();
        }
    }

    boolean waiting() {
        return host != null;
    }

    private void look() {
        HostViewModel h = host;
        if (h == null) {
            return;
        }
        h.domains().stream().filter(r -> r.uuid().equals(uuid)).findFirst().ifPresent(row -> {
            forget();
            // after the tree has taken the new rows (it listens to the same list)
            Platform.runLater(() -> {
                if (h.domains().contains(row)) {
                    reopen.accept(row);
                }
            });
        });
    }

    private void forget() {
        if (host != null) {
            host.domains().removeListener(watch);
        }
        host = null;
        uuid = null;
    }
}
