package org.vireo.model;

/**
 * One lease of a network's DHCP server (virNetworkGetDHCPLeases): interface, MAC, address with
 * prefix, the client's host name and client id, and when it expires (epoch seconds).
 */
public record DhcpLease(String iface, String mac, String address, int prefix, String hostname, String clientId,
                        long expiresEpochSeconds) {
}
