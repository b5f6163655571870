package org.vireo.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The libvirt C calls that the org.libvirt binding lacks, mapped with JNA onto the same
 * libvirt.so.0. They take the binding's own pointers (see {@link BindingPointers}).
 */
interface NativeVirt extends Library {
    NativeVirt LIB = Native.load("virt", NativeVirt.class);

    int virConnectGetAllDomainStats(Pointer conn, int stats, PointerByReference retStats, int flags);

    void virDomainStatsRecordListFree(Pointer stats);

    int virConnectListAllDomains(Pointer conn, PointerByReference domains, int flags);

    int virDomainFree(Pointer dom);

    /** One more reference to the connection: its memory stays until as many virConnectClose calls. */
    int virConnectRef(Pointer conn);

    int virConnectClose(Pointer conn);

    String virDomainGetName(Pointer dom);

    int virDomainGetUUIDString(Pointer dom, byte[] buf);

    int virDomainGetID(Pointer dom);

    int virDomainGetState(Pointer dom, IntByReference state, IntByReference reason, int flags);

    int virDomainSetMemoryStatsPeriod(Pointer dom, int period, int flags);

    int virNodeGetCPUStats(Pointer conn, int cpuNum, Pointer params, IntByReference nparams, int flags);

    int virNodeGetMemoryStats(Pointer conn, int cellNum, Pointer params, IntByReference nparams, int flags);

    int virDomainOpenConsole(Pointer dom, String devName, Pointer stream, int flags);

    int virDomainOpenGraphicsFD(Pointer dom, int idx, int flags);

    // domain pages (OverviewApi, HardwareApi, LifecycleApi ...): calls the binding lacks or maps without flags
    Pointer virDomainGetHostname(Pointer dom, int flags);

    // guest agent calls (issue 11)
    int virDomainFSFreeze(Pointer dom, Pointer mountpoints, int nmountpoints, int flags);

    int virDomainFSThaw(Pointer dom, Pointer mountpoints, int nmountpoints, int flags);

    int virDomainGetFSInfo(Pointer dom, PointerByReference info, int flags);

    void virDomainFSInfoFree(Pointer info);

    int virDomainGetTime(Pointer dom, com.sun.jna.ptr.LongByReference seconds, IntByReference nseconds, int flags);

    int virDomainSetTime(Pointer dom, long seconds, int nseconds, int flags);

    int virDomainSetUserPassword(Pointer dom, String user, String password, int flags);

    int virDomainGetControlInfo(Pointer dom, Pointer info, int flags);

    int virDomainGetDiskErrors(Pointer dom, Pointer errors, int maxerrors, int flags);

    int virDomainGetSecurityLabelList(Pointer dom, PointerByReference labels);

    int virDomainGetVcpusFlags(Pointer dom, int flags);

    int virDomainSetVcpusFlags(Pointer dom, int nvcpus, int flags);

    int virDomainSetMemoryFlags(Pointer dom, long memory, int flags);

    int virDomainGetMaxVcpus(Pointer dom);

    int virDomainShutdownFlags(Pointer dom, int flags);

    int virDomainReboot(Pointer dom, int flags);

    int virDomainDestroyFlags(Pointer dom, int flags);

    int virDomainSaveFlags(Pointer dom, String to, String dxml, int flags);

    int virDomainRestoreFlags(Pointer conn, String from, String dxml, int flags);

    int virDomainManagedSave(Pointer dom, int flags);

    int virDomainManagedSaveRemove(Pointer dom, int flags);

    int virDomainHasManagedSaveImage(Pointer dom, int flags);

    int virDomainInjectNMI(Pointer dom, int flags);

    int virDomainPMSuspendForDuration(Pointer dom, int target, long duration, int flags);

    int virDomainPMWakeup(Pointer dom, int flags);

    int virDomainIsUpdated(Pointer dom);

    int virDomainGetMemoryParameters(Pointer dom, Pointer params, IntByReference nparams, int flags);

    int virDomainSetMemoryParameters(Pointer dom, Pointer params, int nparams, int flags);

    int virDomainGetBlkioParameters(Pointer dom, Pointer params, IntByReference nparams, int flags);

    int virDomainSetBlkioParameters(Pointer dom, Pointer params, int nparams, int flags);

    int virDomainGetNumaParameters(Pointer dom, Pointer params, IntByReference nparams, int flags);

    int virDomainSetNumaParameters(Pointer dom, Pointer params, int nparams, int flags);

    int virDomainGetBlockIoTune(Pointer dom, String disk, Pointer params, IntByReference nparams, int flags);

    int virDomainSetBlockIoTune(Pointer dom, String disk, Pointer params, int nparams, int flags);

