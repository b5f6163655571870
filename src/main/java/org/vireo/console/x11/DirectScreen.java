package org.vireo.console.x11;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.List;
import org.vireo.console.Framebuffer;

/**
 * A guest's screen drawn straight to X, as remote-viewer draws it: a child window of the
 * JavaFX stage's X window over the console's area, and an image in shared memory that the
 * console's thread copies the changed rectangle into and puts on the screen. JavaFX then draws
 * nothing per frame (its software renderer and the copy of the whole window to X cost five
 * times the rest). The window takes no input (an empty input shape): clicks and keys reach
 * JavaFX beneath it; parts of the scene that must stay on top are cut out of its shape.
 */
public final class DirectScreen {
    private final XConnection x;
    private long parent;
    private long window;
    private Pointer gc;
    private Pointer visual;
    private int depth;
    // the shared-memory image
    private Memory shminfo;
    private Pointer image;
    private Pointer shmaddr;
    private IntBuffer pixels;
    private int imgW;
    private int imgH;
    private long imgGeneration = -1;
    // where the window is, in the parent's pixels
    private int wx;
    private int wy;
    private int ww;
    private int wh;
    private boolean mapped;
    private List<int[]> holes = List.of();
    // the server's scaling (XRender): the image as a shared-memory pixmap, pictures of it and the window
    private Pointer format;
    private long pixmap;
    private long source;
    private long target;
    // the sizes the source picture's transform is for
    private long transformFor = -1;
    private volatile long framesDrawn;
    /** The shared image could not be made (a remote X server, no SysV shared memory): JavaFX draws instead. */
    private volatile boolean broken;
    private volatile long lastDrawNanos;

    private DirectScreen(XConnection x) {
        this.x = x;
    }

    /**
     * True when the X server scales the guest's screen to the window's size (XRender): the
     * framebuffer then stays at the guest's size and Fit costs this process nothing.
     */
    public boolean scales() {
        return x.scales();
    }

    /** A screen, or null where consoles cannot be drawn straight to X (then JavaFX draws them). */
    public static DirectScreen create() {
        if (!Boolean.parseBoolean(System.getProperty("vireo.console.direct", "true"))) {
            return null;
        }
        XConnection c = XConnection.get();
        return c == null ? null : new DirectScreen(c);
    }

    /**
     * Puts the screen at (x, y) size w x h in the X window {@code parentWindow} (FX thread),
     * shown or not; {@code cutOut} lists rectangles {x, y, w, h} in the same coordinates that
     * the scene shows on top of the screen. False when the parent cannot take it.
     */
    public boolean place(long parentWindow, int px, int py, int w, int h, boolean show, List<int[]> cutOut) {
        if (broken) {
            hide();
            return false;
        }
        synchronized (x.lock()) {
            boolean show2 = show && w > 0 && h > 0;
            if (parentWindow == parent && window != 0 && px == wx && py == wy && w == ww && h == wh
                && show2 == mapped && cutOut.equals(holes)) {
                // the usual layout pass: nothing moved, no round trip to the server
                return true;
            }
            Pointer d = x.display();
            if (parentWindow != parent || window == 0) {
                destroyWindow();
                if (parentWindow == 0 || !createWindow(parentWindow)) {
                    return false;
                }
            }
            boolean resized = w != ww || h != wh;
            if (px != wx || py != wy || resized) {
                if (w > 0 && h > 0) {
                    Xlib.X11.LIB.XMoveResizeWindow(d, window, px, py, w, h);
                }
                wx = px;
                wy = py;
                ww = w;
                wh = h;
            }
            if (resized && mapped && source != 0) {
                // scaled by the server: the new size is drawn from the image at once
                composite(0, 0, imgW, imgH);
            }
            if (!cutOut.equals(holes)) {
                holes = List.copyOf(cutOut);
                shape();
            }
            if (show2 != mapped) {
                if (show2) {
                    Xlib.X11.LIB.XMapWindow(d, window);
                    Xlib.X11.LIB.XRaiseWindow(d, window);
                } else {
                    Xlib.X11.LIB.XUnmapWindow(d, window);
                }
                mapped = show2;
            }
            Xlib.X11.LIB.XSync(d, 0);
            if (x.takeError() != 0) {
                // the parent went away with its stage: start over at the next placement
                x.unregister(window);
                window = 0;
                parent = 0;
                mapped = false;
                return false;
            }
            x.drainQueued();
            return true;
        }
    }

