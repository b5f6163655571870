package org.vireo.libvirt;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.Map;
import org.vireo.model.DomainFlags;
import org.vireo.model.JobStats;

/**
 * A domain's background job (migration, save, dump ...): its figures, abort, and the
 * migration knobs that apply while it runs. Safe to call from a thread other than the one
 * blocked in the job's own call: libvirt lets them run side by side on one connection.
 */
public final class JobApi {
    private final DomainCalls calls;

    public JobApi(VirtConnection connection) {
        this.calls = new DomainCalls(connection);
    }

    /** virDomainGetJobStats of the running job (or, with {@code completed}, of the last finished one). */
    public JobStats stats(String uuid, boolean completed) throws VirtException {
        return calls.onNative(uuid, dom -> {
            IntByReference type = new IntByReference();
            PointerByReference params = new PointerByReference();
            IntByReference n = new IntByReference();
            int flags = completed ? DomainFlags.JobStats.COMPLETED.bit() : 0;
            DomainCalls.check(NativeVirt.LIB.virDomainGetJobStats(dom, type, params, n, flags), "virDomainGetJobStats");
            Pointer p = params.getValue();
            try {
                Map<String, Object> values = p == null ? Map.of() : TypedParams.decode(p, n.getValue());
                return new JobStats(type.getValue(), values);
            } finally {
                if (p != null) {
                    NativeVirt.LIB.virTypedParamsFree(p, n.getValue());
                }
            }
        });
    }

    /** virDomainAbortJob: cancels the running migration, save or dump. */
    public void abort(String uuid) throws VirtException {
        calls.callNative(uuid, "virDomainAbortJob", NativeVirt.LIB::virDomainAbortJob);
    }

    public void setMaxDowntime(String uuid, long ms) throws VirtException {
        calls.callNative(uuid, "virDomainMigrateSetMaxDowntime", dom -> NativeVirt.LIB.virDomainMigrateSetMaxDowntime(dom, ms, 0));
    }

    public long maxDowntime(String uuid) throws VirtException {
        LongByReference ms = new LongByReference();
        calls.callNative(uuid, "virDomainMigrateGetMaxDowntime", dom -> NativeVirt.LIB.virDomainMigrateGetMaxDowntime(dom, ms, 0));
        return ms.getValue();
    }

    /** Migration speed cap in MiB/s (0: none). */
    public void setMaxSpeed(String uuid, long mibs) throws VirtException {
        calls.callNative(uuid, "virDomainMigrateSetMaxSpeed", dom -> NativeVirt.LIB.virDomainMigrateSetMaxSpeed(dom, mibs, 0));
    }

    public long maxSpeed(String uuid) throws VirtException {
        LongByReference mibs = new LongByReference();
        calls.callNative(uuid, "virDomainMigrateGetMaxSpeed", dom -> NativeVirt.LIB.virDomainMigrateGetMaxSpeed(dom, mibs, 0));
        return mibs.getValue();
    }

    /** Switches a migration started with POSTCOPY to post-copy: the guest runs on the destination from now on. */
    public void startPostCopy(String uuid) throws VirtException {
        calls.callNative(uuid, "virDomainMigrateStartPostCopy", dom -> NativeVirt.LIB.virDomainMigrateStartPostCopy(dom, 0));
    }
}
