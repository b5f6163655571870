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
    // the screen scaled to the view's size (Fit), kept up to date by settle(); null at 1:1
    private int[] scaled;
    private int sw;
    private int sh;
    private int[] colIndex;
    private int[] colWeight;
    private int[] rowIndex;
    private int[] rowWeight;
    // dirty box of the scaled screen
    private int sx0;
    private int sy0;
    private int sx1;
    private int sy1;

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
            if (scaled != null) {
                scaleTo(sw, sh);
            }
        }
    }

    /**
     * Shows the screen at {@code w} x {@code h} from now on (Fit): the view then draws the
     * copy 1:1 instead of having JavaFX's software renderer scale the whole image each frame,
     * which cost twice the drawing itself. A size equal to the screen's, or 0, means 1:1.
     */
    public void scaleTo(int w, int h) {
        synchronized (lock) {
            boolean off = w <= 0 || h <= 0 || (w == width && h == height);
            if (off ? scaled == null : scaled != null && w == sw && h == sh && generationMatchesTables()) {
                return;
            }
            if (off) {
                scaled = null;
            } else {
                sw = w;
                sh = h;
                scaled = new int[w * h];
                colIndex = new int[w];
                colWeight = new int[w];
                rowIndex = new int[h];
                rowWeight = new int[h];
                table(width, w, colIndex, colWeight);
                table(height, h, rowIndex, rowWeight);
                tablesFor = width * 65536L + height;
            }
            generation = GENERATIONS.incrementAndGet();
            x0 = x1 = y0 = y1 = 0;
            markDirty(0, 0, width, height);
            sx0 = sx1 = sy0 = sy1 = 0;
            settle();
        }
    }

    private long tablesFor;
    // source rows scaled across (settle's scratch)
    private int[] across;

    private boolean generationMatchesTables() {
        return tablesFor == width * 65536L + height;
    }

    /** Source index and weight (0..256 of the next pixel) for each target pixel: bilinear, centres aligned. */
    private static void table(int from, int to, int[] index, int[] weight) {
        double f = (double) from / to;
        for (int i = 0; i < to; i++) {
            double s = (i + 0.5) * f - 0.5;
            int k = (int) Math.floor(s);
            double frac = s - k;
            if (k < 0) {
                k = 0;
                frac = 0;
            } else if (k >= from - 1) {
                k = from - 1;
                frac = 0;
            }
            index[i] = k;
            weight[i] = (int) Math.round(frac * 256);
        }
    }

    /** The width of what {@link #copyDirty} copies: the scaled size in Fit, else the screen's. */
    public int outWidth() {
        synchronized (lock) {
            return scaled != null ? sw : width;
        }
    }

    public int outHeight() {
        synchronized (lock) {
            return scaled != null ? sh : height;
        }
    }

    /**
     * Brings the scaled copy up to date with what changed (the decoding thread calls it after
     * each update, so the FX thread only copies). Only the changed rectangle is scaled.
     */
    public void settle() {
        synchronized (lock) {
            if (scaled == null || x0 >= x1) {
                return;
            }
            // target pixels whose sources (and their right/lower neighbours) lie in the box
            int tx0 = lowerTarget(x0 - 1, width, sw);
            int tx1 = upperTarget(x1 + 1, width, sw);
            int ty0 = lowerTarget(y0 - 1, height, sh);
            int ty1 = upperTarget(y1 + 1, height, sh);
            if (tx0 >= tx1 || ty0 >= ty1) {
                x0 = x1 = y0 = y1 = 0;
                return;
            }
            // each source row is scaled across once, then target rows mix two of those
            int tw = tx1 - tx0;
            int first = rowIndex[ty0];
            int last = Math.min(rowIndex[ty1 - 1] + 1, height - 1);
            int need = (last - first + 1) * tw;
            if (across == null || across.length < need) {
                across = new int[need];
            }
            int[] src = pixels;
            for (int sy = first; sy <= last; sy++) {
                int in = sy * width;
                int out = (sy - first) * tw - tx0;
                for (int tx = tx0; tx < tx1; tx++) {
                    int c = colIndex[tx];
                    across[out + tx] = lerp(src[in + c], src[in + Math.min(c + 1, width - 1)], colWeight[tx]);
                }
            }
            for (int ty = ty0; ty < ty1; ty++) {
                int top = (rowIndex[ty] - first) * tw;
                int bottom = (Math.min(rowIndex[ty] + 1, height - 1) - first) * tw;
                int wy = rowWeight[ty];
                int out = ty * sw + tx0;
                if (wy == 0) {
                    System.arraycopy(across, top, scaled, out, tw);
                } else {
                    for (int i = 0; i < tw; i++) {
                        scaled[out + i] = lerp(across[top + i], across[bottom + i], wy);
                    }
                }
            }
            x0 = x1 = y0 = y1 = 0;
            if (sx0 >= sx1) {
                sx0 = tx0;
                sy0 = ty0;
                sx1 = tx1;
                sy1 = ty1;
            } else {
                sx0 = Math.min(sx0, tx0);
                sy0 = Math.min(sy0, ty0);
                sx1 = Math.max(sx1, tx1);
                sy1 = Math.max(sy1, ty1);
            }
        }
    }

    private static int lowerTarget(int src, int from, int to) {
        return Math.clamp((long) Math.floor((double) Math.max(0, src) * to / from), 0, to);
    }

    private static int upperTarget(int src, int from, int to) {
        return Math.clamp((long) Math.ceil((double) Math.min(from, src) * to / from) + 1, 0, to);
    }

    /** Opaque pixels a and b mixed, w/256 of b (red and blue in one step, green in another). */
    private static int lerp(int a, int b, int w) {
        if (w == 0 || a == b) {
            return a;
        }
        int v = 256 - w;
        int rb = (((a & 0xFF00FF) * v + (b & 0xFF00FF) * w) >>> 8) & 0xFF00FF;
        int g = (((a & 0x00FF00) * v + (b & 0x00FF00) * w) >>> 8) & 0x00FF00;
        return 0xFF000000 | rb | g;
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
            if (targetGeneration != generation) {
                return null;
            }
            if (scaled != null) {
                settle();
                if (sx0 >= sx1) {
                    return null;
                }
                int w = sx1 - sx0;
                for (int row = sy0; row < sy1; row++) {
                    int off = row * sw + sx0;
                    target.put(off, scaled, off, w);
                }
                int[] r = {sx0, sy0, w, sy1 - sy0};
                sx0 = sx1 = sy0 = sy1 = 0;
                return r;
            }
            if (x0 >= x1) {
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

    /** Marks the whole screen changed: the next {@link #copyDirty} copies all of it (a new target). */
    public void redrawAll() {
        synchronized (lock) {
            markDirty(0, 0, width, height);
            settle();
        }
    }

    /** A copy of the whole screen as ARGB (screenshots, tests). */
    public int[] snapshot() {
        synchronized (lock) {
            return pixels.clone();
        }
    }
}
