package org.vireo.libvirt;

/**
 * Receives libvirt's metadata change events (a domain's title, description or a metadata
 * element changed, by anyone); called on libvirt's event loop thread, so it must return quickly.
 */
@FunctionalInterface
public interface MetadataHandler {
    /** What kind of metadata {@code onMetadataChange} names (libvirt's virDomainMetadataType). */
    int DESCRIPTION = 0;
    int TITLE = 1;
    int ELEMENT = 2;

    /** @param nsuri the element's namespace for {@link #ELEMENT}, else null */
    void onMetadataChange(String uuid, int type, String nsuri);
}
