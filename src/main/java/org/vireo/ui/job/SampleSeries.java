package org.vireo.ui.job;

import org.vireo.model.TimeSeries;

/** A growing series of a job's figures (one point per poll), written and read on the FX thread. */
final class SampleSeries implements TimeSeries {
    private static final int MAX = 3600;
    private long[] times = new long[64];
    private float[] values = new float[64];
    private int size;

    void add(long timeMs, float value) {
        if (size == MAX) {
            // an hour of half-second samples: drop the older half
            System.arraycopy(times, MAX / 2, times, 0, MAX / 2);
            System.arraycopy(values, MAX / 2, values, 0, MAX / 2);
            size = MAX / 2;
        }
        if (size == times.length) {
            times = java.util.Arrays.copyOf(times, size * 2);
            values = java.util.Arrays.copyOf(values, size * 2);
        }
        times[size] = timeMs;
        values[size] = value;
        size++;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long timeAt(int i) {
        return times[i];
    }

    @Override
    public float valueAt(int i) {
        return values[i];
    }
}
