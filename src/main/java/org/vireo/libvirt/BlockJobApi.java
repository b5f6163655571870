package org.vireo.libvirt;

import com.sun.jna.Memory;
import org.libvirt.Domain;
import org.vireo.model.BlockJob;
import org.vireo.model.DomainFlags;
import org.vireo.model.DomainFlags.BlockCommit;
import org.vireo.model.DomainFlags.BlockJobAbort;
import org.vireo.model.DomainFlags.BlockRebase;
import org.vireo.model.DomainXml;

/**
 * A running domain's block jobs on one disk: pull, rebase, copy, commit, their progress, speed,
 * and abort or pivot. Runs on a host worker.
 */
public final class BlockJobApi {
    private static final String[] JOB_TYPES = {"unknown", "pull", "copy", "commit", "active commit", "backup"};
    /** virDomainBlockJobInfo { int type; unsigned long bandwidth; ull cur; ull end; }. */
    private static final int JOB_INFO_SIZE = 32;

    private final DomainCalls calls;

    public BlockJobApi(VirtConnection connection) {
        this.calls = new DomainCalls(connection);
    }

    /** bandwidth in MiB/s; 0 = unlimited. */
    public void blockPull(String uuid, String disk, long bandwidth) throws VirtException {
        calls.call(uuid, "virDomainBlockPull", p -> NativeVirt.LIB.virDomainBlockPull(p, disk, bandwidth, 0));
    }

    /** virDomainBlockRebase; with {@code copy} to {@code dest} (a new qcow2 copy, shallow when base is given). */
    public void blockRebase(String uuid, String disk, String base, long bandwidth, boolean copy) throws VirtException {
        int flags = copy ? BlockRebase.COPY.bit() : 0;
        calls.call(uuid, "virDomainBlockRebase", p -> NativeVirt.LIB.virDomainBlockRebase(p, disk, base, bandwidth, flags));
    }

    /**
     * virDomainBlockCopy of {@code disk} into a new qcow2 file {@code dest} (the whole chain, flattened).
     * A persistent domain needs VIR_DOMAIN_BLOCK_COPY_TRANSIENT_JOB: libvirt cannot keep a copy job
     * across a restart of the guest; a transient domain must not have it. The job then mirrors until
     * pivoted or aborted. {@code bandwidth} in MiB/s (0: unlimited) is set once the job exists.
     */
    public void blockCopy(String uuid, String disk, String dest, long bandwidth) throws VirtException {
        calls.on(uuid, dom -> {
            var p = BindingPointers.of(dom);
            int flags = dom.isPersistent() == 1 ? DomainFlags.BlockCopy.TRANSIENT_JOB.bit() : 0;
            String xml = "<disk type='file'><source file='" + DomainXml.escape(dest) + "'/><driver type='qcow2'/></disk>";
            DomainCalls.check(NativeVirt.LIB.virDomainBlockCopy(p, disk, xml, null, 0, flags), "virDomainBlockCopy");
            if (bandwidth > 0) {
                DomainCalls.check(NativeVirt.LIB.virDomainBlockJobSetSpeed(p, disk, bandwidth, 0), "virDomainBlockJobSetSpeed");
            }
            return null;
        });
    }

    /** virDomainBlockCommit of the active layer (top null) into its backing file. */
    public void blockCommit(String uuid, String disk, long bandwidth) throws VirtException {
        calls.call(uuid, "virDomainBlockCommit",
            p -> NativeVirt.LIB.virDomainBlockCommit(p, disk, null, null, bandwidth, BlockCommit.ACTIVE.bit()));
    }

    /** The job on a disk, or null when none runs. */
    public BlockJob blockJob(String uuid, String disk) throws VirtException {
        try (Memory info = new Memory(JOB_INFO_SIZE)) {
            int rc = calls.call(uuid, "virDomainGetBlockJobInfo", p -> NativeVirt.LIB.virDomainGetBlockJobInfo(p, disk, info, 0));
            if (rc == 0) {
                return null;
            }
            int type = info.getInt(0);
            return new BlockJob(disk, type >= 0 && type < JOB_TYPES.length ? JOB_TYPES[type] : "type " + type,
                info.getLong(8), info.getLong(16), info.getLong(24));
        }
    }

    public void blockJobSpeed(String uuid, String disk, long bandwidth) throws VirtException {
        calls.call(uuid, "virDomainBlockJobSetSpeed", p -> NativeVirt.LIB.virDomainBlockJobSetSpeed(p, disk, bandwidth, 0));
    }

    /** Aborts the job; with {@code pivot} a ready copy/active commit switches the disk to the new image. */
    public void blockJobAbort(String uuid, String disk, boolean pivot) throws VirtException {
        int flags = pivot ? BlockJobAbort.PIVOT.bit() : 0;
        calls.call(uuid, "virDomainBlockJobAbort", p -> NativeVirt.LIB.virDomainBlockJobAbort(p, disk, flags));
    }

    /** Whether a block job runs on {@code disk}; a driver without block jobs (the test driver) has none running. */
    static boolean running(Domain dom, String disk) {
        try (Memory info = new Memory(JOB_INFO_SIZE)) {
            int rc = NativeVirt.LIB.virDomainGetBlockJobInfo(BindingPointers.of(dom), disk, info, 0);
            if (rc < 0) {
                NativeVirt.LIB.virResetLastError();
            }
            return rc > 0;
        }
    }
}
