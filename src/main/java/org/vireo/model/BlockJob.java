package org.vireo.model;

/** A running block job on a disk: its type (pull, copy, commit, active commit), bandwidth, progress cur/end. */
public record BlockJob(String disk, String type, long bandwidth, long cur, long end) {
    public double fraction() {
        return end <= 0 ? 0 : (double) cur / end;
    }
}
