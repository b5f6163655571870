package org.vireo.ui.fleet;

import org.vireo.ui.DomainRowViewModel;

/**
 * One line of the fleet table: a domain (under {@code group} when grouped) or, with no
 * domain, a group's header. Equal rows keep their selection across re-sorts.
 *
 * @param count the group's size (header rows)
 */
public record FleetRow(DomainRowViewModel domain, String group, int count) {

    public static FleetRow header(String group, int count) {
        return new FleetRow(null, group, count);
    }

    public static FleetRow of(DomainRowViewModel domain, String group) {
        return new FleetRow(domain, group, 0);
    }

    public boolean isHeader() {
        return domain == null;
    }
}
