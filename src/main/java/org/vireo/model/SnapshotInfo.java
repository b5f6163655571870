package org.vireo.model;

/**
 * One snapshot: its place in the tree (parent name or empty), whether it is the current one,
 * its creation time (seconds since the epoch), the domain state it captured, its description,
 * whether it holds memory, and whether its disks are external.
 */
public record SnapshotInfo(String name, String parent, boolean current, long creationTime, String state,
                           String description, boolean withMemory, boolean external, String xml) {
}
