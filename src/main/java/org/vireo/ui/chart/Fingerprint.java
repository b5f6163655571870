package org.vireo.ui.chart;

/**
 * A hash of what a canvas is about to draw. Drawing in software costs far more than
 * working out what to draw, and most figures of most guests hold still from one tick to
 * the next (an idle guest's CPU, its memory), so a canvas whose picture would come out the
 * same is left alone. Coordinates count to a quarter of a pixel.
 */
final class Fingerprint {
    private long hash = 0xcbf29ce484222325L;

    Fingerprint add(long value) {
        hash = (hash ^ value) * 0x100000001b3L;
        hash ^= hash >>> 29;
        return this;
    }

    Fingerprint add(double value) {
        return add(Double.isNaN(value) ? Long.MIN_VALUE : Math.round(value * 4));
    }

    Fingerprint add(Object value) {
        return add((long) java.util.Objects.hashCode(value));
    }

    long value() {
        return hash;
    }
}
