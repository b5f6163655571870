package org.vireo.model;

/** A domain's state together with libvirt's reason for it, e.g. paused / user. */
public record DomainStatus(DomainState state, int reasonCode, String reason) {

    public static DomainStatus of(int state, int reason) {
        DomainState s = DomainState.of(state);
        return new DomainStatus(s, reason, StateReasons.describe(s, reason));
    }

    /** "paused (user)", or just "running" when libvirt gives no reason. */
    public String text() {
        return reason.isEmpty() || reason.equals("unknown") ? state.label() : state.label() + " (" + reason + ")";
    }
}
