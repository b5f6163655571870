package org.vireo.libvirt;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.Network;
import org.vireo.model.DhcpLease;
import org.vireo.model.DomainAddress;
import org.vireo.model.DomainXml;
import org.vireo.model.NetworkInfo;
import org.vireo.model.NetworkSpec;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Virtual networks (virNetwork*) through the binding, plus what it lacks through JNA: DHCP
 * leases (virNetworkGetDHCPLeases) and a domain's interface addresses
 * (virDomainInterfaceAddresses). Networks are named by name; handles are freed before return.
 */
public final class NetworkApi {
    /** virDomainInterfaceAddressesSource: the network's DHCP leases, the guest agent, the host's ARP table. */
    public static final int SOURCE_LEASE = 0;
    public static final int SOURCE_AGENT = 1;
    public static final int SOURCE_ARP = 2;

    private final VirtConnection connection;
    private final Connect conn;

    public NetworkApi(VirtConnection connection) {
        this.connection = connection;
        this.conn = connection.binding();
    }

    /** Every network, active and defined, sorted by name. */
    public List<NetworkInfo> networks() throws VirtException {
        Set<String> names = new LinkedHashSet<>();
        call(() -> {
            names.addAll(Arrays.asList(conn.listNetworks()));
            names.addAll(Arrays.asList(conn.listDefinedNetworks()));
            return null;
        });
        List<NetworkInfo> out = new ArrayList<>();
        for (String name : names.stream().sorted().toList()) {
            try {
                out.add(network(name));
            } catch (VirtException e) {
                if (!e.codeName().equals("VIR_ERR_NO_NETWORK")) {
                    throw e;
                }
            }
        }
        return out;
    }

    public NetworkInfo network(String name) throws VirtException {
        return with(name, n -> {
            boolean persistent = n.isPersistent() == 1;
            return info(n.getXMLDesc(0), n.getUUIDString(), n.isActive() == 1, persistent && n.getAutostart(), persistent);
        });
    }

    /** A network's facts from its XML (forward mode, bridge, first IPv4 address and DHCP range). */
    static NetworkInfo info(String xml, String uuid, boolean active, boolean autostart, boolean persistent) {
        Element root = DomainXml.parse(xml).getDocumentElement();
        String name = DomainXml.text(xml, "name");
        Element forward = first(root, "forward");
        String mode = forward == null ? "isolated" : forward.getAttribute("mode").isEmpty() ? "nat" : forward.getAttribute("mode");
        Element bridge = first(root, "bridge");
        String address = "";
        int prefix = 0;
        String start = "";
        String end = "";
        NodeList ips = root.getElementsByTagName("ip");
        for (int i = 0; i < ips.getLength(); i++) {
            Element ip = (Element) ips.item(i);
            String family = ip.getAttribute("family");
            if (!family.isEmpty() && !family.equals("ipv4")) {
                continue;
            }
            address = ip.getAttribute("address");
            prefix = prefixOf(ip);
            Element range = first(ip, "range");
            if (range != null) {
                start = range.getAttribute("start");
                end = range.getAttribute("end");
            }
            break;
        }
        return new NetworkInfo(name, uuid, active, autostart, persistent, mode,
            bridge == null ? "" : bridge.getAttribute("name"), address, prefix, start, end);
    }

    private static int prefixOf(Element ip) {
        if (!ip.getAttribute("prefix").isEmpty()) {
            return Integer.parseInt(ip.getAttribute("prefix"));
        }
        long mask = NetworkSpec.ipv4(ip.getAttribute("netmask"));
        return mask < 0 ? 0 : Long.bitCount(mask);
    }

    private static Element first(Element parent, String tag) {
        NodeList l = parent.getElementsByTagName(tag);
        return l.getLength() == 0 ? null : (Element) l.item(0);
    }

    public String xml(String name) throws VirtException {
        return with(name, n -> n.getXMLDesc(0));
    }

    public void start(String name) throws VirtException {
        with(name, n -> {
            n.create();
            return null;
        });
    }

    /** virNetworkDestroy: stops the network (its guests lose their link). */
    public void stop(String name) throws VirtException {
        with(name, n -> {
            n.destroy();
            return null;
        });
    }

    public void setAutostart(String name, boolean on) throws VirtException {
        with(name, n -> {
            n.setAutostart(on);
            return null;
        });
    }

    /** Stops the network when it runs, then undefines it. */
    public void delete(String name) throws VirtException {
        with(name, n -> {
            if (n.isActive() == 1) {
                n.destroy();
            }
            if (n.isPersistent() == 1) {
                n.undefine();
            }
            return null;
        });
    }

