package org.vireo.ui.tree;

import java.util.List;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.HostViewModel;

/** What the tree's cells need for dragging domains onto a host (the main window implements it). */
public interface MigrationDrop {
    /** A drag of these domains began (a tree or table row). */
    void begin(List<DomainRowViewModel> domains);

    /** The domains being dragged, empty when no drag runs. */
    List<DomainRowViewModel> dragged();

    /** Why {@code host} cannot take the dragged domains; empty when it can. */
    String refusal(HostViewModel host);

    /** The pointer hovers {@code host} (null: left it). */
    void hover(HostViewModel host, String refusal);

    /** Dropped on a host that takes them; {@code atOnce} when the modifier was held. */
    void drop(HostViewModel host, boolean atOnce);

    void end();
}
