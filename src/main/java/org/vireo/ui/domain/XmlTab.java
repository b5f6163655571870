package org.vireo.ui.domain;

import java.util.Collection;
import java.util.Collections;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.geometry.Insets;
import atlantafx.base.theme.Styles;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import org.vireo.ui.dialog.ConfirmDialog;

/**
 * XML: the saved definition in a highlighting editor (saving redefines the domain), the live XML
 * read-only, either with secrets. Edits are never overwritten by a reload: they are marked, kept
 * per domain while the user looks elsewhere, and dropped only when saved or discarded.
 */
public final class XmlTab extends VBox {
    private static final Pattern XML_TAG = Pattern.compile("(?<COMMENT><!--[\\s\\S]*?-->)|(?<ELEMENT>(</?\\h*)([\\w:.-]+)([^<>]*?)(\\h*/?>))");
    private static final Pattern ATTRIBUTES = Pattern.compile("([\\w:.-]+\\h*)(=)(\\h*\"[^\"]*\"|\\h*'[^']*')");

    private final CodeArea editor = new CodeArea();
    private final DomainPageViewModel model;
    /** The text as libvirt last gave it for the open view; the editor differs from it when the user edited. */
    private String loaded = "";
    /** libvirt's newer text that arrived while the user had edits: offered, never forced on them. */
    private String incoming;
    /** The draft's place of the view on screen ("XML of x on y"), "" for the read-only live view. */
    private String place = "";
    private boolean applyingLoad;
    private final BooleanProperty dirty = new SimpleBooleanProperty(this, "dirty");
    private final BooleanProperty editable = new SimpleBooleanProperty(this, "editable", true);
    private final Label note = new Label();
    private final HBox changedBar;

    XmlTab(DomainPageViewModel model) {
        this.model = model;
        setId("xmlPane");
        ToggleGroup kind = new ToggleGroup();
        // Saving writes the saved (persistent) definition: so that is what is edited, by default.
        // The live XML holds runtime state (aliases, ports, live-attached devices) that must not be
        // copied into the definition by accident: it is shown read-only.
        ToggleButton inactive = toggle("xmlInactiveToggle", "Saved definition", kind);
        ToggleButton live = toggle("xmlLiveToggle", "Live (read only)", kind);
        CheckBox secure = new CheckBox("with secrets");
        secure.setId("xmlSecureToggle");
        inactive.setSelected(true);
        Runnable reloadView = () -> {
            keepDraft();
            editable.set(kind.getSelectedToggle() == inactive);
            model.loadXml((kind.getSelectedToggle() == inactive ? 2 : 0) | (secure.isSelected() ? 1 : 0));
        };
        kind.selectedToggleProperty().addListener((o, a, t) -> {
            if (t == null) {
                a.setSelected(true);
                return;
            }
            reloadView.run();
        });
        secure.selectedProperty().addListener((o, a, b) -> reloadView.run());
        Button save = Ui.button("saveXmlButton", "Save definition", () -> {
            String text = editor.getText();
            String savedPlace = place;
            model.define(text, () -> {
                // libvirt took it: the edit is no longer unsaved; the reload that follows shows libvirt's form of it
                model.unsavedEdits().drop(savedPlace);
                if (savedPlace.equals(place)) {
                    loaded = text;
                    incoming = null;
                    updateDirty();
                }
            });
        });
        save.disableProperty().bind(dirty.not().or(editable.not()));
        Button discard = Ui.button("discardXmlButton", "Discard edits", () -> showLoaded(incoming != null ? incoming : loaded));
        discard.disableProperty().bind(dirty.not());
        Button reload = Ui.button("reloadXmlButton", "Reload", () -> {
            if (!dirty.get() || ConfirmDialog.ask(getScene().getWindow(), "Discard your edits of " + place + "?",
                "Reloading shows libvirt's definition; what you typed and did not save is lost.", "Discard and reload")) {
                model.unsavedEdits().drop(place);
                dirty.set(false);
                incoming = null;
                model.load(DomainPageViewModel.XML);
            }
        });
        editor.setId("xmlEditor");
        editor.editableProperty().bind(editable);
        editor.setParagraphGraphicFactory(LineNumberFactory.get(editor));
        editor.getStylesheets().add(XmlTab.class.getResource("/org/vireo/xml-editor.css").toExternalForm());
        editor.textProperty().addListener((o, a, text) -> {
            editor.setStyleSpans(0, highlight(text));
            if (!applyingLoad) {
                updateDirty();
            }
        });
        model.domainProperty().addListener((o, a, b) -> {
            if (a != null) {
                keepDraft();
            }
            place = "";
            loaded = "";
            incoming = null;
        });
        model.xmlProperty().addListener((o, a, text) -> arrived(text));

        Button showTheirs = Ui.button("takeIncomingXmlButton", "Show libvirt's (discard mine)", () -> showLoaded(incoming));
        Label changed = new Label("libvirt's definition changed while you were editing; your edits are kept.");
        changed.setId("xmlChangedNote");
        changedBar = new HBox(8, changed, showTheirs);
        changedBar.setVisible(false);
        changedBar.managedProperty().bind(changedBar.visibleProperty());
        note.setId("xmlUnsavedNote");
        note.getStyleClass().add(Styles.WARNING);
        note.visibleProperty().bind(dirty);
        note.managedProperty().bind(dirty);
        note.setText("Unsaved edits");
        HBox bar = new HBox(8, inactive, live, secure, reload, discard, save, note);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VirtualizedScrollPane<CodeArea> pane = new VirtualizedScrollPane<>(editor);
        VBox.setVgrow(pane, Priority.ALWAYS);
        setSpacing(8);
        setPadding(new Insets(12));
        getChildren().addAll(bar, changedBar, Ui.outcome("xmlOutcome", model.outcome(DomainPageViewModel.XML), model.failed(DomainPageViewModel.XML)), pane);
    }