    private boolean createWindow(long parentWindow) {
        Pointer d = x.display();
        Memory attrs = new Memory(256);
        if (Xlib.X11.LIB.XGetWindowAttributes(d, parentWindow, attrs) == 0 || x.takeError() != 0) {
            return false;
        }
        int parentDepth = attrs.getInt(20);
        if (parentDepth != 24 && parentDepth != 32) {
            return false;
        }
        if (parentDepth != depth || !attrs.getPointer(24).equals(visual)) {
            freeImage();
        }
        depth = parentDepth;
        visual = attrs.getPointer(24);
        window = Xlib.X11.LIB.XCreateSimpleWindow(d, parentWindow, 0, 0, 1, 1, 0, 0, 0);
        // no input shape: the pointer and the keyboard stay with JavaFX's window beneath
        Xlib.Xext.LIB.XShapeCombineRectangles(d, window, Xlib.SHAPE_INPUT, 0, 0, null, 0, Xlib.SHAPE_SET, Xlib.UNSORTED);
        Xlib.X11.LIB.XSelectInput(d, window, Xlib.EXPOSURE_MASK);
        gc = Xlib.X11.LIB.XCreateGC(d, window, 0, null);
        if (x.scales()) {
            format = Xlib.Xrender.LIB.XRenderFindVisualFormat(d, visual);
            target = format == null ? 0 : Xlib.Xrender.LIB.XRenderCreatePicture(d, window, format, 0, null);
        }
        Xlib.X11.LIB.XSync(d, 0);
        if (x.takeError() != 0) {
            window = 0;
            return false;
        }
        parent = parentWindow;
        wx = wy = ww = wh = 0;
        mapped = false;
        holes = List.of();
        x.register(window, this);
        return true;
    }

    /** The window's shape: its whole area less the holes the scene shows on top. */
    private void shape() {
        Pointer d = x.display();
        if (holes.isEmpty()) {
            // the whole window (a shape of one rectangle larger than any screen)
            Memory r = rects(List.of(new int[] {0, 0, 32767, 32767}));
            Xlib.Xext.LIB.XShapeCombineRectangles(d, window, Xlib.SHAPE_BOUNDING, 0, 0, r, 1, Xlib.SHAPE_SET, Xlib.UNSORTED);
            return;
        }
        Memory all = rects(List.of(new int[] {0, 0, 32767, 32767}));
        Xlib.Xext.LIB.XShapeCombineRectangles(d, window, Xlib.SHAPE_BOUNDING, 0, 0, all, 1, Xlib.SHAPE_SET, Xlib.UNSORTED);
        Memory cut = rects(holes);
        // ShapeSubtract = 3
        Xlib.Xext.LIB.XShapeCombineRectangles(d, window, Xlib.SHAPE_BOUNDING, 0, 0, cut, holes.size(), 3, Xlib.UNSORTED);
    }

    /** XRectangle: short x, y; unsigned short width, height. */
    private static Memory rects(List<int[]> rs) {
        Memory m = new Memory(8L * rs.size());
        for (int i = 0; i < rs.size(); i++) {
            int[] r = rs.get(i);
            m.setShort(i * 8L, (short) r[0]);
            m.setShort(i * 8L + 2, (short) r[1]);
            m.setShort(i * 8L + 4, (short) Math.min(r[2], 32767));
            m.setShort(i * 8L + 6, (short) Math.min(r[3], 32767));
        }
        return m;
    }

