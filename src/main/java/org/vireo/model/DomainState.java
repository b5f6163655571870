package org.vireo.model;

/** libvirt's virDomainState, in the order of its numeric values. */
public enum DomainState {
    NOSTATE("no state"),
    RUNNING("running"),
    BLOCKED("blocked"),
    PAUSED("paused"),
    SHUTDOWN("shutting down"),
    SHUTOFF("shut off"),
    CRASHED("crashed"),
    PMSUSPENDED("suspended");

    private final String label;

    DomainState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isActive() {
        return this != SHUTOFF && this != NOSTATE;
    }

    public static DomainState of(int code) {
        DomainState[] all = values();
        return code >= 0 && code < all.length ? all[code] : NOSTATE;
    }
}
