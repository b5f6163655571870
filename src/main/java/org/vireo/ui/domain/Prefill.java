package org.vireo.ui.domain;

/**
 * An input prefilled with libvirt's value: a reload offers libvirt's new value, which the input takes
 * unless the user changed it since the last prefill (a refresh after another change, or a state
 * change, must not swap the value under their Apply).
 */
final class Prefill<T> {
    private T prefilled;

    /** The value the input should take now, or null to leave the user's edit alone. */
    T offer(T libvirts, T input) {
        if (prefilled == null || prefilled.equals(input)) {
            prefilled = libvirts;
            return libvirts;
        }
        return null;
    }

    /** Another domain (or none): its values prefill the input afresh. */
    void reset() {
        prefilled = null;
    }
}