    /**
     * Copies what changed in the framebuffer into the shared image and puts it on the screen
     * (the console's thread, after each decoded update).
     */
    public void draw(Framebuffer fb) {
        synchronized (x.lock()) {
            if (window == 0 || visual == null) {
                return;
            }
            long gen;
            int w;
            int h;
            synchronized (fb.lock()) {
                gen = fb.generation();
                w = fb.outWidth();
                h = fb.outHeight();
            }
            if (gen != imgGeneration || image == null || w != imgW || h != imgH) {
                freeImage();
                if (Boolean.getBoolean("vireo.console.failSharedImage") || !allocImage(w, h)) {
                    broken = true;
                    return;
                }
                imgGeneration = gen;
                // a new image starts empty: all of the screen goes into it
                fb.redrawAll();
            }
            int[] r = fb.copyDirty(pixels, imgGeneration);
            if (r == null || !mapped) {
                return;
            }
            if (source != 0 && target != 0) {
                composite(r[0], r[1], r[2], r[3]);
            } else {
                put(r[0], r[1], r[2], r[3]);
            }
            framesDrawn++;
            lastDrawNanos = System.nanoTime();
        }
    }

    /** X says part of the window needs drawing again (under the lock). */
    void exposed() {
        if (image != null && mapped) {
            if (source != 0 && target != 0) {
                composite(0, 0, imgW, imgH);
            } else {
                put(0, 0, imgW, imgH);
            }
        }
    }

    /**
     * Has the server draw the image's rectangle (sx, sy, w, h) scaled to the window: the
     * source picture's transform maps the window's pixels to the image's (bilinear, edges
     * padded); 1:1 is nearest, a plain copy.
     */
    private void composite(int sx, int sy, int w, int h) {
        if (ww <= 0 || wh <= 0) {
            return;
        }
        Pointer d = x.display();
        long sizes = ((long) imgW << 48) | ((long) imgH << 32) | ((long) ww << 16) | wh;
        boolean identity = ww == imgW && wh == imgH;
        if (sizes != transformFor) {
            Memory t = new Memory(36);
            t.clear();
            t.setInt(0, (int) Math.round(65536.0 * imgW / ww));
            t.setInt(16, (int) Math.round(65536.0 * imgH / wh));
            t.setInt(32, 65536);
            Xlib.Xrender.LIB.XRenderSetPictureTransform(d, source, t);
            Xlib.Xrender.LIB.XRenderSetPictureFilter(d, source, identity ? "nearest" : "bilinear", null, 0);
            transformFor = sizes;
        }
        int tx0;
        int ty0;
        int tx1;
        int ty1;
        if (identity) {
            tx0 = sx;
            ty0 = sy;
            tx1 = sx + w;
            ty1 = sy + h;
        } else {
            // the window's pixels whose samples touch the changed rectangle (one more each side for the filter)
            tx0 = Math.max(0, (int) Math.floor((double) sx * ww / imgW) - 1);
            ty0 = Math.max(0, (int) Math.floor((double) sy * wh / imgH) - 1);
            tx1 = Math.min(ww, (int) Math.ceil((double) (sx + w) * ww / imgW) + 1);
            ty1 = Math.min(wh, (int) Math.ceil((double) (sy + h) * wh / imgH) + 1);
        }
        if (tx1 <= tx0 || ty1 <= ty0) {
            return;
        }
        Xlib.Xrender.LIB.XRenderComposite(d, Xlib.PICT_OP_SRC, source, 0, target, tx0, ty0, 0, 0, tx0, ty0, tx1 - tx0, ty1 - ty0);
        // the server has read the pixels before the next copy writes into them
        Xlib.X11.LIB.XSync(d, 0);
        x.takeError();
        x.drainQueued();
    }

    private void put(int sx, int sy, int w, int h) {
        Pointer d = x.display();
        Xlib.Xext.LIB.XShmPutImage(d, window, gc, image, sx, sy, sx, sy, w, h, 0);
        // the server has read the pixels before the next copy writes into them
        Xlib.X11.LIB.XSync(d, 0);
        x.takeError();
        x.drainQueued();
    }

