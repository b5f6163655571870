package org.vireo.ui.domain;

import java.util.Collection;
import java.util.Collections;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
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

/** XML: live, inactive and secure descriptions in a highlighting editor; saving redefines the domain. */
public final class XmlTab extends VBox {
    private static final Pattern XML_TAG = Pattern.compile("(?<COMMENT><!--[\\s\\S]*?-->)|(?<ELEMENT>(</?\\h*)([\\w:.-]+)([^<>]*?)(\\h*/?>))");
    private static final Pattern ATTRIBUTES = Pattern.compile("([\\w:.-]+\\h*)(=)(\\h*\"[^\"]*\"|\\h*'[^']*')");

    private final CodeArea editor = new CodeArea();

    XmlTab(DomainPageViewModel model) {
        setId("xmlPane");
        ToggleGroup kind = new ToggleGroup();
        ToggleButton live = toggle("xmlLiveToggle", "Live", kind);
        ToggleButton inactive = toggle("xmlInactiveToggle", "Inactive (saved)", kind);
        ToggleButton secure = toggle("xmlSecureToggle", "Secure (with passwords)", kind);
        live.setSelected(true);
        kind.selectedToggleProperty().addListener((o, a, t) -> {
            if (t == null) {
                a.setSelected(true);
                return;
            }
            model.loadXml(t == inactive ? 2 : t == secure ? 1 : 0);
        });
        Button save = Ui.button("saveXmlButton", "Save (redefine)", () -> model.define(editor.getText()));
        Button reload = Ui.button("reloadXmlButton", "Reload", () -> model.load(DomainPageViewModel.XML));
        editor.setId("xmlEditor");
        editor.setParagraphGraphicFactory(LineNumberFactory.get(editor));
        editor.getStylesheets().add(XmlTab.class.getResource("/org/vireo/xml-editor.css").toExternalForm());
        editor.textProperty().addListener((o, a, text) -> editor.setStyleSpans(0, highlight(text)));
        model.xmlProperty().addListener((o, a, text) -> {
            editor.replaceText(text);
            // a freshly loaded document opens at its top, not where replaceText left the caret (the end)
            editor.moveTo(0);
            editor.requestFollowCaret();
        });
        HBox bar = new HBox(8, live, inactive, secure, reload, save);
        VirtualizedScrollPane<CodeArea> pane = new VirtualizedScrollPane<>(editor);
        VBox.setVgrow(pane, Priority.ALWAYS);
        setSpacing(8);
        setPadding(new Insets(12));
        getChildren().addAll(bar, Ui.outcome("xmlOutcome", model.outcome(DomainPageViewModel.XML), model.failed(DomainPageViewModel.XML)), pane);
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
