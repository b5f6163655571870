package org.vireo.model;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Reads what the pages need from a domain or snapshot XML description. */
public final class DomainXml {
    private DomainXml() {
    }

    /** Text made safe for an XML attribute or element. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;").replace("\"", "&quot;");
    }

    /** Larger than any domain definition (real ones are a few KiB); a pasted disk image is not one. */
    public static final int MAX_DEFINITION = 2 << 20;

    /**
     * Why {@code xml} cannot be a domain definition, checked before libvirt sees it: empty,
     * huge, not well-formed (with the line and column), or not a {@code <domain>}. What
     * passes may still be refused by libvirt's schema; its message then says why.
     */
    public static java.util.Optional<String> definitionProblem(String xml) {
        if (xml == null || xml.isBlank()) {
            return java.util.Optional.of("The definition is empty.");
        }
        if (xml.length() > MAX_DEFINITION) {
            return java.util.Optional.of("The definition has " + xml.length() + " characters; a domain definition has at most "
                + MAX_DEFINITION + " (2 MiB).");
        }
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            javax.xml.parsers.DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // no "[Fatal Error]" lines on stderr: the exception says it
            doc = b.parse(new InputSource(new StringReader(xml)));
        } catch (org.xml.sax.SAXParseException e) {
            return java.util.Optional.of("Not well-formed XML at line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": "
                + e.getMessage());
        } catch (Exception e) {
            return java.util.Optional.of("Not well-formed XML: " + e.getMessage());
        }
        String root = doc.getDocumentElement().getTagName();
        if (!root.equals("domain")) {
            return java.util.Optional.of("The root element is <" + root + ">; a domain definition is a <domain> element.");
        }
        return java.util.Optional.empty();
    }

    public static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new IllegalArgumentException("not XML: " + e.getMessage(), e);
        }
    }

    /** The devices, in document order, each with a one-line summary. */
    public static List<DomainDevice> devices(String xml) {
        List<DomainDevice> out = new ArrayList<>();
        Element devices = child(parse(xml).getDocumentElement(), "devices");
        if (devices == null) {
            return out;
        }
        NodeList nodes = devices.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e) {
                out.add(new DomainDevice(e.getTagName(), target(e), summary(e), serialize(e)));
            }
        }
        return out;
    }

    /** The target dev names of the domain's disks (vda ...). */
    public static List<String> diskTargets(String xml) {
        return devices(xml).stream().filter(d -> d.kind().equals("disk")).map(DomainDevice::target).toList();
    }

    /** The text of the first element on the path (e.g. "parent/name"), or "". */
    public static String text(String xml, String path) {
        Element e = parse(xml).getDocumentElement();
        for (String step : path.split("/")) {
            e = e == null ? null : child(e, step);
        }
        return e == null ? "" : e.getTextContent().strip();
    }

    /** An attribute of the first element on the path, or "". */
    public static String attribute(String xml, String path, String name) {
        Element e = parse(xml).getDocumentElement();
        if (!path.isEmpty()) {
            for (String step : path.split("/")) {
                e = e == null ? null : child(e, step);
            }
        }
        return e == null ? "" : e.getAttribute(name);
    }

    private static String target(Element e) {
        Element t = child(e, "target");
        if (t != null && !t.getAttribute("dev").isEmpty()) {
            return t.getAttribute("dev");
        }
        Element mac = child(e, "mac");
        if (e.getTagName().equals("interface") && mac != null) {
            return mac.getAttribute("address");
        }
        if (t != null && !t.getAttribute("port").isEmpty()) {
            return e.getTagName() + t.getAttribute("port");
        }
        if (!e.getAttribute("type").isEmpty()) {
            return e.getAttribute("type");
        }
        Element model = child(e, "model");
        return model == null ? "" : model.getAttribute("type");
    }

    private static String summary(Element e) {
        StringBuilder s = new StringBuilder();
        switch (e.getTagName()) {
            case "disk" -> {
                Element driver = child(e, "driver");
                Element source = child(e, "source");
                Element target = child(e, "target");
                s.append(e.getAttribute("device"));
                if (driver != null) {
                    s.append(", ").append(driver.getAttribute("type"));
                }
                if (target != null) {
                    s.append(", bus ").append(target.getAttribute("bus"));
                }
                if (source != null) {
                    String file = source.getAttribute("file");
                    s.append(", ").append(file.isEmpty() ? source.getAttribute("dev") : file);
                }
            }
            case "interface" -> {
                s.append(e.getAttribute("type"));
                Element model = child(e, "model");
                Element mac = child(e, "mac");
                if (model != null) {
                    s.append(", ").append(model.getAttribute("type"));
                }
                if (mac != null) {
                    s.append(", MAC ").append(mac.getAttribute("address"));
                }
            }
            case "graphics" -> {
                s.append(e.getAttribute("type"));
                if (!e.getAttribute("port").isEmpty()) {
                    s.append(", port ").append(e.getAttribute("port"));
                }
                if (!e.getAttribute("listen").isEmpty()) {
                    s.append(", listen ").append(e.getAttribute("listen"));
                }
            }
            case "serial", "console" -> {
                s.append(e.getAttribute("type"));
                if (!e.getAttribute("tty").isEmpty()) {
                    s.append(", ").append(e.getAttribute("tty"));
                }
                Element source = child(e, "source");
                if (source != null && !source.getAttribute("path").isEmpty()) {
                    s.append(", ").append(source.getAttribute("path"));
                }
            }
            default -> {
                String type = e.getAttribute("type");
                String model = e.getAttribute("model");
                Element m = child(e, "model");
                s.append(!type.isEmpty() ? type : !model.isEmpty() ? model : m != null ? m.getAttribute("type") : "");
            }
        }
        return s.toString();
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String serialize(Element e) {
        try {
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(e), new StreamResult(w));
            return w.toString().strip();
        } catch (Exception ex) {
            return "";
        }
    }
}
