package org.vireo.job;

/** A job's life: running, a cancel asked for and not yet answered, then one of three ends. */
public enum JobState {
    RUNNING("Running"),
    CANCELLING("Cancelling…"),
    SUCCEEDED("Done"),
    FAILED("Failed"),
    CANCELLED("Cancelled");

    private final String label;

    JobState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
