package org.vireo.ui.domain;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The XML tab: the saved definition (what Save writes, so what is edited by default) or the live XML
 * (read only), with or without secrets; and the user's edits against libvirt's text. Edits are never
 * overwritten by a reload: they are marked, kept per domain as drafts while the user looks elsewhere,
 * and dropped only when saved or discarded; libvirt's newer text is offered, never forced on them.
 */
public final class XmlViewModel extends DomainTabViewModel {
    /** The editor the view shows the text in: the view model reads it and tells it what to show. */
    interface Editor {
        String text();

        /** Replaces the editor's text; {@code atTop}: a freshly loaded document opens at its top. */
        void replace(String text, boolean atTop);
    }

    /** virDomainGetXMLDesc's flags: VIR_DOMAIN_XML_SECURE, VIR_DOMAIN_XML_INACTIVE. */
    static final int SECURE = 1;
    static final int INACTIVE = 2;

    private final StringProperty xml = new SimpleStringProperty(this, "xml", "");
    private final BooleanProperty dirty = new SimpleBooleanProperty(this, "dirty");
    private final BooleanProperty editable = new SimpleBooleanProperty(this, "editable", true);
    private final BooleanProperty libvirtChanged = new SimpleBooleanProperty(this, "libvirtChanged");
    /** The saved definition by default: it is what Save writes. */
    private int flags = INACTIVE;
    private Editor editor = new Editor() {
        private String text = "";

        @Override
        public String text() {
            return text;
        }

        @Override
        public void replace(String t, boolean atTop) {
            text = t;
        }
    };
    /** The text as libvirt last gave it for the open view; the editor differs from it when the user edited. */
    private String loaded = "";
    /** libvirt's newer text that arrived while the user had edits. */
    private String incoming;
    /** The draft's place of the view on screen ("XML of x on y"), "" for the read-only live view. */
    private String place = "";
    private boolean loading;

    XmlViewModel(DomainPageViewModel page) {
        super(page, DomainPageViewModel.XML);
        xml.addListener((o, a, text) -> arrived(text));
    }

    void attach(Editor view) {
        this.editor = view;
    }

    @Override
    void clear() {
        // another domain opens: this one's edits stay in the drafts
        keepDraft();
        place = "";
        loaded = "";
        incoming = null;
        xml.set("");
    }

    @Override
    void load() {
        loadXml(flags);
    }

    /** flags: 0 live, {@link #INACTIVE}, {@link #SECURE} (may combine). */
    public void loadXml(int xmlFlags) {
        flags = xmlFlags;
        // every load is news to the editor, also when the text equals the last one (live and saved XML
        // of a domain without runtime state are the same): "" first, which the editor ignores
        page.fetch(DomainPageViewModel.XML, () -> page.service().xml(page.uuid(), xmlFlags), text -> {
            xml.set("");
            xml.set(text);
        });
    }

    /** Shows the saved definition (editable) or the live XML (read only), with or without secrets. */
    void view(boolean saved, boolean secure) {
        keepDraft();
        editable.set(saved);
        loadXml((saved ? INACTIVE : 0) | (secure ? SECURE : 0));
    }

    /** A load from libvirt: shown unless the user has edits here, then kept aside and offered. A draft kept earlier comes back. */
    private void arrived(String text) {
        if (text == null || text.isEmpty()) {
            return; // a page being cleared for another domain
        }
        place = editable.get() ? page.place("XML") : "";
        String draft = place.isEmpty() ? null : page.unsavedEdits().get(place);
        if (dirty.get() && !text.equals(loaded)) {
            incoming = text;
            libvirtChanged.set(true);
            return;
        }
        loaded = text;
        if (draft != null && !draft.equals(text)) {
            replace(draft, false);
            edited();
        } else {
            showLoaded(text);
        }
    }

    private void showLoaded(String text) {
        if (text == null) {
            return;
        }
        loaded = text;
        incoming = null;
        libvirtChanged.set(false);
        replace(text, true);
        edited();
    }

    private void replace(String text, boolean atTop) {
        loading = true;
        try {
            editor.replace(text, atTop);
        } finally {
            loading = false;
        }
    }

    /** The editor's text changed: an unsaved edit while it differs from libvirt's (kept as a draft), none when it is back to it. */
    void edited() {
        if (loading) {
            return;
        }
        boolean d = editable.get() && !place.isEmpty() && !editor.text().equals(loaded);
        dirty.set(d);
        if (d) {
            page.unsavedEdits().keep(place, editor.text());
        } else if (!place.isEmpty()) {
            page.unsavedEdits().drop(place);
        }
        if (!d) {
            libvirtChanged.set(false);
        }
    }

    /** Before the view changes (another domain, live view): the edits stay in the drafts. */
    private void keepDraft() {
        if (dirty.get() && !place.isEmpty()) {
            page.unsavedEdits().keep(place, editor.text());
        }
        dirty.set(false);
    }

    /** Writes the editor's text as the persistent definition; once libvirt took it, it is no longer an unsaved edit. */
    void save() {
        String text = editor.text();
        String savedPlace = place;
        define(text, () -> {
            page.unsavedEdits().drop(savedPlace);
            if (savedPlace.equals(place)) {
                loaded = text;
                incoming = null;
                edited();
            }
        });
    }

    /** Writes the saved (persistent) definition; {@code onSaved} runs on the FX thread once libvirt took it. */
    public void define(String xmlText, Runnable onSaved) {
        page.run(DomainPageViewModel.XML, "Save XML", () -> page.service().define(xmlText).whenComplete(page.onPage((ok, err) -> {
            if (err == null) {
                onSaved.run();
            }
        })), DomainPageViewModel.XML);
    }

    /** Back to libvirt's text: the newer one that arrived meanwhile, else the one the edits started from. */
    void discard() {
        showLoaded(incoming != null ? incoming : loaded);
    }

    /** libvirt's newer text replaces the user's edits (they asked). */
    void takeIncoming() {
        showLoaded(incoming);
    }

    /** What Reload asks first when it would lose edits, or null. */
    Confirmation reloadConfirmation() {
        return dirty.get() ? new Confirmation("Discard your edits of " + place + "?",
            "Reloading shows libvirt's definition; what you typed and did not save is lost.", "Discard and reload") : null;
    }

    void reload() {
        page.unsavedEdits().drop(place);
        dirty.set(false);
        incoming = null;
        refresh();
    }

    public StringProperty xmlProperty() {
        return xml;
    }

    /** Whether the editor holds edits not saved. */
    public BooleanProperty dirtyProperty() {
        return dirty;
    }

    public BooleanProperty editableProperty() {
        return editable;
    }

    /** libvirt's text changed while the user had edits: offered, their edits kept. */
    public BooleanProperty libvirtChangedProperty() {
        return libvirtChanged;
    }
}
