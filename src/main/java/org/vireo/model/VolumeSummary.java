package org.vireo.model;

/** A volume of a pool: its path on the host, size and format ("qcow2", "raw", "iso" ...). */
public record VolumeSummary(String pool, String name, String path, long capacity, long allocation, String format) {
}
