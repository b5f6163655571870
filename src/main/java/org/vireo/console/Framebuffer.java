package org.vireo.console;

import java.nio.IntBuffer;

/**
 * The guest's screen as opaque ARGB pixels, written by the RFB reader thread and copied
 * out by the view. Writers hold {@link #lock()} while they change pixels; the rectangles
 * they changed since the last copy are kept as one bounding box, so a copy moves only
 * what changed.
 */
public final class Framebuffer {
    /** Generations are unique across framebuffers: a view that follows a reconnect sees a new one. */
    private static final java.util.concurrent.atomic.AtomicLong GENERATIONS = new java.util.concurrent.atomic.AtomicLong();
    private final Object lock = new Object();
    private int width;
    private int height;
    private int[] pixels;
    // dirty bounding box; empty when x0 >= x1
    private int x0;
    private int y0;
    private int x1;
    private int y1;
    private long generation;

    Framebuffer(int width, int height) {
        resize(width, height);
    }

    public Object lock() {
        return lock;
    }

    public int width() {
        synchronized (lock) {
            return width;
        }
    }

    public int height() {
        synchronized (lock) {
            return height;
        }
    }

    /** Bumped at every resize: a view whose copy has another generation must reallocate. */
    public long generation() {
        synchronized (lock) {
            return generation;
        }
    }

    void resize(int w, int h) {
        synchronized (lock) {
            width = Math.max(1, w);
            height = Math.max(1, h);
            pixels = new int[width * height];
            java.util.Arrays.fill(pixels, 0xFF000000);
            generation = GENERATIONS.incrementAndGet();
            // the old dirty box may lie outside the new size
            x0 = x1 = y0 = y1 = 0;
            markDirty(0, 0, width, height);
        }
    }

    /** Caller holds the lock. */
    int[] pixels() {
        return pixels;
    }

    /** Caller holds the lock. */
    void markDirty(int x, int y, int w, int h) {
        int ax = Math.max(0, x);
        int ay = Math.max(0, y);
        int bx = Math.min(width, x + w);
        int by = Math.min(height, y + h);
        if (ax >= bx || ay >= by) {
            return;
        }
        if (x0 >= x1) {
            x0 = ax;
            y0 = ay;
            x1 = bx;
            y1 = by;
        } else {
            x0 = Math.min(x0, ax);
            y0 = Math.min(y0, ay);
            x1 = Math.max(x1, bx);
            y1 = Math.max(y1, by);
        }
    }

    /** Fills a rectangle (clipped). Caller holds the lock. */
    void fill(int x, int y, int w, int h, int argb) {
        int bx = Math.min(width, x + w);
        int by = Math.min(height, y + h);
        for (int row = Math.max(0, y); row < by; row++) {
            int off = row * width;
            java.util.Arrays.fill(pixels, off + Math.max(0, x), off + bx, argb);
        }
    }

    /**
     * Copies the changed region into {@code target} (a buffer of {@code targetWidth} x
     * {@code targetHeight} pixels, the size of generation {@code targetGeneration}) and
     * clears it. Returns {x, y, w, h}, or null when nothing changed or the sizes differ.
     */
    public int[] copyDirty(IntBuffer target, long targetGeneration) {
        synchronized (lock) {
            if (targetGeneration != generation || x0 >= x1) {
                return null;
            }
            int w = x1 - x0;
            for (int row = y0; row < y1; row++) {
                int off = row * width + x0;
                target.put(off, pixels, off, w);
            }
            int[] r = {x0, y0, w, y1 - y0};
            x0 = x1 = y0 = y1 = 0;
            return r;
        }
    }

    /** A copy of the whole screen as ARGB (screenshots, tests). */
    public int[] snapshot() {
        synchronized (lock) {
            return pixels.clone();
        }
    }
}
