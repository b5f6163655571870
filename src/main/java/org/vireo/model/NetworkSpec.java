package org.vireo.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A new virtual network as the user asks for it: a name, NAT or isolated, an IPv4 network
 * in CIDR form ("10.201.7.0/24": the host takes the first address; "10.201.7.1/24": the host
 * takes that one) and an optional DHCP range. {@link #problems} says in words what is wrong
 * before anything is sent; {@link #xml} is what libvirt gets.
 */
public record NetworkSpec(String name, boolean nat, String cidr, String dhcpStart, String dhcpEnd) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0,49}");
    private static final Pattern CIDR = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3})/(\\d{1,2})");

    public NetworkSpec {
        name = name == null ? "" : name.strip();
        cidr = cidr == null ? "" : cidr.strip();
        dhcpStart = dhcpStart == null ? "" : dhcpStart.strip();
        dhcpEnd = dhcpEnd == null ? "" : dhcpEnd.strip();
    }

    /** Everything wrong with it, in words; empty when it can be created. */
    public List<String> problems(Collection<String> existingNames) {
        List<String> out = new ArrayList<>();
        if (name.isEmpty()) {
            out.add("Name: enter a name.");
        } else if (!NAME.matcher(name).matches()) {
            out.add("Name: letters, digits and . _ + - only (up to 50), starting with a letter or digit.");
        } else if (existingNames.contains(name)) {
            out.add("Name: the host already has a network called " + name + ".");
        }
        var m = CIDR.matcher(cidr);
        long ip = -1;
        int prefix = -1;
        if (!m.matches() || (ip = ipv4(m.group(1))) < 0) {
            out.add("IPv4 network: write it as address/prefix, e.g. 10.201.7.0/24.");
        } else {
            prefix = Integer.parseInt(m.group(2));
            int first = (int) (ip >> 24);
            if (prefix < 8 || prefix > 30) {
                out.add("IPv4 network: the prefix must be 8 to 30 (/24 gives 254 addresses).");
                prefix = -1;
            } else if (first == 0 || first == 127 || first >= 224 || first == 169 && ((ip >> 16) & 255) == 254) {
                out.add("IPv4 network: " + format(ip) + " is a " + (first == 127 ? "loopback" : first >= 240 ? "reserved" : first >= 224
                    ? "multicast" : first == 0 ? "\"this network\"" : "link-local") + " address; choose a private range such as 10.201.7.0/24.");
                prefix = -1;
            }
        }
        if (prefix > 0) {
            long mask = mask(prefix);
            long net = ip & mask;
            long broadcast = net | (~mask & 0xFFFFFFFFL);
            long gw = gateway(ip, prefix);
            if (ip == broadcast) {
                out.add("IPv4 network: " + format(ip) + " is the broadcast address of /" + prefix + ".");
            }
            boolean anyDhcp = !dhcpStart.isEmpty() || !dhcpEnd.isEmpty();
            if (anyDhcp) {
                long s = ipv4(dhcpStart);
                long e = ipv4(dhcpEnd);
                if (s < 0 || e < 0) {
                    out.add("DHCP range: enter both the first and the last address, e.g. "
                        + format(net + 2) + " and " + format(broadcast - 1) + ".");
                } else if (!inside(s, net, broadcast) || !inside(e, net, broadcast)) {
                    out.add("DHCP range: " + format(s) + " – " + format(e) + " is outside " + format(net) + "/" + prefix
                        + " (usable " + format(net + 1) + " – " + format(broadcast - 1) + ").");
                } else if (s > e) {
                    out.add("DHCP range: the first address comes after the last.");
                } else if (gw >= s && gw <= e) {
                    out.add("DHCP range: it holds the host's own address " + format(gw) + ".");
                }
            }
        }
        return out;
    }

    /** The host's address on the network. */
    public String hostAddress() {
        var m = CIDR.matcher(cidr);
        if (!m.matches()) {
            throw new IllegalStateException("not a CIDR: " + cidr);
        }
        return format(gateway(ipv4(m.group(1)), Integer.parseInt(m.group(2))));
    }

    public int prefix() {
        var m = CIDR.matcher(cidr);
        return m.matches() ? Integer.parseInt(m.group(2)) : -1;
    }

    /** The network's XML; libvirt picks the bridge's name (virbrN). */
    public String xml() {
        StringBuilder x = new StringBuilder("<network>\n  <name>").append(name).append("</name>\n");
        if (nat) {
            x.append("  <forward mode='nat'/>\n");
        }
        x.append("  <ip address='").append(hostAddress()).append("' prefix='").append(prefix()).append("'>\n");
        if (!dhcpStart.isEmpty()) {
            x.append("    <dhcp>\n      <range start='").append(dhcpStart).append("' end='").append(dhcpEnd).append("'/>\n    </dhcp>\n");
        }
        x.append("  </ip>\n</network>\n");
        return x.toString();
    }

    private static long gateway(long ip, int prefix) {
        long mask = mask(prefix);
        return (ip & mask) == ip ? ip + 1 : ip;
    }

    private static boolean inside(long a, long net, long broadcast) {
        return a > net && a < broadcast;
    }

    private static long mask(int prefix) {
        return (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    /** The address as a number, or -1 when it is not a dotted IPv4 address. */
    public static long ipv4(String s) {
        if (s == null) {
            return -1;
        }
        String[] parts = s.strip().split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long v = 0;
        for (String p : parts) {
            // ASCII digits only, no leading zero: libvirt (inet_pton) refuses "010.0.0.1", others read it as octal
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9') || p.length() > 1 && p.charAt(0) == '0') {
                return -1;
            }
            int n = Integer.parseInt(p);
            if (n > 255) {
                return -1;
            }
            v = (v << 8) | n;
        }
        return v;
    }

    public static String format(long ip) {
        return ((ip >> 24) & 255) + "." + ((ip >> 16) & 255) + "." + ((ip >> 8) & 255) + "." + (ip & 255);
    }
}
