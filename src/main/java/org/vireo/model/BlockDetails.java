package org.vireo.model;

/** virDomainGetBlockInfo of one disk, in bytes. */
public record BlockDetails(String disk, long capacity, long allocation, long physical) {
}
