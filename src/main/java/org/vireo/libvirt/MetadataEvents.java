package org.vireo.libvirt;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/**
 * libvirt's VIR_DOMAIN_EVENT_ID_METADATA_CHANGE through our own JNA call: the org.libvirt
 * binding (0.5.x) registers lifecycle and a few other events but not this one. One
 * registration per connection; the callback object is kept here, since libvirt holds only its
 * native address and a collected callback would crash the event loop.
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

    private final Pointer conn;
    private final ChangeCallback callback;
    private final int id;

    private MetadataEvents(Pointer conn, ChangeCallback callback, int id) {
        this.conn = conn;
        this.callback = callback;
        this.id = id;
    }

    /** Registers {@code handler} for every domain of the connection. */
    static MetadataEvents register(Pointer conn, MetadataHandler handler) throws VirtException {
        ChangeCallback cb = (c, dom, type, nsuri, opaque) -> {
            // dom is libvirt's for the call's duration only: read its UUID now
            byte[] buf = new byte[37];
            String uuid = NativeVirt.LIB.virDomainGetUUIDString(dom, buf) < 0 ? ""
                : new String(buf, 0, 36, StandardCharsets.US_ASCII);
            try {
                handler.onMetadataChange(uuid, type, nsuri);
            } catch (RuntimeException e) {
                // never into libvirt's loop: a handler's bug must not stop the host's other events
                org.slf4j.LoggerFactory.getLogger(MetadataEvents.class).warn("metadata event handler failed", e);
            }
        };
        int id = Lib.LIB.virConnectDomainEventRegisterAny(conn, null, EVENT_ID, cb, null, null);
        if (id < 0) {
            throw VirtException.lastError("virConnectDomainEventRegisterAny(METADATA_CHANGE)");
        }
        return new MetadataEvents(conn, cb, id);
    }

    /** Deregisters; the callback stays reachable until then. */
    void close() {
        Lib.LIB.virConnectDomainEventDeregisterAny(conn, id);
        java.lang.ref.Reference.reachabilityFence(callback);
    }
}
