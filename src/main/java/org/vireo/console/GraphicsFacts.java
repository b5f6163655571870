package org.vireo.console;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * What a domain's live XML says about its displays: whether it has VNC or only SPICE, and
 * where its VNC server listens as the host sees it (address and port, or a unix socket).
 */
public record GraphicsFacts(boolean vnc, boolean spice, String address, int port, String socket, boolean serial) {
    public static final GraphicsFacts NONE = new GraphicsFacts(false, false, "", -1, "", false);

    public boolean spiceOnly() {
        return spice && !vnc;
    }

    public static GraphicsFacts of(String domainXml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element root = f.newDocumentBuilder().parse(new InputSource(new StringReader(domainXml))).getDocumentElement();
            NodeList graphics = root.getElementsByTagName("graphics");
            boolean vnc = false;
            boolean spice = false;
            String address = "";
            int port = -1;
            String socket = "";
            for (int i = 0; i < graphics.getLength(); i++) {
                Element g = (Element) graphics.item(i);
                String type = g.getAttribute("type");
                if (type.equals("spice")) {
                    spice = true;
                } else if (type.equals("vnc") && !vnc) {
                    vnc = true;
                    port = parse(g.getAttribute("port"));
                    address = g.getAttribute("listen");
                    socket = g.getAttribute("socket");
                    NodeList listens = g.getElementsByTagName("listen");
                    for (int j = 0; j < listens.getLength(); j++) {
                        Element l = (Element) listens.item(j);
                        if (l.getAttribute("type").equals("socket") && socket.isEmpty()) {
                            socket = l.getAttribute("socket");
                        } else if (l.getAttribute("type").equals("address") && address.isEmpty()) {
                            address = l.getAttribute("address");
                        }
                    }
                }
            }
            boolean serial = root.getElementsByTagName("console").getLength() > 0 || root.getElementsByTagName("serial").getLength() > 0;
            return new GraphicsFacts(vnc, spice, address, port, socket, serial);
        } catch (Exception e) {
            return NONE;
        }
    }

    /** The address to reach from the host itself: a wildcard listen is reached on loopback. */
    public String reachableAddress() {
        if (address.isEmpty() || address.equals("0.0.0.0") || address.equals("::")) {
            return "127.0.0.1";
        }
        return address;
    }

    private static int parse(String s) {
        try {
            return s.isEmpty() ? -1 : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
