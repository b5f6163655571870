package org.vireo.ui.domain;

import java.util.function.Function;
import org.vireo.model.Fact;
import org.vireo.ui.UnsavedEdits;

/**
 * One text field the user edits over a value libvirt gave (a title, a description): which text it
 * shows when libvirt's value arrives. A field whose text differs from the value loaded before holds
 * the user's edit and keeps it; when another domain opens, the edit waits as a draft and comes back
 * with that domain's page. No JavaFX control here: the view sets what this says.
 */
final class FieldDraft {
    /** What the field shows after a load: its text, whether it can be edited, its prompt. */
    record Shown(String text, boolean editable, String prompt) {
    }

    private final String what;
    private final Function<String, String> placeOf;
    private final UnsavedEdits drafts;
    /** libvirt's value for the open domain; null while none was loaded (or it could not be read). */
    private String loaded;
    private String place = "";

    /** {@code placeOf} names the draft's place for the open domain ("Title" → "Title of db on demo"). */
    FieldDraft(String what, Function<String, String> placeOf, UnsavedEdits drafts) {
        this.what = what;
        this.placeOf = placeOf;
        this.drafts = drafts;
    }

    /** Whether {@code text} differs from libvirt's value: an unsaved edit. */
    boolean edited(String text) {
        return loaded != null && !text.equals(loaded);
    }

    /** Another domain opens (or none): an edit of this one waits as a draft. */
    void leave(String text) {
        if (edited(text)) {
            drafts.keep(place, text);
        }
        loaded = null;
    }

    /**
     * libvirt's value arrived while the field holds {@code text}. An edit stays; a draft kept for this domain comes back;
     * a value that could not be read leaves the field empty and read-only with libvirt's reason as its prompt.
     */
    Shown arrived(Fact<String> fact, String text, String prompt) {
        boolean edited = edited(text);
        if (loaded == null) {
            place = placeOf.apply(what);
            String draft = drafts.get(place);
            if (draft != null) {
                drafts.drop(place);
                text = draft;
                edited = true;
            }
        }
        if (!fact.ok()) {
            loaded = null;
            return new Shown(edited ? text : "", false, fact.text(v -> v));
        }
        loaded = fact.value();
        return new Shown(edited ? text : fact.value(), true, prompt);
    }
}
