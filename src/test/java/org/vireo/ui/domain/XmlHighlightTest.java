package org.vireo.ui.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.fxmisc.richtext.model.StyleSpan;
import org.fxmisc.richtext.model.StyleSpans;
import org.junit.jupiter.api.Test;

/** The XML editor's highlighting: spans cover the text exactly and mark tags, attributes, values and comments. */
class XmlHighlightTest {
    private static List<String> styled(String text) {
        StyleSpans<Collection<String>> spans = XmlTab.highlight(text);
        assertEquals(text.length(), spans.length(), "spans cover the text exactly");
        List<String> out = new ArrayList<>();
        int at = 0;
        for (StyleSpan<Collection<String>> s : spans) {
            if (!s.getStyle().isEmpty()) {
                out.add(String.join(",", s.getStyle()) + ":" + text.substring(at, at + s.getLength()));
            }
            at += s.getLength();
        }
        return out;
    }

    @Test
    void marksTagsAttributesValuesAndComments() {
        // adjacent spans of one style merge: "/>" of vcpu and "</" of the end tag come as one
        assertEquals(List.of("xml-tagmark:<", "xml-tag:domain", "xml-attribute:type", "xml-tagmark:=", "xml-value:'kvm'",
                "xml-tagmark:>", "xml-comment:<!-- c -->", "xml-tagmark:<", "xml-tag:vcpu",
                "xml-tagmark:/></", "xml-tag:domain", "xml-tagmark:>"),
            styled("<domain type='kvm'><!-- c --><vcpu/></domain>"));
    }

    @Test
    void aRealDescriptionHighlightsWithoutError() {
        String xml = "<domain type='qemu' id='1'>\n  <name>lab-alpha</name>\n  <devices>\n"
            + "    <disk type=\"file\" device=\"disk\">\n      <source file='/tmp/a.qcow2' index='1'/>\n    </disk>\n"
            + "  </devices>\n</domain>\n";
        List<String> spans = styled(xml);
        assertEquals(true, spans.contains("xml-tag:name") && spans.contains("xml-value:\"disk\"")
            && spans.contains("xml-attribute:index"), spans.toString());
    }
}
