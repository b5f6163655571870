package org.vireo.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.IntBuffer;
import org.junit.jupiter.api.Test;

/** Fit's scaled copy: bilinear, kept up to date only where the screen changed. */
class FramebufferScaleTest {
    private static final int WHITE = 0xFFFFFFFF;
    private static final int BLACK = 0xFF000000;

    @Test
    void scalesTheWholeScreenThenOnlyTheChangedPart() {
        Framebuffer fb = new Framebuffer(100, 50);
        fb.scaleTo(150, 75);
        assertEquals(150, fb.outWidth());
        assertEquals(75, fb.outHeight());
        IntBuffer out = IntBuffer.allocate(150 * 75);
        int[] first = fb.copyDirty(out, fb.generation());
        assertArrayEquals(new int[] {0, 0, 150, 75}, first, "the whole scaled screen at first");
        assertEquals(BLACK, out.get(75 * 40 + 75));

        synchronized (fb.lock()) {
            fb.fill(10, 10, 10, 10, WHITE);
            fb.markDirty(10, 10, 10, 10);
        }
        fb.settle();
        int[] r = fb.copyDirty(out, fb.generation());
        // 10..20 scaled by 1.5 is 15..30, with a pixel of bilinear margin each side
        assertTrue(r[0] <= 15 && r[0] >= 12 && r[0] + r[2] >= 30 && r[0] + r[2] <= 33, "x range " + r[0] + "+" + r[2]);
        assertTrue(r[2] < 30 && r[3] < 30, "only the changed part is copied: " + r[2] + "x" + r[3]);
        assertEquals(WHITE, out.get(150 * 22 + 22), "inside the white square");
        assertEquals(BLACK, out.get(150 * 60 + 100), "far from it");
        int edge = out.get(150 * 22 + 14);
        assertNotEquals(WHITE, edge);
        assertNull(fb.copyDirty(out, fb.generation()), "nothing changed since");
    }

    @Test
    void anEdgeIsBlendedAndTheCopyFollowsAResize() {
        Framebuffer fb = new Framebuffer(4, 1);
        synchronized (fb.lock()) {
            fb.fill(2, 0, 2, 1, WHITE);
        }
        fb.scaleTo(8, 2);
        IntBuffer out = IntBuffer.allocate(16);
        fb.copyDirty(out, fb.generation());
        // black black | white white, doubled: the two pixels at the edge are in between
        assertEquals(BLACK, out.get(0));
        assertEquals(WHITE, out.get(7));
        int mid = out.get(3) & 0xFF;
        assertTrue(mid > 0 && mid < 0xFF, "blended edge " + Integer.toHexString(out.get(3)));
        assertEquals(0xFF000000, out.get(3) & 0xFF000000, "opaque");

        long before = fb.generation();
        synchronized (fb.lock()) {
            fb.resize(8, 2);
        }
        assertNotEquals(before, fb.generation());
        fb.scaleTo(8, 2);
        assertEquals(8, fb.outWidth(), "the same size as the screen: no scaled copy");
        assertNull(fb.copyDirty(out, before), "a copy for the old size is refused");
    }
}
