package org.vireo.libvirt;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * libvirt's VIR_DOMAIN_EVENT_ID_METADATA_CHANGE through our own JNA call: the org.libvirt
 * binding (0.5.x) registers lifecycle and a few other events but not this one. One
 * registration per connection, all through one callback that lives as long as the class:
 * libvirt may be in the middle of calling it on its event thread while another thread
 * deregisters (it calls callbacks outside its lock), and a per-connection callback collected
 * then would leave libvirt calling freed code. Each registration's opaque pointer is a number
 * that finds its handler; a deregistered one finds none and is ignored.
 */
final class MetadataEvents {
    /** VIR_DOMAIN_EVENT_ID_METADATA_CHANGE in libvirt-domain.h (since libvirt 3.0). */
    static final int EVENT_ID = 23;

    /** The two calls, in a small interface of their own (NativeVirt stays as it is). */
    interface Lib extends Library {
        Lib LIB = Native.load("virt", Lib.class);

        int virConnectDomainEventRegisterAny(Pointer conn, Pointer dom, int eventID, Callback cb, Pointer opaque, Pointer freecb);

        int virConnectDomainEventDeregisterAny(Pointer conn, int callbackID);
    }

    /** virConnectDomainEventMetadataChangeCallback. */
    interface ChangeCallback extends Callback {
        void invoke(Pointer conn, Pointer dom, int type, String nsuri, Pointer opaque);
    }

    private static final Map<Long, MetadataHandler> HANDLERS = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT = new AtomicLong(1);
    private static final ChangeCallback CALLBACK = (c, dom, type, nsuri, opaque) -> {
        MetadataHandler handler = HANDLERS.get(Pointer.nativeValue(opaque));
        if (handler == null) {
            return;
        }
        // dom is libvirt's for the call's duration only: read its UUID now
        byte[] buf = new byte[37];
        String uuid = NativeVirt.LIB.virDomainGetUUIDString(dom, buf) < 0 ? ""
            : new String(buf, 0, 36, StandardCharsets.US_ASCII);
        try {
            handler.onMetadataChange(uuid, type, nsuri);
        } catch (RuntimeException e) {
            // never into libvirt's loop: a handler's bug must not stop the host's other events
            LoggerFactory.getLogger(MetadataEvents.class).warn("metadata event handler failed", e);
        }
    };

    private final Pointer conn;
    private final long key;
    private final int id;
    private boolean closed;

    private MetadataEvents(Pointer conn, long key, int id) {
        this.conn = conn;
        this.key = key;
        this.id = id;
    }

    /** Registers {@code handler} for every domain of the connection. */
    static MetadataEvents register(Pointer conn, MetadataHandler handler) throws VirtException {
        long key = NEXT.getAndIncrement();
        HANDLERS.put(key, handler);
        int id = Lib.LIB.virConnectDomainEventRegisterAny(conn, null, EVENT_ID, CALLBACK, new Pointer(key), null);
        if (id < 0) {
            HANDLERS.remove(key);
            throw VirtException.lastError("virConnectDomainEventRegisterAny(METADATA_CHANGE)");
        }
        return new MetadataEvents(conn, key, id);
    }

    /** Deregisters, once (the connection must still be open: its pointer is used). */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        HANDLERS.remove(key);
        Lib.LIB.virConnectDomainEventDeregisterAny(conn, id);
    }
}
