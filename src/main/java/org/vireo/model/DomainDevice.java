package org.vireo.model;

/** One device from the domain XML: kind (disk, interface, graphics ...), its target or name, a summary, its XML. */
public record DomainDevice(String kind, String target, String summary, String xml) {
}
