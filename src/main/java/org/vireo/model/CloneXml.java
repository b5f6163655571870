package org.vireo.model;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A clone's definition from the original's: the new name, no UUID and no MAC addresses (libvirt
 * makes new ones), copied disks in place of the originals, no fixed tap names or NVRAM file,
 * and file names that carry the old name (a serial log) given the new one, as virt-clone does.
 */
public final class CloneXml {
    private CloneXml() {
    }

    /** The file sources of device='disk' disks (CD-ROMs are shared, not copied). */
    public static List<String> diskPaths(String xml) {
        List<String> out = new ArrayList<>();
        for (Element d : disks(DomainXml.parse(xml))) {
            if ("disk".equals(d.getAttribute("device"))) {
                String f = sourceFile(d);
                if (!f.isEmpty()) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    /** Every disk (and CD-ROM) with a file source: target dev, device, path. */
    public static List<String[]> allDisks(String xml) {
        List<String[]> out = new ArrayList<>();
        for (Element d : disks(DomainXml.parse(xml))) {
            String f = sourceFile(d);
            if (!f.isEmpty()) {
                Element t = first(d, "target");
                out.add(new String[] {t == null ? "" : t.getAttribute("dev"), d.getAttribute("device"), f});
            }
        }
        return out;
    }

    public static String of(String xml, String newName, Map<String, String> newPaths) {
        Document doc = DomainXml.parse(xml);
        Element root = doc.getDocumentElement();
        String oldName = text(root, "name");
        set(root, "name", newName);
        remove(root, "uuid");
        for (Element d : disks(doc)) {
            Element src = first(d, "source");
            if (src != null && newPaths.containsKey(src.getAttribute("file"))) {
                src.setAttribute("file", newPaths.get(src.getAttribute("file")));
            }
        }
        for (Element i : list(doc, "interface")) {
            for (Element mac : children(i, "mac")) {
                i.removeChild(mac);
            }
            for (Element t : children(i, "target")) {
                i.removeChild(t);
            }
        }
        for (Element nv : list(doc, "nvram")) {
            nv.getParentNode().removeChild(nv);
        }
        for (Element log : list(doc, "log")) {
            String f = log.getAttribute("file");
            if (!oldName.isEmpty() && f.contains(oldName)) {
                log.setAttribute("file", f.replace(oldName, newName));
            }
        }
        // graphics ports chosen by hand would clash with the original's
        for (Element g : list(doc, "graphics")) {
            if (g.hasAttribute("port") && !"no".equals(g.getAttribute("autoport"))) {
                g.setAttribute("port", "-1");
            }
        }
        return write(doc);
    }

    private static String write(Document doc) {
        try {
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(w));
            return w.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Element> disks(Document doc) {
        return list(doc, "disk");
    }

    private static String sourceFile(Element disk) {
        Element src = first(disk, "source");
        return src == null ? "" : src.getAttribute("file");
    }

    private static List<Element> list(Document doc, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList l = doc.getElementsByTagName(tag);
        for (int i = 0; i < l.getLength(); i++) {
            out.add((Element) l.item(i));
        }
        return out;
    }

    private static List<Element> children(Element e, String tag) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(tag)) {
                out.add(c);
            }
        }
        return out;
    }

    private static Element first(Element e, String tag) {
        List<Element> c = children(e, tag);
        return c.isEmpty() ? null : c.getFirst();
    }

    private static String text(Element e, String tag) {
        Element c = first(e, tag);
        return c == null ? "" : c.getTextContent().strip();
    }

    private static void set(Element e, String tag, String value) {
        Element c = first(e, tag);
        if (c != null) {
            c.setTextContent(value);
        }
    }

    private static void remove(Element e, String tag) {
        for (Element c : children(e, tag)) {
            e.removeChild(c);
        }
    }
}