    /** A load from libvirt: shown unless the user has edits here, then kept aside and offered. A draft kept earlier comes back. */
    private void arrived(String text) {
        if (text == null || text.isEmpty()) {
            return; // a page being cleared for another domain
        }
        place = editable.get() ? model.place("XML") : "";
        String draft = place.isEmpty() ? null : model.unsavedEdits().get(place);
        if (dirty.get() && !text.equals(loaded)) {
            incoming = text;
            changedBar.setVisible(true);
            return;
        }
        loaded = text;
        if (draft != null && !draft.equals(text)) {
            applyingLoad = true;
            editor.replaceText(draft);
            applyingLoad = false;
            updateDirty();
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
        changedBar.setVisible(false);
        applyingLoad = true;
        editor.replaceText(text);
        applyingLoad = false;
        // a freshly loaded document opens at its top, not where replaceText left the caret (the end)
        editor.moveTo(0);
        editor.requestFollowCaret();
        updateDirty();
    }

    private void updateDirty() {
        boolean d = editable.get() && !place.isEmpty() && !editor.getText().equals(loaded);
        dirty.set(d);
        if (d) {
            model.unsavedEdits().keep(place, editor.getText());
        } else if (!place.isEmpty()) {
            model.unsavedEdits().drop(place);
        }
        if (!d) {
            changedBar.setVisible(false);
        }
    }

    /** Before the view changes (another domain, live view): the edits stay in the drafts. */
    private void keepDraft() {
        if (dirty.get() && !place.isEmpty()) {
            model.unsavedEdits().keep(place, editor.getText());
        }
        dirty.set(false);
    }

    /** Whether the editor holds edits not saved (for tests and the page's marker). */
    BooleanProperty dirtyProperty() {
        return dirty;
    }

    private static ToggleButton toggle(String id, String text, ToggleGroup group) {
        ToggleButton b = new ToggleButton(text);
        b.setId(id);
        b.setToggleGroup(group);
        return b;
    }

    /** Style spans for tags, attribute names and values, and comments. */
    public static StyleSpans<Collection<String>> highlight(String text) {
        Matcher m = XML_TAG.matcher(text);
        int last = 0;
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        while (m.find()) {
            spans.add(Collections.emptyList(), m.start() - last);
            if (m.group("COMMENT") != null) {
                spans.add(Collections.singleton("xml-comment"), m.end() - m.start());
            } else {
                // groups: 1 COMMENT, 2 ELEMENT, 3 "<" or "</", 4 the name, 5 the attributes, 6 "/>" or ">"
                spans.add(Collections.singleton("xml-tagmark"), m.end(3) - m.start(3));
                spans.add(Collections.singleton("xml-tag"), m.end(4) - m.end(3));
                String attrs = m.group(5);
                if (!attrs.isEmpty()) {
                    Matcher a = ATTRIBUTES.matcher(attrs);
                    int lastA = 0;
                    while (a.find()) {
                        spans.add(Collections.emptyList(), a.start() - lastA);
                        spans.add(Collections.singleton("xml-attribute"), a.end(1) - a.start(1));
                        spans.add(Collections.singleton("xml-tagmark"), a.end(2) - a.end(1));
                        spans.add(Collections.singleton("xml-value"), a.end(3) - a.end(2));
                        lastA = a.end();
                    }
                    spans.add(Collections.emptyList(), attrs.length() - lastA);
                }
                spans.add(Collections.singleton("xml-tagmark"), m.end(6) - m.end(5));
            }
            last = m.end();
        }
        spans.add(Collections.emptyList(), text.length() - last);
        return spans.create();
    }
}
