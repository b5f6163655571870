package org.vireo.libvirt;

/** A domain's identity as libvirt lists it; id is -1 when the domain is not running. */
public record DomainRef(String uuid, String name, int id) {
}
