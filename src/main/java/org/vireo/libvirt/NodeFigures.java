package org.vireo.libvirt;

/** The host's hardware as virNodeGetInfo reports it. */
public record NodeFigures(String model, long memoryKiB, int cpus, int mhz) {
}
