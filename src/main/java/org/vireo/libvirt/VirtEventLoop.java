package org.vireo.libvirt;

import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libvirt's default event loop. It must be registered before the first connection opens
 * (or no event and no keepalive ever arrives), and it runs on its own daemon thread.
 */
public final class VirtEventLoop {
    private static final Logger LOG = LoggerFactory.getLogger(VirtEventLoop.class);
    private static boolean started;
    // held here so the callback is never collected while libvirt points at it
    private static final NativeVirt.ErrorFunc QUIET = (userData, error) -> { };

    private VirtEventLoop() {
    }

    public static synchronized void ensureStarted() throws VirtException {
        if (started) {
            return;
        }
        // errors reach the caller as VirtException and the log; libvirt's own stderr print is noise
        NativeVirt.LIB.virSetErrorFunc(null, QUIET);
        try {
            Library.initEventLoop();
        } catch (LibvirtException e) {
            throw VirtException.from(e);
        }
        Thread loop = new Thread(VirtEventLoop::run, "libvirt-event-loop");
        loop.setDaemon(true);
        loop.start();
        started = true;
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
