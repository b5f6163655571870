package org.vireo.model;

/** A storage pool as the create-VM wizard shows it: where new disks can go. */
public record PoolSummary(String name, boolean active, long capacity, long available, String path) {
}
