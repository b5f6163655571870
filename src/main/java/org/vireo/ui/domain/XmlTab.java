package org.vireo.ui.domain;

import java.util.Collection;
import java.util.Collections;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.geometry.Insets;
import atlantafx.base.theme.Styles;
import javafx.beans.property.BooleanProperty;
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

    XmlTab(XmlViewModel model) {
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
        Runnable reloadView = () -> model.view(kind.getSelectedToggle() == inactive, secure.isSelected());
        kind.selectedToggleProperty().addListener((o, a, t) -> {
            if (t == null) {
                a.setSelected(true);
                return;
            }
            reloadView.run();
        });
        secure.selectedProperty().addListener((o, a, b) -> reloadView.run());
        BooleanProperty dirty = model.dirtyProperty();
        Button save = Ui.button("saveXmlButton", "Save definition", model::save);
        save.disableProperty().bind(dirty.not().or(model.editableProperty().not()));
        Button discard = Ui.button("discardXmlButton", "Discard edits", model::discard);
        discard.disableProperty().bind(dirty.not());
        Button reload = Ui.button("reloadXmlButton", "Reload", () -> {
            Confirmation c = model.reloadConfirmation();
            if (c == null || ConfirmDialog.ask(getScene().getWindow(), c.title(), c.lost(), c.action())) {
                model.reload();
            }
        });
        editor.setId("xmlEditor");
        editor.editableProperty().bind(model.editableProperty());
        editor.setParagraphGraphicFactory(LineNumberFactory.get(editor));
        editor.getStylesheets().add(XmlTab.class.getResource("/org/vireo/xml-editor.css").toExternalForm());
        editor.textProperty().addListener((o, a, text) -> {
            editor.setStyleSpans(0, highlight(text));
            model.edited();
        });
        model.attach(new XmlViewModel.Editor() {
            @Override
            public String text() {
                return editor.getText();
            }

            @Override
            public void replace(String text, boolean atTop) {
                editor.replaceText(text);
                if (atTop) {
                    // a freshly loaded document opens at its top, not where replaceText left the caret (the end)
                    editor.moveTo(0);
                    editor.requestFollowCaret();
                }
            }
        });

        Button showTheirs = Ui.button("takeIncomingXmlButton", "Show libvirt's (discard mine)", model::takeIncoming);
        Label changed = new Label("libvirt's definition changed while you were editing; your edits are kept.");
        changed.setId("xmlChangedNote");
        HBox changedBar = new HBox(8, changed, showTheirs);
        changedBar.visibleProperty().bind(model.libvirtChangedProperty());
        changedBar.managedProperty().bind(changedBar.visibleProperty());
        Label note = new Label("Unsaved edits");
        note.setId("xmlUnsavedNote");
        note.getStyleClass().add(Styles.WARNING);
        note.visibleProperty().bind(dirty);
        note.managedProperty().bind(dirty);
        HBox bar = new HBox(8, inactive, live, secure, reload, discard, save, note);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VirtualizedScrollPane<CodeArea> pane = new VirtualizedScrollPane<>(editor);
        VBox.setVgrow(pane, Priority.ALWAYS);
        setSpacing(8);
        setPadding(new Insets(12));
        getChildren().addAll(bar, changedBar, Ui.outcome("xmlOutcome", model.outcome(), model.failed()), pane);
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
