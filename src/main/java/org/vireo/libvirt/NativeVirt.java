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

    String virDomainGetName(Pointer dom);

    int virDomainGetUUIDString(Pointer dom, byte[] buf);

    int virDomainGetID(Pointer dom);

    int virDomainGetState(Pointer dom, IntByReference state, IntByReference reason, int flags);

    int virDomainSetMemoryStatsPeriod(Pointer dom, int period, int flags);

    int virNodeGetCPUStats(Pointer conn, int cpuNum, Pointer params, IntByReference nparams, int flags);

    int virNodeGetMemoryStats(Pointer conn, int cellNum, Pointer params, IntByReference nparams, int flags);

    int virDomainOpenConsole(Pointer dom, String devName, Pointer stream, int flags);

    int virDomainOpenGraphicsFD(Pointer dom, int idx, int flags);

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
