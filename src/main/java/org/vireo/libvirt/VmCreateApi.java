package org.vireo.libvirt;

import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.vireo.model.DomainXml;
import org.vireo.model.VmPlatform;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The calls that make, copy and remove guests: what the host can run (virConnectGetCapabilities
 * and virConnectGetDomainCapabilities), every domain's name, defining a new domain, and the
 * definition's removal.
 */
public final class VmCreateApi {
    private final VirtConnection connection;
    private final Connect conn;

    public VmCreateApi(VirtConnection connection) {
        this.connection = connection;
        this.conn = connection.binding();
    }

    /** One platform per hvm architecture of the host, its own architecture first. */
    public List<VmPlatform> platforms() throws VirtException {
        String caps;
        try {
            caps = conn.getCapabilities();
        } catch (LibvirtException e) {
            throw VirtException.from(e);
        }
        String hostArch = DomainXml.text(caps, "host/cpu/arch");
        List<VmPlatform> out = new ArrayList<>();
        NodeList guests = DomainXml.parse(caps).getElementsByTagName("guest");
        for (int i = 0; i < guests.getLength(); i++) {
            Element g = (Element) guests.item(i);
            if (!"hvm".equals(childText(g, "os_type"))) {
                continue;
            }
            Element arch = child(g, "arch");
            if (arch == null) {
                continue;
            }
            String name = arch.getAttribute("name");
            Set<String> machines = new LinkedHashSet<>();
            List<String> versioned = new ArrayList<>();
            String defaultMachine = "";
            List<String> types = new ArrayList<>();
            for (Node n = arch.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals("machine")) {
                    String m = e.getTextContent().strip();
                    // aliases (pc, q35) carry a canonical attribute: offer them before the versioned names
                    if (e.hasAttribute("canonical")) {
                        machines.add(m);
                    } else {
                        versioned.add(m);
                    }
                    if (defaultMachine.isEmpty()) {
                        defaultMachine = m;
                    }
                } else if (n instanceof Element e && e.getTagName().equals("domain") && !types.contains(e.getAttribute("type"))) {
                    types.add(e.getAttribute("type"));
                }
            }
            java.util.Collections.sort(versioned);
            machines.addAll(versioned);
            if (machines.contains("pc")) {
                defaultMachine = "pc";
            }
            String machine = machines.contains("q35") ? "q35" : defaultMachine;
            boolean uefi = false;
            List<String> cpuModes = new ArrayList<>();
            // TCG's capabilities: KVM's CPU choice is host-passthrough anyway, the firmware is the same
            String domcaps = types.contains("qemu") || types.contains("kvm") ? domainCapabilities(name, machine, "qemu") : null;
            if (domcaps != null) {
                Element root = DomainXml.parse(domcaps).getDocumentElement();
                for (Element en : elements(root, "enum")) {
                    if ("firmware".equals(en.getAttribute("name")) && en.getParentNode() instanceof Element os
                        && os.getTagName().equals("os")) {
                        for (Element v : elements(en, "value")) {
                            uefi |= "efi".equals(v.getTextContent().strip());
                        }
                    }
                }
                for (Element mode : elements(root, "mode")) {
                    if (mode.getParentNode() instanceof Element cpu && cpu.getTagName().equals("cpu")
                        && "yes".equals(mode.getAttribute("supported"))) {
                        cpuModes.add(mode.getAttribute("name"));
                    }
                }
            }
            VmPlatform p = new VmPlatform(name, byPreference(types), List.copyOf(machines), defaultMachine, uefi, cpuModes);
            if (name.equals(hostArch)) {
                out.addFirst(p);
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** kvm first (hardware), then qemu (TCG), then whatever else the driver names (test ...). */
    private static List<String> byPreference(List<String> types) {
        List<String> out = new ArrayList<>(types);
        out.sort(java.util.Comparator.comparingInt(t -> t.equals("kvm") ? 0 : t.equals("qemu") ? 1 : 2));
        return out;
    }

    /** virConnectGetDomainCapabilities, or null where the driver has none (the test driver). */
    public String domainCapabilities(String arch, String machine, String virtType) {
        Pointer p = NativeVirt.LIB.virConnectGetDomainCapabilities(connection.connPointer(), null, arch, machine, virtType, 0);
        if (p == null) {
            NativeVirt.LIB.virResetLastError();
            return null;
        }
        try {
            return p.getString(0, "UTF-8");
        } finally {
            com.sun.jna.Native.free(Pointer.nativeValue(p));
        }
    }

    /** Every domain's name, running or not. */
    public Set<String> domainNames() throws VirtException {
        Set<String> names = new java.util.HashSet<>();
        for (DomainRef r : connection.listAllDomains()) {
            names.add(r.name());
        }
        return names;
    }

    /** Defines a new domain; returns its UUID. */
    public String define(String xml) throws VirtException {
        try {
            Domain d = conn.domainDefineXML(xml);
            try {
                return d.getUUIDString();
            } finally {
                d.free();
            }
        } catch (LibvirtException e) {
            throw VirtException.from(e);
        }
    }

    /** The inactive (persistent) definition of a domain. */
    public String inactiveXml(String uuid) throws VirtException {
        return new HardwareApi(connection).xml(uuid, java.util.Set.of(org.vireo.model.DomainFlags.XmlDesc.INACTIVE));
    }

    /** Every domain's inactive XML by UUID, to tell which disks other domains use. */
    public java.util.Map<String, String> allXml() throws VirtException {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        for (DomainRef r : connection.listAllDomains()) {
            try {
                out.put(r.uuid(), inactiveXml(r.uuid()));
            } catch (VirtException e) {
                // gone meanwhile
            }
        }
        return out;
    }

    public void start(String uuid) throws VirtException {
        connection.perform(uuid, org.vireo.model.DomainAction.START);
    }

    /** Stops the domain at once if it runs (ignores "not running"). */
    public void destroyIfRunning(String uuid) throws VirtException {
        org.vireo.model.DomainState state = connection.domainState(uuid).state();
        if (state != org.vireo.model.DomainState.SHUTOFF && state != org.vireo.model.DomainState.CRASHED) {
            connection.perform(uuid, org.vireo.model.DomainAction.FORCE_OFF);
        }
    }

    /**
     * Removes the definition with its managed save, snapshot metadata and NVRAM. The NVRAM flag only
     * for a domain that has one (UEFI): drivers without NVRAM support refuse the flag outright.
     */
    public void undefine(String uuid) throws VirtException {
        var flags = java.util.EnumSet.allOf(org.vireo.model.DomainFlags.Undefine.class);
        if (!inactiveXml(uuid).contains("<nvram")) {
            flags.remove(org.vireo.model.DomainFlags.Undefine.NVRAM);
        }
        new LifecycleApi(connection).undefine(uuid, flags);
    }

    private static String childText(Element e, String tag) {
        Element c = child(e, tag);
        return c == null ? "" : c.getTextContent().strip();
    }

    private static Element child(Element e, String tag) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(tag)) {
                return c;
            }
        }
        return null;
    }

    private static List<Element> elements(Element root, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList l = root.getElementsByTagName(tag);
        for (int i = 0; i < l.getLength(); i++) {
            out.add((Element) l.item(i));
        }
        return out;
    }
}
