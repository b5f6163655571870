package org.vireo.host;

import java.util.Arrays;

/**
 * The last {@code capacity} values of one metric, aligned with its host's tick clock.
 * One writer (the host's worker) and any readers: the writer fills a slot before it
 * publishes the tick, so a reader never sees a slot it has not finished.
 */
final class SeriesRing {
    private final float[] values;

    SeriesRing(int capacity) {
        values = new float[capacity];
        Arrays.fill(values, Float.NaN);
    }

    void put(long tick, float value) {
        values[(int) (tick % values.length)] = value;
    }

    float get(long tick) {
        return values[(int) (tick % values.length)];
    }

    int capacity() {
        return values.length;
    }
}
