package org.vireo.ui;

import java.util.List;

/**
 * Something went wrong that the user can act on: shown in the main window's notification
 * area until dismissed or resolved (a host that connects takes its notice away).
 *
 * @param key     one notice per key: a newer one with the same key replaces the older
 * @param details what "Copy details" copies (libvirt's message, the URI, the action)
 * @param actions buttons besides Copy details and Open log, such as Retry
 */
public record Notice(String key, String title, String text, String details, List<Action> actions) {

    public Notice {
        actions = List.copyOf(actions);
    }

    /** A button of a notice; running it dismisses the notice. */
    public record Action(String id, String label, Runnable run) {
    }
}
