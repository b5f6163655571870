package org.vireo.libvirt;

import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libvirt's event loop. It must be registered before the first connection opens (or no
 * event and no keepalive ever arrives).
 *
 * <p>libvirt's default loop is GLib's global default main context, the same one GTK
 * iterates. In a process with a GTK window (JavaFX on Linux) a second thread iterating
 * that context would run GTK's work, JavaFX's runLater among it, on the wrong thread
 * (seen here: "permitted on the event thread only; currentThread = libvirt-event-loop").
 * So a GUI process registers our own implementation instead ({@link PollEventLoop}, a
 * poll(2) loop on a thread of its own): libvirt's socket reads, event decoding and our
 * callbacks stay off the FX thread. Measured in an event storm (src/scripts/bench --storm,
 * 200 state changes/s at N=5000, see the README) it beat GTK's loop on FX lateness and
 * event-to-screen latency in every paired run. -Dvireo.events=gtk gives GTK's loop the
 * dispatching again, as virt-manager does with libvirt-glib. Processes without a GUI
 * (tests of the services, the benchmarks) run libvirt's default loop on a thread.
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
     * Says that this process has a GTK window: libvirt's events then run on our own poll loop
     * (or, with -Dvireo.events=gtk, on GTK's main loop). Call it before the first connection opens.
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
            LOG.info("libvirt's events run on their own poll loop");
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

    /** -Dvireo.events=thread|gtk: who dispatches libvirt's events in the GUI process (default: our thread). */
    private static boolean ownThreadInGui() {
        return !"gtk".equals(System.getProperty("vireo.events", "thread"));
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
