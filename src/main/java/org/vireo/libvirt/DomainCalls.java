package org.vireo.libvirt;

import com.sun.jna.Pointer;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * The one way the gateway reaches a domain: look it up by UUID, run the call, turn a failure
 * into a {@link VirtException} with libvirt's words, free the handle. Every domain class of
 * this package goes through it, so none repeats the lookup, the check or the free.
 */
final class DomainCalls {
    private final VirtConnection connection;

    DomainCalls(VirtConnection connection) {
        this.connection = connection;
    }

    VirtConnection connection() {
        return connection;
    }

    Connect binding() {
        return connection.binding();
    }

    /** {@code body} on the binding's handle of the domain, freed afterwards. */
    <T> T on(String uuid, OnDomain<T> body) throws VirtException {
        // a reference of our own: the worker may close the connection while a job's call runs
        Pointer ref = connection.acquire();
        try {
            Domain dom;
            try {
                dom = binding().domainLookupByUUIDString(uuid);
            } catch (LibvirtException e) {
                throw VirtException.from(e);
            }
            try {
                return body.apply(dom);
            } catch (LibvirtException e) {
                throw VirtException.from(e);
            } finally {
                try {
                    dom.free();
                } catch (LibvirtException ignored) {
                    // freeing a handle cannot fail in a way the user could act on
                }
            }
        } finally {
            VirtConnection.release(ref);
        }
    }

    /** One native call that returns libvirt's int: looked up, called, checked (below 0 is libvirt's error), freed. */
    int call(String uuid, String name, NativeCall call) throws VirtException {
        return on(uuid, dom -> check(call.apply(BindingPointers.of(dom)), name));
    }

    /**
     * {@code body} on a domain looked up with libvirt's own C call, the binding left out: for the
     * job calls (figures, abort, migration) that run beside another thread's long call on the same
     * connection.
     */
    <T> T onNative(String uuid, OnPointer<T> body) throws VirtException {
        Pointer conn = connection.acquire();
        try {
            Pointer dom = NativeVirt.LIB.virDomainLookupByUUIDString(conn, uuid);
            if (dom == null) {
                throw VirtException.lastError("virDomainLookupByUUIDString");
            }
            try {
                return body.apply(dom);
            } finally {
                NativeVirt.LIB.virDomainFree(dom);
            }
        } finally {
            VirtConnection.release(conn);
        }
    }

    /** One native call as {@link #call}, on a domain looked up as {@link #onNative} does. */
    int callNative(String uuid, String name, NativeCall call) throws VirtException {
        return onNative(uuid, dom -> check(call.apply(dom), name));
    }

    /** {@code body} on the domain's snapshot {@code name}, both freed afterwards. */
    <T> T onSnapshot(String uuid, String name, OnPointer<T> body) throws VirtException {
        return on(uuid, dom -> {
            Pointer snap = NativeVirt.LIB.virDomainSnapshotLookupByName(BindingPointers.of(dom), name, 0);
            if (snap == null) {
                throw VirtException.lastError("virDomainSnapshotLookupByName");
            }
            try {
                return body.apply(snap);
            } finally {
                NativeVirt.LIB.virDomainSnapshotFree(snap);
            }
        });
    }

    /** libvirt's convention: a result below 0 is a failure whose words are in the thread's last error. */
    static int check(int rc, String call) throws VirtException {
        if (rc < 0) {
            throw VirtException.lastError(call);
        }
        return rc;
    }

    @FunctionalInterface
    interface OnDomain<T> {
        T apply(Domain dom) throws LibvirtException, VirtException;
    }

    @FunctionalInterface
    interface OnPointer<T> {
        T apply(Pointer handle) throws VirtException;
    }

    @FunctionalInterface
    interface NativeCall {
        int apply(Pointer dom);
    }
}
