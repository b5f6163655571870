package org.vireo.console.x11;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/** The few Xlib, MIT-SHM, SHAPE and System V shared-memory calls the direct console screen uses. */
final class Xlib {
    private Xlib() {
    }

    static final int EXPOSE = 12;
    static final long EXPOSURE_MASK = 1L << 15;
    static final int Z_PIXMAP = 2;
    static final int SHAPE_BOUNDING = 0;
    static final int SHAPE_INPUT = 2;
    static final int SHAPE_SET = 0;
    static final int UNSORTED = 0;

    interface X11 extends Library {
        X11 LIB = Native.load("libX11.so.6", X11.class);

        Pointer XOpenDisplay(String name);

        int XConnectionNumber(Pointer display);

        int XDefaultScreen(Pointer display);

        long XCreateSimpleWindow(Pointer display, long parent, int x, int y, int width, int height,
            int borderWidth, long border, long background);

        int XSelectInput(Pointer display, long window, long mask);

        int XMapWindow(Pointer display, long window);

        int XUnmapWindow(Pointer display, long window);

        int XMoveResizeWindow(Pointer display, long window, int x, int y, int width, int height);

        int XDestroyWindow(Pointer display, long window);

        int XRaiseWindow(Pointer display, long window);

        Pointer XCreateGC(Pointer display, long drawable, long mask, Pointer values);

        int XFreeGC(Pointer display, Pointer gc);

        int XGetWindowAttributes(Pointer display, long window, Pointer attributes);

        int XSync(Pointer display, int discard);

        int XFlush(Pointer display);

        int XPending(Pointer display);

        int XNextEvent(Pointer display, Pointer event);

        int XFree(Pointer data);

        int XFreePixmap(Pointer display, long pixmap);

        Pointer XSetErrorHandler(ErrorHandler handler);
    }

    interface Xext extends Library {
        Xext LIB = Native.load("libXext.so.6", Xext.class);

        int XShmQueryExtension(Pointer display);

        Pointer XShmCreateImage(Pointer display, Pointer visual, int depth, int format, Pointer data,
            Pointer shminfo, int width, int height);

        int XShmAttach(Pointer display, Pointer shminfo);

        int XShmDetach(Pointer display, Pointer shminfo);

        int XShmPutImage(Pointer display, long drawable, Pointer gc, Pointer image, int srcX, int srcY,
            int dstX, int dstY, int width, int height, int sendEvent);

        int XShapeQueryExtension(Pointer display, int[] eventBase, int[] errorBase);

        int XShmQueryVersion(Pointer display, int[] major, int[] minor, int[] sharedPixmaps);

        long XShmCreatePixmap(Pointer display, long drawable, Pointer data, Pointer shminfo, int width, int height, int depth);

        void XShapeCombineRectangles(Pointer display, long window, int kind, int x, int y, Pointer rectangles,
            int count, int op, int ordering);
    }

    /** XRender: the server scales the guest's screen for Fit, as cairo-xlib does for remote-viewer. */
    interface Xrender extends Library {
        Xrender LIB = Native.load("libXrender.so.1", Xrender.class);

        int XRenderQueryExtension(Pointer display, int[] eventBase, int[] errorBase);

        Pointer XRenderFindVisualFormat(Pointer display, Pointer visual);

        long XRenderCreatePicture(Pointer display, long drawable, Pointer format, long valueMask, Pointer attributes);

        void XRenderFreePicture(Pointer display, long picture);

        void XRenderSetPictureTransform(Pointer display, long picture, Pointer transform);

        void XRenderSetPictureFilter(Pointer display, long picture, String filter, Pointer params, int count);

        void XRenderComposite(Pointer display, int op, long src, long mask, long dst, int srcX, int srcY,
            int maskX, int maskY, int dstX, int dstY, int width, int height);
    }

    static final int PICT_OP_SRC = 1;
    static final long CP_REPEAT = 1;
    static final int REPEAT_PAD = 2;

    interface LibC extends Library {
        LibC LIB = Native.load("c", LibC.class);

        int shmget(int key, NativeLong size, int flags);

        Pointer shmat(int id, Pointer address, int flags);

        int shmdt(Pointer address);

        int shmctl(int id, int command, Pointer buffer);

        int poll(Pointer fds, NativeLong count, int timeoutMillis);
    }

    /** int (*)(Display *, XErrorEvent *) */
    interface ErrorHandler extends Callback {
        int invoke(Pointer display, Pointer event);
    }
}
