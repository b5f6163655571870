package org.vireo.model;

/** One address of a domain's interface (virDomainInterfaceAddresses): where it was learned from. */
public record DomainAddress(String iface, String mac, String address, int prefix, String source) {
}