    /** Defines the network; starts it (and sets autostart) when asked. A failed start leaves it defined and stopped. */
    public NetworkInfo create(NetworkSpec spec, boolean start, boolean autostart) throws VirtException {
        Network n = call(() -> conn.networkDefineXML(spec.xml()));
        try {
            if (start) {
                n.create();
            }
            if (autostart) {
                n.setAutostart(true);
            }
        } catch (LibvirtException e) {
            throw VirtException.from(e);
        } finally {
            free(n);
        }
        return network(spec.name());
    }

    /** virNetworkGetDHCPLeases: the network's current leases (its dnsmasq's). */
    public List<DhcpLease> leases(String name) throws VirtException {
        return with(name, n -> {
            PointerByReference out = new PointerByReference();
            int count = NativeVirt.LIB.virNetworkGetDHCPLeases(BindingPointers.of(n), null, out, 0);
            if (count < 0) {
                throw VirtException.lastError("virNetworkGetDHCPLeases");
            }
            Pointer array = out.getValue();
            List<DhcpLease> leases = new ArrayList<>(count);
            try {
                for (int i = 0; i < count; i++) {
                    Pointer l = array.getPointer((long) i * Native.POINTER_SIZE);
                    // struct _virNetworkDHCPLease: iface, expirytime (long long), type (int), mac, iaid,
                    // ipaddr, prefix (unsigned int), hostname, clientid
                    leases.add(new DhcpLease(str(l, 0), str(l, 24), str(l, 40), l.getInt(48), str(l, 56), str(l, 64),
                        l.getLong(8)));
                    NativeVirt.LIB.virNetworkDHCPLeaseFree(l);
                }
            } finally {
                if (array != null) {
                    Native.free(Pointer.nativeValue(array));
                }
            }
            return leases;
        });
    }

    /**
     * virDomainInterfaceAddresses from {@code source} ({@link #SOURCE_LEASE}, {@link #SOURCE_AGENT},
     * {@link #SOURCE_ARP}): each address of each interface of the running domain.
     */
    public List<DomainAddress> domainAddresses(String uuid, int source) throws VirtException {
        return new DomainCalls(connection).onNative(uuid, dom -> {
            PointerByReference out = new PointerByReference();
            int count = NativeVirt.LIB.virDomainInterfaceAddresses(dom, out, source, 0);
            if (count < 0) {
                throw VirtException.lastError("virDomainInterfaceAddresses");
            }
            String from = switch (source) {
                case SOURCE_LEASE -> "DHCP lease";
                case SOURCE_AGENT -> "guest agent";
                default -> "ARP";
            };
            Pointer array = out.getValue();
            List<DomainAddress> addresses = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    Pointer iface = array.getPointer((long) i * Native.POINTER_SIZE);
                    // struct _virDomainInterface: name, hwaddr, naddrs (unsigned int), addrs
                    // (array of struct { int type; char *addr; unsigned int prefix; }, 24 bytes each)
                    String ifName = str(iface, 0);
                    String mac = str(iface, 8);
                    int n = iface.getInt(16);
                    Pointer addrs = iface.getPointer(24);
                    for (int a = 0; a < n && addrs != null; a++) {
                        Pointer addr = addrs.share((long) a * 24);
                        addresses.add(new DomainAddress(ifName, mac, str(addr, 8), addr.getInt(16), from));
                    }
                    NativeVirt.LIB.virDomainInterfaceFree(iface);
                }
            } finally {
                if (array != null) {
                    Native.free(Pointer.nativeValue(array));
                }
            }
            return addresses;
        });
    }

    private static String str(Pointer p, long offset) {
        Pointer s = p.getPointer(offset);
        return s == null ? "" : s.getString(0, "UTF-8");
    }

    private static void free(Network n) {
        try {
            n.free();
        } catch (LibvirtException ignored) {
            // nothing to do
        }
    }

    private <T> T with(String name, NetCall<T> body) throws VirtException {
        Network n = call(() -> conn.networkLookupByName(name));
        try {
            return body.apply(n);
        } catch (LibvirtException e) {
            throw VirtException.from(e);
        } finally {
            free(n);
        }
    }

    private static <T> T call(BindingCall<T> body) throws VirtException {
        try {
            return body.call();
        } catch (LibvirtException e) {
            throw VirtException.from(e);
        }
    }

    @FunctionalInterface
    private interface BindingCall<T> {
        T call() throws LibvirtException;
    }

    @FunctionalInterface
    private interface NetCall<T> {
        T apply(Network n) throws LibvirtException, VirtException;
    }
}
