package org.vireo.ui;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

/**
 * Text the user typed and has not saved, by place (say "XML of db-primary"), kept while the user
 * looks at other domains so nothing typed is lost; quitting asks while any is left. FX thread only.
 */
public final class UnsavedEdits {
    private final ObservableMap<String, String> drafts = FXCollections.observableHashMap();
    private final BooleanBinding any = Bindings.isNotEmpty(drafts);

    public void keep(String place, String text) {
        drafts.put(place, text);
    }

    /** The draft kept for {@code place}, or null. */
    public String get(String place) {
        return drafts.get(place);
    }

    public void drop(String place) {
        drafts.remove(place);
    }

    public ObservableMap<String, String> all() {
        return drafts;
    }

    public BooleanBinding anyProperty() {
        return any;
    }
}
