package org.vireo.model;

/** Where a new guest's NIC connects: a virtual network, a host bridge, user-mode networking, or nothing. */
public record NetworkSource(Kind kind, String name, boolean active) {
    public enum Kind { NETWORK, BRIDGE, USER, NONE }

    public static final NetworkSource USER = new NetworkSource(Kind.USER, "", true);
    public static final NetworkSource NONE = new NetworkSource(Kind.NONE, "", true);

    public String label() {
        return switch (kind) {
            case NETWORK -> "Virtual network " + name + (active ? "" : " (inactive)");
            case BRIDGE -> "Bridge " + name;
            case USER -> "User-mode networking (no host setup; guest reaches out only)";
            case NONE -> "No network";
        };
    }
}
