package org.vireo.console.x11;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Vireo's own connection to the X display (X11 or XWayland) that JavaFX's window is on, for
 * consoles drawn straight to X. Every Xlib call on it holds {@link #lock()}; a thread of its
 * own waits for Expose events and has the window they name repainted.
 */
final class XConnection {
    private static final Logger LOG = Logger.getLogger(XConnection.class.getName());
    private static volatile XConnection instance;
    private static volatile boolean failed;

    private final Pointer display;
    private final Object lock = new Object();
    private final Map<Long, DirectScreen> screens = new ConcurrentHashMap<>();
    private final Memory event = new Memory(192);
    /** XRender and shared-memory pixmaps are there: the server scales (Fit). */
    private boolean scales;
    /** Set by the error handler for a failed request on this connection (under the lock). */
    private int lastError;
    // kept reachable: Xlib holds the pointer
    private static Xlib.ErrorHandler handler;
    private static Pointer previousHandler;

    private XConnection(Pointer display) {
        this.display = display;
    }

    /** The connection, or null where there is none to have (no X display, no MIT-SHM, no SHAPE). */
    static XConnection get() {
        XConnection c = instance;
        if (c != null || failed) {
            return c;
        }
        synchronized (XConnection.class) {
            if (instance == null && !failed) {
                try {
                    instance = open();
                } catch (Throwable e) {
                    LOG.log(Level.INFO, "consoles are drawn by JavaFX: " + e);
                }
                failed = instance == null;
            }
            return instance;
        }
    }

    private static XConnection open() {
        String name = System.getenv("DISPLAY");
        if (name == null || name.isEmpty()) {
            return null;
        }
        Pointer d = Xlib.X11.LIB.XOpenDisplay(name);
        if (d == null) {
            return null;
        }
        if (Xlib.Xext.LIB.XShmQueryExtension(d) == 0
            || Xlib.Xext.LIB.XShapeQueryExtension(d, new int[1], new int[1]) == 0) {
            return null;
        }
        XConnection c = new XConnection(d);
        c.scales = serverScales(d);
        installErrorHandler(c);
        LOG.info("consoles are drawn straight to X display " + name);
        Thread t = new Thread(c::events, "x11-console-events");
        t.setDaemon(true);
        t.start();
        return c;
    }

    /**
     * Xlib's error handler is one per process and its default exits the process; GDK has its own.
     * Errors on our connection (a window gone with its JavaFX stage, say) are noted and dropped;
     * every other goes to the handler that was there before.
     */
    private static void installErrorHandler(XConnection c) {
        handler = (display, ev) -> {
            if (display != null && display.equals(c.display)) {
                c.lastError = ev.getByte(32) & 0xFF;
                return 0;
            }
            Pointer prev = previousHandler;
            return prev == null ? 0 : Function.getFunction(prev).invokeInt(new Object[] {display, ev});
        };
        previousHandler = Xlib.X11.LIB.XSetErrorHandler(handler);
    }

    private static boolean serverScales(Pointer d) {
        try {
            int[] major = new int[1];
            int[] minor = new int[1];
            int[] pixmaps = new int[1];
            return Xlib.Xrender.LIB.XRenderQueryExtension(d, new int[1], new int[1]) != 0
                && Xlib.Xext.LIB.XShmQueryVersion(d, major, minor, pixmaps) != 0 && pixmaps[0] != 0;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }

    /**
     * True when the X server scales the screen (XRender over a shared-memory pixmap);
     * -Dvireo.console.xrender=false has the console's thread scale instead.
     */
    boolean scales() {
        return scales && Boolean.parseBoolean(System.getProperty("vireo.console.xrender", "true"));
    }

    Pointer display() {
        return display;
    }

    Object lock() {
        return lock;
    }

    /** The error code of a failed request since the last call (under the lock), 0 if none. */
    int takeError() {
        int e = lastError;
        lastError = 0;
        return e;
    }

    void register(long window, DirectScreen screen) {
        screens.put(window, screen);
    }

    void unregister(long window) {
        screens.remove(window);
    }

    /** Handles events already read into Xlib's queue (under the lock; after a round trip). */
    void drainQueued() {
        while (Xlib.X11.LIB.XPending(display) > 0) {
            Xlib.X11.LIB.XNextEvent(display, event);
            if (event.getInt(0) == Xlib.EXPOSE) {
                DirectScreen s = screens.get(event.getLong(32));
                if (s != null && event.getInt(56) == 0) {
                    s.exposed();
                }
            }
        }
    }

    private void events() {
        int fd = Xlib.X11.LIB.XConnectionNumber(display);
        Memory pollfd = new Memory(8);
        while (true) {
            pollfd.setInt(0, fd);
            pollfd.setShort(4, (short) 1); // POLLIN
            pollfd.setShort(6, (short) 0);
            // a second's timeout: events another thread's round trip read into the queue are not lost
            Xlib.LibC.LIB.poll(pollfd, new NativeLong(1), 1000);
            synchronized (lock) {
                drainQueued();
            }
        }
    }
}
