package org.vireo.model;

/** The everyday lifecycle actions of the main window. */
public enum DomainAction {
    START("Start", false),
    PAUSE("Pause", false),
    RESUME("Resume", false),
    SHUTDOWN("Shut down", false),
    REBOOT("Reboot", false),
    FORCE_OFF("Force off", true);

    private final String label;
    private final boolean destructive;

    DomainAction(String label, boolean destructive) {
        this.label = label;
        this.destructive = destructive;
    }

    public String label() {
        return label;
    }

    /** Destructive actions ask the user first. */
    public boolean destructive() {
        return destructive;
    }

    /** Whether the action means anything for a domain in this state. */
    public boolean appliesTo(DomainState state) {
        return switch (this) {
            case START -> state == DomainState.SHUTOFF || state == DomainState.CRASHED || state == DomainState.NOSTATE;
            case PAUSE -> state == DomainState.RUNNING || state == DomainState.BLOCKED;
            case RESUME -> state == DomainState.PAUSED;
            case SHUTDOWN, REBOOT -> state == DomainState.RUNNING || state == DomainState.BLOCKED;
            case FORCE_OFF -> state.isActive();
        };
    }
}
