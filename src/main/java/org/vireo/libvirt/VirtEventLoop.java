package org.vireo.libvirt;

import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libvirt's default event loop. It must be registered before the first connection opens
 * (or no event and no keepalive ever arrives).
 *
 * <p>libvirt's default loop is GLib's global default main context, the same one GTK
 * iterates. In a process with a GTK window (JavaFX on Linux) a second thread iterating
 * that context would run GTK's work, JavaFX's runLater among it, on the wrong thread
 * (seen here: "permitted on the event thread only; currentThread = libvirt-event-loop").
 * So a GUI process hands the iterating to GTK, as virt-manager does with libvirt-glib:
 * libvirt's callbacks then run on the GTK thread, and ours only hand work to the host
 * workers. Processes without a GUI (tests of the services, the benchmark) get a thread.
 */
public final class VirtEventLoop {
    private static final Logger LOG = LoggerFactory.getLogger(VirtEventLoop.class);
    private static boolean registered;
    private static boolean applicationLoop;
    private static Thread thread;
    // held here so the callback is never collected while libvirt points at it
    private static final NativeVirt.ErrorFunc QUIET = (userData, error) -> { };

    private VirtEventLoop() {
    }

    /**
     * Says that the application's GLib main loop (GTK's) dispatches libvirt's events. Call it
     * before the first connection opens.
     */
    public static synchronized void useApplicationLoop() {
        applicationLoop = true;
        if (thread != null) {
            LOG.warn("libvirt's event thread already runs beside the application's main loop");
        }
    }

    public static synchronized void ensureStarted() throws VirtException {
        if (registered) {
            return;
        }
        // errors reach the caller as VirtException and the log; libvirt's own stderr print is noise
        NativeVirt.LIB.virSetErrorFunc(null, QUIET);
        if (applicationLoop && ownThreadInGui()) {
            registered = true;
            new PollEventLoop().registerAndStart();
            LOG.info("libvirt's events run on their own thread (vireo.events=thread)");
            return;
        }
        try {
            Library.initEventLoop();
        } catch (LibvirtException e) {
            throw VirtException.from(e);
        }
        registered = true;
        if (!applicationLoop) {
            thread = new Thread(VirtEventLoop::run, "libvirt-event-loop");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** -Dvireo.events=gtk|thread: who dispatches libvirt's events in the GUI process. */
    private static boolean ownThreadInGui() {
        return "thread".equals(System.getProperty("vireo.events", "gtk"));
    }

    private static void run() {
        while (true) {
            try {
                Library.processEvent();
            } catch (LibvirtException e) {
                LOG.warn("libvirt event loop iteration failed: {}", e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("libvirt event callback threw", e);
            }
        }
    }
}
