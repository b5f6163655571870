package org.vireo.ui.domain;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import org.vireo.ui.DomainRowViewModel;

/**
 * What every tab's view model shares: the page it belongs to (the open domain, the stale-result
 * guard, the calls' plumbing), its outcome line, and how the page clears and loads it.
 */
public abstract class DomainTabViewModel {
    final DomainPageViewModel page;
    private final String area;

    DomainTabViewModel(DomainPageViewModel page, String area) {
        this.page = page;
        this.area = area;
    }

    /** Forgets the last domain's values (another domain, or none, opened). */
    abstract void clear();

    /** Loads the open domain's values. */
    abstract void load();

    public ObjectProperty<DomainRowViewModel> domainProperty() {
        return page.domainProperty();
    }

    public String name() {
        return page.name();
    }

    /** Reloads this tab (its Refresh button). */
    public void refresh() {
        page.load(area);
    }

    public StringProperty outcome() {
        return page.outcome(area);
    }

    public BooleanProperty failed() {
        return page.failed(area);
    }
}