    private boolean allocImage(int w, int h) {
        Pointer d = x.display();
        long size = (long) w * h * 4;
        int id = Xlib.LibC.LIB.shmget(0, new NativeLong(size), 0x200 | 0600); // IPC_PRIVATE, IPC_CREAT
        if (id < 0) {
            return false;
        }
        Pointer addr = Xlib.LibC.LIB.shmat(id, null, 0);
        if (addr == null || Pointer.nativeValue(addr) == -1) {
            Xlib.LibC.LIB.shmctl(id, 0, null);
            return false;
        }
        // XShmSegmentInfo: ShmSeg shmseg; int shmid; char *shmaddr; Bool readOnly
        Memory info = new Memory(32);
        info.clear();
        info.setInt(8, id);
        info.setPointer(16, addr);
        info.setInt(24, 0);
        Pointer img = Xlib.Xext.LIB.XShmCreateImage(d, visual, depth, Xlib.Z_PIXMAP, addr, info, w, h);
        boolean ok = img != null && Xlib.Xext.LIB.XShmAttach(d, info) != 0;
        Xlib.X11.LIB.XSync(d, 0);
        ok &= x.takeError() == 0;
        // removed now, freed when both sides have detached
        Xlib.LibC.LIB.shmctl(id, 0, null);
        // 32 bits per pixel with the bytes in the machine's order is what our ARGB ints are
        if (!ok || img.getInt(48) != 32 || img.getInt(44) != w * 4 || img.getInt(24) != 0 /* LSBFirst */) {
            if (img != null) {
                Xlib.X11.LIB.XFree(img);
            }
            Xlib.LibC.LIB.shmdt(addr);
            return false;
        }
        if (x.scales() && target != 0) {
            // the same memory as a pixmap the server scales from (nothing copied per frame)
            pixmap = Xlib.Xext.LIB.XShmCreatePixmap(d, window, addr, info, w, h, depth);
            Memory attrs = new Memory(128);
            attrs.clear();
            attrs.setInt(0, Xlib.REPEAT_PAD);
            source = pixmap == 0 ? 0 : Xlib.Xrender.LIB.XRenderCreatePicture(d, pixmap, format, Xlib.CP_REPEAT, attrs);
            transformFor = -1;
            Xlib.X11.LIB.XSync(d, 0);
            if (x.takeError() != 0) {
                // no server-side scaling after all: plain puts
                source = 0;
            }
        }
        shminfo = info;
        image = img;
        shmaddr = addr;
        pixels = addr.getByteBuffer(0, size).order(ByteOrder.nativeOrder()).asIntBuffer();
        imgW = w;
        imgH = h;
        return true;
    }

    private void freeImage() {
        if (image == null) {
            return;
        }
        Pointer d = x.display();
        if (source != 0) {
            Xlib.Xrender.LIB.XRenderFreePicture(d, source);
            source = 0;
        }
        if (pixmap != 0) {
            Xlib.X11.LIB.XFreePixmap(d, pixmap);
            pixmap = 0;
        }
        Xlib.Xext.LIB.XShmDetach(d, shminfo);
        Xlib.X11.LIB.XSync(d, 0);
        x.takeError();
        Xlib.X11.LIB.XFree(image);
        Xlib.LibC.LIB.shmdt(shmaddr);
        image = null;
        shmaddr = null;
        shminfo = null;
        pixels = null;
        imgGeneration = -1;
    }

    private void destroyWindow() {
        if (window != 0) {
            Pointer d = x.display();
            x.unregister(window);
            if (target != 0) {
                Xlib.Xrender.LIB.XRenderFreePicture(d, target);
                target = 0;
            }
            Xlib.X11.LIB.XFreeGC(d, gc);
            Xlib.X11.LIB.XDestroyWindow(d, window);
            Xlib.X11.LIB.XSync(d, 0);
            x.takeError();
            window = 0;
            parent = 0;
            mapped = false;
        }
    }

    /** Takes the window off the screen, keeping it and its image (FX thread). */
    public void hide() {
        synchronized (x.lock()) {
            if (window != 0 && mapped) {
                Xlib.X11.LIB.XUnmapWindow(x.display(), window);
                Xlib.X11.LIB.XSync(x.display(), 0);
                x.takeError();
                mapped = false;
            }
        }
    }

    /** Takes the window and the shared image away (FX thread; the console closed). */
    public void close() {
        synchronized (x.lock()) {
            destroyWindow();
            freeImage();
        }
    }

    /** True once the shared image could not be made: the view goes back to JavaFX's drawing. */
    public boolean broken() {
        return broken;
    }

    public boolean shown() {
        synchronized (x.lock()) {
            return mapped;
        }
    }

    public long framesDrawn() {
        return framesDrawn;
    }

    public long lastDrawNanos() {
        return lastDrawNanos;
    }
}