    int virDomainGetInterfaceParameters(Pointer dom, String device, Pointer params, IntByReference nparams, int flags);

    int virDomainSetInterfaceParameters(Pointer dom, String device, Pointer params, int nparams, int flags);

    int virDomainGetSchedulerParametersFlags(Pointer dom, Pointer params, IntByReference nparams, int flags);

    /** The scheduler's name (malloc'ed: free with Native.free) and, in nparams, how many parameters it has. */
    Pointer virDomainGetSchedulerType(Pointer dom, IntByReference nparams);

    int virDomainSetSchedulerParametersFlags(Pointer dom, Pointer params, int nparams, int flags);

    int virDomainGetEmulatorPinInfo(Pointer dom, byte[] cpumap, int maplen, int flags);

    int virDomainPinEmulator(Pointer dom, byte[] cpumap, int maplen, int flags);

    int virDomainBlockPull(Pointer dom, String disk, long bandwidth, int flags);

    int virDomainBlockRebase(Pointer dom, String disk, String base, long bandwidth, int flags);

    int virDomainBlockJobSetSpeed(Pointer dom, String disk, long bandwidth, int flags);

    int virDomainBlockCopy(Pointer dom, String disk, String destxml, Pointer params, int nparams, int flags);

    int virDomainBlockCommit(Pointer dom, String disk, String base, String top, long bandwidth, int flags);

    int virDomainGetBlockJobInfo(Pointer dom, String disk, Pointer info, int flags);

    int virDomainBlockJobAbort(Pointer dom, String disk, int flags);

    int virDomainListAllSnapshots(Pointer dom, PointerByReference snaps, int flags);

    String virDomainSnapshotGetName(Pointer snap);

    Pointer virDomainSnapshotGetXMLDesc(Pointer snap, int flags);

    int virDomainSnapshotIsCurrent(Pointer snap, int flags);

    int virDomainSnapshotFree(Pointer snap);

    Pointer virDomainSnapshotLookupByName(Pointer dom, String name, int flags);

    int virDomainRevertToSnapshot(Pointer snap, int flags);

    int virDomainSnapshotDelete(Pointer snap, int flags);

    int virDomainCoreDumpWithFormat(Pointer dom, String to, int format, int flags);

    int virDomainMigrateGetMaxSpeed(Pointer dom, com.sun.jna.ptr.LongByReference bandwidth, int flags);

    // jobs and migration (JobApi, MigrationApi)
    int virDomainGetJobStats(Pointer dom, IntByReference type, PointerByReference params, IntByReference nparams, int flags);
    void virTypedParamsFree(Pointer params, int nparams);
    int virDomainAbortJob(Pointer dom);
    Pointer virDomainMigrate3(Pointer dom, Pointer dconn, Pointer params, int nparams, int flags);
    int virDomainMigrateToURI3(Pointer dom, String dconnuri, Pointer params, int nparams, int flags);
    int virDomainMigrateSetMaxDowntime(Pointer dom, long downtimeMs, int flags);
    int virDomainMigrateGetMaxDowntime(Pointer dom, com.sun.jna.ptr.LongByReference downtimeMs, int flags);
    int virDomainMigrateSetMaxSpeed(Pointer dom, long bandwidthMiBs, int flags);
    int virDomainMigrateStartPostCopy(Pointer dom, int flags);
    Pointer virDomainLookupByUUIDString(Pointer conn, String uuid);

    void virTypedParamsClear(Pointer params, int nparams);

    int virDomainMemoryPeek(Pointer dom, long start, long size, byte[] buffer, int flags);

    int virDomainBlockPeek(Pointer dom, String disk, long offset, long size, byte[] buffer, int flags);

    Pointer virDomainDefineXMLFlags(Pointer conn, String xml, int flags);

    // create-VM wizard (VmCreateApi): the binding has no domain capabilities
    Pointer virConnectGetDomainCapabilities(Pointer conn, String emulatorbin, String arch, String machine, String virttype, int flags);

    // networks and addresses (NetworkApi): calls the binding lacks
    int virNetworkGetDHCPLeases(Pointer net, String mac, PointerByReference leases, int flags);

    void virNetworkDHCPLeaseFree(Pointer lease);

    int virDomainInterfaceAddresses(Pointer dom, PointerByReference ifaces, int source, int flags);

    void virDomainInterfaceFree(Pointer iface);

    int virGetLastErrorCode();

    int virGetLastErrorDomain();

    String virGetLastErrorMessage();

    void virResetLastError();

    /** virErrorFunc: libvirt calls it for every error instead of printing to stderr. */
    interface ErrorFunc extends com.sun.jna.Callback {
        void invoke(Pointer userData, Pointer error);
    }

    void virSetErrorFunc(Pointer userData, ErrorFunc handler);
}
