package org.vireo.model;

/**
 * A read-only window on a metric's recent history, oldest first. Written by a host's worker
 * and read by the views: a reader takes {@link #size()} once and reads up to it.
 */
public interface TimeSeries {
    int size();

    /** When the i-th point was taken, ms since the epoch. */
    long timeAt(int i);

    /** The i-th value; NaN where there was no figure. */
    float valueAt(int i);

    /** The newest value, NaN when empty. */
    default float last() {
        int n = size();
        return n == 0 ? Float.NaN : valueAt(n - 1);
    }

    TimeSeries EMPTY = new TimeSeries() {
        @Override
        public int size() {
            return 0;
        }

        @Override
        public long timeAt(int i) {
            throw new IndexOutOfBoundsException(i);
        }

        @Override
        public float valueAt(int i) {
            throw new IndexOutOfBoundsException(i);
        }
    };
}
