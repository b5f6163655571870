package org.vireo.model;

/**
 * A storage volume: name, key and path, capacity and allocation (bytes), its format from the
 * volume XML (qcow2, raw, iso ...), and the backing store's path when it has one.
 */
public record VolumeInfo(String pool, String name, String key, String path, long capacity, long allocation,
                         String format, String backingPath) {
}
