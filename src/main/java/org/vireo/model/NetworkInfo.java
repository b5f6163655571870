package org.vireo.model;

/**
 * A virtual network: its flags, forward mode ("nat", "route", "open", "bridge" ...; "isolated"
 * when the XML has no forward element), bridge, and its first IPv4 address with its prefix
 * and DHCP range (empty where the XML has none).
 */
public record NetworkInfo(String name, String uuid, boolean active, boolean autostart, boolean persistent,
                          String forwardMode, String bridge, String ipv4Address, int ipv4Prefix,
                          String dhcpStart, String dhcpEnd) {
    /** "10.201.0.1/24", or "" without an IPv4 address. */
    public String ipv4() {
        return ipv4Address.isEmpty() ? "" : ipv4Address + "/" + ipv4Prefix;
    }

    /** "10.201.0.2 – 10.201.0.254", or "". */
    public String dhcpRange() {
        return dhcpStart.isEmpty() ? "" : dhcpStart + " – " + dhcpEnd;
    }
}
