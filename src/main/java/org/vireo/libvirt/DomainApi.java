package org.vireo.libvirt;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainBlockInfo;
import org.libvirt.DomainSnapshot;
import org.libvirt.KeycodeSet;
import org.libvirt.LibvirtException;
import org.libvirt.SchedParameter;
import org.libvirt.Stream;
import org.libvirt.TypedParameter;
import org.libvirt.VcpuInfo;
import org.vireo.model.BlockDetails;
import org.vireo.model.BlockJob;
import org.vireo.model.CpuUsageRow;
import org.vireo.model.DomainDevice;
import org.vireo.model.DomainFlags;
import org.vireo.model.DomainFlags.Affect;
import org.vireo.model.DomainOverview;
import org.vireo.model.DomainStatus;
import org.vireo.model.DomainXml;
import org.vireo.model.Fact;
import org.vireo.model.HardwareInfo;
import org.vireo.model.SnapshotInfo;
import org.vireo.model.SnapshotPlan;
import org.vireo.model.SnapshotSource;
import org.vireo.model.TuningGroup;
import org.vireo.model.TuningParam;
import org.vireo.model.VcpuPin;

/**
 * The domain calls of Sys::Virt::Domain for the domain pages: the binding's {@link Domain}
 * where it has the call, the project's own JNA where it lacks it or its flags. Every method
 * looks the domain up by UUID, does its work and frees the handle; runs on a host worker.
 */
public final class DomainApi {
    /** VIR_DOMAIN_XML_SECURE, _INACTIVE, _UPDATE_CPU, _MIGRATABLE. */
    public static final int XML_SECURE = 1;
    public static final int XML_INACTIVE = 2;
    private static final int METADATA_DESCRIPTION = 0;
    private static final int METADATA_TITLE = 1;
    private static final int METADATA_ELEMENT = 2;
    private static final String[] CONTROL = {"ok", "job", "occupied", "error"};
    private static final String[] CONTROL_ERROR = {"", "unknown", "monitor", "internal"};
    private static final String[] DISK_ERRORS = {"none", "unspecified", "no space"};
    private static final String[] JOB_TYPES = {"unknown", "pull", "copy", "commit", "active commit", "backup"};

    private final VirtConnection connection;
    private final Connect conn;

    public DomainApi(VirtConnection connection) {
        this.connection = connection;
        this.conn = connection.binding();
    }

    // ---------------------------------------------------------------- overview

    public DomainOverview overview(String uuid) throws VirtException {
        return with(uuid, dom -> {
            Pointer p = BindingPointers.of(dom);
            IntByReference st = new IntByReference();
            IntByReference reason = new IntByReference();
            check(NativeVirt.LIB.virDomainGetState(p, st, reason, 0), "virDomainGetState");
            DomainStatus status = DomainStatus.of(st.getValue(), reason.getValue());
            boolean active = dom.isActive() == 1;
            boolean persistent = dom.isPersistent() == 1;
            String hostname;
            boolean known;
            try {
                hostname = hostname(p);
                known = true;
            } catch (VirtException e) {
                hostname = e.getMessage();
                known = false;
            }
            int updatedCode = NativeVirt.LIB.virDomainIsUpdated(p);
            Fact<Boolean> updated = updatedCode < 0 ? Fact.failed(VirtException.lastError("virDomainIsUpdated").getMessage())
                : Fact.of(updatedCode == 1);
            Fact<Integer> snapshots = snapshotCount(dom);
            String current = "";
            if (snapshots.ok() && snapshots.value() > 0 && dom.hasCurrentSnapshot() == 1) {
                DomainSnapshot snap = dom.snapshotCurrent();
                current = DomainXml.text(snap.getXMLDesc(), "name");
                snap.free();
            }
            return new DomainOverview(dom.getUUIDString(), dom.getName(), active ? dom.getID() : -1, dom.getOSType(),
                hostname, known, status, info(dom), persistent, updated, persistent && dom.getAutostart(),
                metadata(dom, METADATA_TITLE), metadata(dom, METADATA_DESCRIPTION), securityLabels(p),
                active ? controlInfo(p) : Fact.of("inactive"), active ? diskErrorsUnlessBlockJob(dom, p) : Fact.of(List.of()),
                NativeVirt.LIB.virDomainHasManagedSaveImage(p, 0) == 1, snapshots, current);
        });
    }

    /** virDomainGetInfo: vCPUs, memory of its maximum, CPU time, in words. */
    private static Fact<String> info(Domain dom) {
        try {
            org.libvirt.DomainInfo i = dom.getInfo();
            return Fact.of(i.nrVirtCpu + (i.nrVirtCpu == 1 ? " vCPU" : " vCPUs") + " · " + i.memory / 1024 + " MiB of "
                + i.maxMem / 1024 + " MiB · CPU time " + String.format(java.util.Locale.ROOT, "%.1f s", i.cpuTime / 1e9));
        } catch (LibvirtException e) {
            return Fact.failed(VirtException.from(e).getMessage());
        }
    }

    private static Fact<Integer> snapshotCount(Domain dom) {
        try {
            return Fact.of(dom.snapshotNum());
        } catch (LibvirtException e) {
            return Fact.failed(VirtException.from(e).getMessage());
        }
    }

    private static String hostname(Pointer p) throws VirtException {
        Pointer s = NativeVirt.LIB.virDomainGetHostname(p, 0);
        if (s == null) {
            throw VirtException.lastError("virDomainGetHostname");
        }
        try {
            return s.getString(0, "UTF-8");
        } finally {
            Native.free(Pointer.nativeValue(s));
        }
    }

    /** Title or description: "" when none is set (libvirt says so with VIR_ERR_NO_DOMAIN_METADATA), else the failure. */
    private static Fact<String> metadata(Domain dom, int type) {
        try {
            return Fact.of(dom.getMetadata(type, null, 0));
        } catch (LibvirtException e) {
            VirtException v = VirtException.from(e);
            return "VIR_ERR_NO_DOMAIN_METADATA".equals(v.codeName()) ? Fact.of("") : Fact.failed(v.getMessage());
        }
    }

    private static Fact<List<String>> securityLabels(Pointer p) {
        PointerByReference out = new PointerByReference();
        int n = NativeVirt.LIB.virDomainGetSecurityLabelList(p, out);
        if (n < 0) {
            return Fact.failed(VirtException.lastError("virDomainGetSecurityLabelList").getMessage());
        }
        List<String> labels = new ArrayList<>();
        Pointer array = out.getValue();
        // virSecurityLabel { char label[4097]; int enforcing; } = 4104 bytes with alignment
        for (int i = 0; i < n; i++) {
            long base = i * 4104L;
            String label = array.getString(base, "UTF-8");
            boolean enforcing = array.getInt(base + 4100) == 1;
            labels.add(label.isEmpty() ? "(no label" + (enforcing ? ", enforcing)" : ", not enforcing)")
                : label + (enforcing ? " (enforcing)" : " (permissive)"));
        }
        if (array != null) {
            Native.free(Pointer.nativeValue(array));
        }
        return Fact.of(labels);
    }

    private static Fact<String> controlInfo(Pointer p) {
        try (Memory info = new Memory(16)) {
            if (NativeVirt.LIB.virDomainGetControlInfo(p, info, 0) < 0) {
                return Fact.failed(VirtException.lastError("virDomainGetControlInfo").getMessage());
            }
            int state = info.getInt(0);
            int details = info.getInt(4);
            long ms = info.getLong(8);
            String s = state >= 0 && state < CONTROL.length ? CONTROL[state] : "state " + state;
            if (state == 3 && details > 0 && details < CONTROL_ERROR.length) {
                s += " (" + CONTROL_ERROR[details] + ")";
            }
            return Fact.of(state == 0 ? s : s + " for " + ms + " ms");
        }
    }

    /**
     * Disk errors make QEMU answer query-block, which QEMU 7.2 can crash on while a block job changes
     * the disk's graph (seen in the lab during a pull): not asked then, and the page says why.
     */
    private static Fact<List<String>> diskErrorsUnlessBlockJob(Domain dom, Pointer p) throws LibvirtException {
        for (String disk : DomainXml.diskTargets(dom.getXMLDesc(0))) {
            if (blockJobRunning(dom, disk)) {
                return Fact.failed("not asked while a block job runs on " + disk + " (QEMU can fail when asked then)");
            }
        }
        return diskErrors(p);
    }

    private static Fact<List<String>> diskErrors(Pointer p) {
        int n = NativeVirt.LIB.virDomainGetDiskErrors(p, null, 0, 0);
        if (n < 0) {
            return Fact.failed(VirtException.lastError("virDomainGetDiskErrors").getMessage());
        }
        if (n == 0) {
            return Fact.of(List.of());
        }
        List<String> out = new ArrayList<>();
        try (Memory errs = new Memory(16L * n)) {
            errs.clear();
            int got = NativeVirt.LIB.virDomainGetDiskErrors(p, errs, n, 0);
            if (got < 0) {
                return Fact.failed(VirtException.lastError("virDomainGetDiskErrors").getMessage());
            }
            for (int i = 0; i < got; i++) {
                Pointer disk = errs.getPointer(16L * i);
                int code = errs.getInt(16L * i + 8);
                out.add(disk.getString(0) + ": " + (code >= 0 && code < DISK_ERRORS.length ? DISK_ERRORS[code] : code));
                Native.free(Pointer.nativeValue(disk));
            }
        }
        return Fact.of(out);
    }

    public void setAutostart(String uuid, boolean on) throws VirtException {
        with(uuid, dom -> {
            dom.setAutostart(on);
            return null;
        });
    }

    /** Title or description (type "title"/"description"); an empty text removes it. */
    public void setMetadata(String uuid, String which, String text, Affect affect) throws VirtException {
        int type = which.equals("title") ? METADATA_TITLE : METADATA_DESCRIPTION;
        with(uuid, dom -> {
            dom.setMetadata(type, text == null || text.isEmpty() ? null : text, null, null, affect.bit());
            return null;
        });
    }

    /** A custom metadata element by namespace URI, or "" when the domain has none. */
    /** The element of {@code namespaceUri}; libvirt's error when the domain has none (unlike title and description, which default to ""). */
    public String customMetadata(String uuid, String namespaceUri) throws VirtException {
        return with(uuid, dom -> dom.getMetadata(METADATA_ELEMENT, namespaceUri, 0));
    }

    /**
     * Title, description and Vireo's tags of each domain (three small metadata reads each);
     * a domain that is gone by now is left out.
     */
    public java.util.List<org.vireo.model.DomainLabels> labels(java.util.Collection<String> uuids) throws VirtException {
        java.util.List<org.vireo.model.DomainLabels> out = new java.util.ArrayList<>(uuids.size());
        for (String uuid : uuids) {
            try {
                org.vireo.model.DomainLabels l = with(uuid, dom -> new org.vireo.model.DomainLabels(uuid, metadataText(dom, METADATA_TITLE, null),
                    metadataText(dom, METADATA_DESCRIPTION, null),
                    org.vireo.model.DomainTags.parse(metadataText(dom, METADATA_ELEMENT, org.vireo.model.DomainTags.NAMESPACE)),
                    dom.isActive() == 1 ? leaseAddresses(uuid) : java.util.List.of()));
                out.add(l);
            } catch (VirtException e) {
                if (!"VIR_ERR_NO_DOMAIN".equals(e.codeName())) {
                    throw e;
                }
            }
        }
        return out;
    }

    /** Writes Vireo's tags element (none removes it), in the persistent definition and, when running, the live one. */
    public void setTags(String uuid, java.util.List<String> tags) throws VirtException {
        String xml = org.vireo.model.DomainTags.toXml(tags);
        with(uuid, dom -> {
            int affect = dom.isActive() == 1 ? Affect.BOTH.bit() : Affect.CONFIG.bit();
            if (dom.isPersistent() != 1) {
                affect = Affect.LIVE.bit();
            }
            dom.setMetadata(METADATA_ELEMENT, xml.isEmpty() ? null : xml, org.vireo.model.DomainTags.KEY,
                org.vireo.model.DomainTags.NAMESPACE, affect);
            return null;
        });
    }

    /** The running domain's addresses from its networks' DHCP leases; none when libvirt has none to say. */
    private java.util.List<String> leaseAddresses(String uuid) {
        try {
            return new NetworkApi(connection).domainAddresses(uuid, NetworkApi.SOURCE_LEASE).stream()
                .map(org.vireo.model.DomainAddress::address).distinct().toList();
        } catch (VirtException e) {
            return java.util.List.of();
        }
    }

    /** A metadata text, "" when the domain has none. */
    private static String metadataText(Domain dom, int type, String namespace) throws LibvirtException {
        try {
            String s = dom.getMetadata(type, namespace, 0);
            return s == null ? "" : s;
        } catch (LibvirtException e) {
            if ("VIR_ERR_NO_DOMAIN_METADATA".equals(VirtException.from(e).codeName())) {
                return "";
            }
            throw e;
        }
    }

    public void setCustomMetadata(String uuid, String xml, String key, String namespaceUri, Affect affect) throws VirtException {
        with(uuid, dom -> {
            dom.setMetadata(METADATA_ELEMENT, xml == null || xml.isBlank() ? null : xml, key, namespaceUri, affect.bit());
            return null;
        });
    }

    public void removeManagedSave(String uuid) throws VirtException {
        with(uuid, dom -> check(NativeVirt.LIB.virDomainManagedSaveRemove(BindingPointers.of(dom), 0), "virDomainManagedSaveRemove"));
    }

    /** virDomainScreenshot of screen 0 as PNG (or whatever the hypervisor sends: PPM from QEMU) bytes. */
    public byte[] screenshot(String uuid) throws VirtException {
        return with(uuid, dom -> {
            Stream stream = conn.streamNew(0);
            try {
                dom.screenshot(stream, 0);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buf = new byte[65536];
                int n;
                while ((n = stream.receive(buf)) > 0) {
                    out.write(buf, 0, n);
                }
                stream.finish();
                return out.toByteArray();
            } finally {
                stream.free();
            }
        });
    }

    // ---------------------------------------------------------------- hardware

    public HardwareInfo hardware(String uuid) throws VirtException {
        return with(uuid, dom -> {
            Pointer p = BindingPointers.of(dom);
            boolean active = dom.isActive() == 1;
            boolean persistent = dom.isPersistent() == 1;
            int liveCur = active ? vcpus(p, 1) : -1;
            int liveMax = active ? vcpus(p, 1 | 4) : -1;
            int cfgCur = persistent ? vcpus(p, 2) : -1;
            int cfgMax = persistent ? vcpus(p, 2 | 4) : -1;
            int hvMax = active ? NativeVirt.LIB.virDomainGetMaxVcpus(p) : -1;
            if (hvMax < 0) {
                NativeVirt.LIB.virResetLastError();
            }
            String liveXml = dom.getXMLDesc(0);
            String cfgXml = persistent ? dom.getXMLDesc(XML_INACTIVE) : liveXml;
            long memLive = active ? kib(liveXml, "currentMemory") : -1;
            // virDomainGetMaxMemory: the running guest's ceiling as libvirt reports it (the XML's <memory> for config)
            long maxLive = active ? dom.getMaxMemory() : -1;
            long memCfg = persistent ? kib(cfgXml, "currentMemory") : -1;
            long maxCfg = persistent ? kib(cfgXml, "memory") : -1;
            List<DomainDevice> devices = DomainXml.devices(liveXml);
            List<BlockDetails> blocks = new ArrayList<>();
            for (String disk : DomainXml.diskTargets(liveXml)) {
                if (active && blockJobRunning(dom, disk)) {
                    // QEMU 7.2 can crash when asked for a disk's block info while a block job
                    // (pull, commit) runs on it (reproduced with virsh domblkinfo in the lab)
                    blocks.add(new BlockDetails(disk, -1, -1, -1));
                    continue;
                }
                try {
                    DomainBlockInfo b = dom.blockInfo(disk);
                    blocks.add(new BlockDetails(disk, b.getCapacity(), b.getAllocation(), b.getPhysical()));
                } catch (LibvirtException e) {
                    blocks.add(new BlockDetails(disk, -1, -1, -1));
                }
            }
            return new HardwareInfo(liveCur, liveMax, cfgCur, cfgMax, hvMax, memLive, maxLive, memCfg, maxCfg, devices, blocks);
        });
    }

    private static boolean blockJobRunning(Domain dom, String disk) {
        try (Memory info = new Memory(32)) {
            int rc = NativeVirt.LIB.virDomainGetBlockJobInfo(BindingPointers.of(dom), disk, info, 0);
            if (rc < 0) {
                NativeVirt.LIB.virResetLastError(); // a driver without block jobs (the test driver) has none running
            }
            return rc > 0;
        }
    }

    private static long kib(String xml, String element) {
        String text = DomainXml.text(xml, element);
        if (text.isEmpty()) {
            return -1;
        }
        long value = Long.parseLong(text);
        String unit = DomainXml.attribute(xml, element, "unit");
        return switch (unit.isEmpty() ? "KiB" : unit) {
            case "b", "bytes" -> value / 1024;
            case "M", "MiB" -> value * 1024;
            case "G", "GiB" -> value * 1024 * 1024;
            default -> value;
        };
    }

    private static int vcpus(Pointer p, int flags) throws VirtException {
        int n = NativeVirt.LIB.virDomainGetVcpusFlags(p, flags);
        return check(n, "virDomainGetVcpusFlags");
    }

    /** virDomainSetVcpusFlags; {@code maximum} sets the maximum (config only). */
    public void setVcpus(String uuid, int count, boolean maximum, Affect affect) throws VirtException {
        with(uuid, dom -> check(NativeVirt.LIB.virDomainSetVcpusFlags(BindingPointers.of(dom), count,
            affect.bit() | (maximum ? 4 : 0)), "virDomainSetVcpusFlags"));
    }

    /** virDomainSetMemoryFlags in KiB; {@code maximum} sets the maximum. */
    public void setMemory(String uuid, long kib, boolean maximum, Affect affect) throws VirtException {
        with(uuid, dom -> check(NativeVirt.LIB.virDomainSetMemoryFlags(BindingPointers.of(dom), kib,
            affect.bit() | (maximum ? 4 : 0)), "virDomainSetMemoryFlags"));
    }

    public void attachDevice(String uuid, String xml, Affect affect) throws VirtException {
        with(uuid, dom -> {
            dom.attachDeviceFlags(xml, affect.bit());
            return null;
        });
    }

    public void detachDevice(String uuid, String xml, Affect affect) throws VirtException {
        with(uuid, dom -> {
            dom.detachDeviceFlags(xml, affect.bit());
            return null;
        });
    }

    public void updateDevice(String uuid, String xml, Affect affect, boolean force) throws VirtException {
        with(uuid, dom -> dom.updateDeviceFlags(xml, affect.bit() | (force ? 4 : 0)));
    }

    /** virDomainBlockResize to {@code bytes}. */
    public void blockResize(String uuid, String disk, long bytes) throws VirtException {
        with(uuid, dom -> {
            dom.blockResize(disk, bytes, 1);
            return null;
        });
    }

    // ---------------------------------------------------------------- XML

    public String xml(String uuid, int flags) throws VirtException {
        return with(uuid, dom -> dom.getXMLDesc(flags));
    }

    /** virDomainDefineXMLFlags with VALIDATE: the domain is redefined only if libvirt accepts the whole document. */
    public void define(String xml) throws VirtException {
        Pointer dom = NativeVirt.LIB.virDomainDefineXMLFlags(BindingPointers.of(conn), xml, 1);
        if (dom == null) {
            throw VirtException.lastError("virDomainDefineXMLFlags");
        }
        NativeVirt.LIB.virDomainFree(dom);
    }

    // ---------------------------------------------------------------- lifecycle

    public void start(String uuid, Set<DomainFlags.Start> flags) throws VirtException {
        with(uuid, dom -> dom.create(DomainFlags.mask(flags)));
    }

    public void shutdown(String uuid, DomainFlags.PowerMode mode) throws VirtException {
        with(uuid, dom -> check(NativeVirt.LIB.virDomainShutdownFlags(BindingPointers.of(dom), mode.bit()), "virDomainShutdownFlags"));
    }

    public void reboot(String uuid, DomainFlags.PowerMode mode) throws VirtException {
        with(uuid, dom -> check(NativeVirt.LIB.virDomainReboot(BindingPointers.of(dom), mode.bit()), "virDomainReboot"));
    }

    public void reset(String uuid) throws VirtException {
        with(uuid, dom -> {
            dom.reset();
            return null;
        });
    }

    /** virDomainDestroyFlags; graceful asks QEMU to flush and exit rather than killing it. */
    public void destroy(String uuid, boolean graceful) throws VirtException {
        with(uuid, dom -> check(NativeVirt.LIB.virDomainDestroyFlags(BindingPointers.of(dom), graceful ? 1 : 0), "virDomainDestroyFlags"));
    }

    public void suspend(String uuid) throws VirtException {
        with(uuid, dom -> {
            dom.suspend();
            return null;
        });
    }

    public void resume(String uuid) throws VirtException {
        with(uuid, dom -> {
            dom.resume();
            return null;
        });
    }

    /** target: 0 mem (S3), 1 disk (S4), 2 hybrid. */
    public void pmSuspend(String uuid, int target, long seconds) throws VirtException {
        with(uuid, dom -> check(NativeVirt.LIB.virDomainPMSuspendForDuration(BindingPointers.of(dom), target, seconds, 0),
            "virDomainPMSuspendForDuration"));
    }

    // ---------------------------------------------------------------- guest agent

    /** virDomainFSFreeze of every mounted filesystem: the number frozen. Guest writes wait until the thaw. */
    public int fsFreeze(String uuid) throws VirtException {
        return with(uuid, dom -> check(NativeVirt.LIB.virDomainFSFreeze(BindingPointers.of(dom), null, 0, 0), "virDomainFSFreeze"));
    }

    public int fsThaw(String uuid) throws VirtException {
        return with(uuid, dom -> check(NativeVirt.LIB.virDomainFSThaw(BindingPointers.of(dom), null, 0, 0), "virDomainFSThaw"));
    }

    /** virDomainGetFSInfo: one line per mounted filesystem, "mountpoint name fstype disks" as virsh domfsinfo shows them. */
    public List<String> fsInfo(String uuid) throws VirtException {
        return with(uuid, dom -> {
            PointerByReference out = new PointerByReference();
            int n = check(NativeVirt.LIB.virDomainGetFSInfo(BindingPointers.of(dom), out, 0), "virDomainGetFSInfo");
            Pointer array = out.getValue();
            List<String> lines = new ArrayList<>(n);
            try {
                for (int i = 0; i < n; i++) {
                    // struct virDomainFSInfo { char *mountpoint; char *name; char *fstype; size_t ndevAlias; char **devAlias; }
                    Pointer info = array.getPointer((long) i * Native.POINTER_SIZE);
                    long nalias = Native.SIZE_T_SIZE == 8 ? info.getLong(3L * Native.POINTER_SIZE) : info.getInt(3L * Native.POINTER_SIZE);
                    Pointer aliases = info.getPointer(4L * Native.POINTER_SIZE);
                    List<String> disks = new ArrayList<>();
                    for (int j = 0; j < nalias; j++) {
                        disks.add(aliases.getPointer((long) j * Native.POINTER_SIZE).getString(0, "UTF-8"));
                    }
                    lines.add(info.getPointer(0).getString(0, "UTF-8") + " " + info.getPointer(Native.POINTER_SIZE).getString(0, "UTF-8") + " "
                        + info.getPointer(2L * Native.POINTER_SIZE).getString(0, "UTF-8") + " " + String.join(",", disks));
                    NativeVirt.LIB.virDomainFSInfoFree(info);
                }
            } finally {
                if (array != null) {
                    Native.free(Pointer.nativeValue(array));
                }
            }
            return lines;
        });
    }

    /** The guest's clock (virDomainGetTime, through the agent), in seconds since the epoch. */
    public long guestTime(String uuid) throws VirtException {
        return with(uuid, dom -> {
            com.sun.jna.ptr.LongByReference secs = new com.sun.jna.ptr.LongByReference();
            check(NativeVirt.LIB.virDomainGetTime(BindingPointers.of(dom), secs, new IntByReference(), 0), "virDomainGetTime");
            return secs.getValue();
        });
    }

    /** virDomainSetTime: the guest's clock (and its RTC) to {@code seconds}. */
    public void setGuestTime(String uuid, long seconds) throws VirtException {
        with(uuid, dom -> check(NativeVirt.LIB.virDomainSetTime(BindingPointers.of(dom), seconds, 0, 0), "virDomainSetTime"));
    }

    /** virDomainSetUserPassword (plain text; the agent hashes it in the guest). The password is not kept. */
    public void setUserPassword(String uuid, String user, String password) throws VirtException {
        with(uuid, dom -> check(NativeVirt.LIB.virDomainSetUserPassword(BindingPointers.of(dom), user, password, 0), "virDomainSetUserPassword"));
    }

    public void pmWakeup(String uuid) throws VirtException {
        with(uuid, dom -> check(NativeVirt.LIB.virDomainPMWakeup(BindingPointers.of(dom), 0), "virDomainPMWakeup"));
    }

    public void save(String uuid, String file, Set<DomainFlags.Save> flags) throws VirtException {
        with(uuid, dom -> check(NativeVirt.LIB.virDomainSaveFlags(BindingPointers.of(dom), file, null, DomainFlags.mask(flags)),
            "virDomainSaveFlags"));
    }

    /** virDomainRestoreFlags: a connection-level call; the file names its domain. */
    public void restore(String file, Set<DomainFlags.Save> flags) throws VirtException {
        check(NativeVirt.LIB.virDomainRestoreFlags(BindingPointers.of(conn), file, null, DomainFlags.mask(flags)), "virDomainRestoreFlags");
    }

    public void managedSave(String uuid, Set<DomainFlags.Save> flags) throws VirtException {
        with(uuid, dom -> check(NativeVirt.LIB.virDomainManagedSave(BindingPointers.of(dom), DomainFlags.mask(flags)), "virDomainManagedSave"));
    }

    /** virDomainCoreDumpWithFormat, raw ELF. */
    public void coreDump(String uuid, String file, Set<DomainFlags.Dump> flags) throws VirtException {
        with(uuid, dom -> check(NativeVirt.LIB.virDomainCoreDumpWithFormat(BindingPointers.of(dom), file, 0, DomainFlags.mask(flags)),
            "virDomainCoreDumpWithFormat"));
    }

    public void injectNmi(String uuid) throws VirtException {
        with(uuid, dom -> check(NativeVirt.LIB.virDomainInjectNMI(BindingPointers.of(dom), 0), "virDomainInjectNMI"));
    }

    /** virDomainSendKey; {@code codeSet} is a virKeycodeSet name (LINUX, XT, USB, ...). */
    public void sendKey(String uuid, String codeSet, int holdMs, int[] keys) throws VirtException {
        with(uuid, dom -> {
            dom.sendKey(KeycodeSet.valueOf(codeSet), holdMs, keys);
            return null;
        });
    }

    public void undefine(String uuid, Set<DomainFlags.Undefine> flags) throws VirtException {
        with(uuid, dom -> {
            dom.undefine(DomainFlags.mask(flags));
            return null;
        });
    }

    /** Writes the screenshot to {@code file}; returns its size. */
    public long screenshotTo(String uuid, Path file) throws VirtException {
        byte[] data = screenshot(uuid);
        try {
            Files.write(file, data);
        } catch (IOException e) {
            throw new VirtException(-1, "IO", "VIREO", "cannot write " + file + ": " + e.getMessage(), e);
        }
        return data.length;
    }

    /** virDomainMemoryPeek (physical addresses), at most 64 KiB. */
    public byte[] memoryPeek(String uuid, long start, int size) throws VirtException {
        byte[] buf = new byte[size];
        with(uuid, dom -> check(NativeVirt.LIB.virDomainMemoryPeek(BindingPointers.of(dom), start, size, buf, 2), "virDomainMemoryPeek"));
        return buf;
    }

    public byte[] blockPeek(String uuid, String disk, long offset, int size) throws VirtException {
        byte[] buf = new byte[size];
        with(uuid, dom -> check(NativeVirt.LIB.virDomainBlockPeek(BindingPointers.of(dom), disk, offset, size, buf, 0), "virDomainBlockPeek"));
        return buf;
    }

    // ---------------------------------------------------------------- snapshots

    public List<SnapshotInfo> snapshots(String uuid) throws VirtException {
        return with(uuid, dom -> {
            PointerByReference out = new PointerByReference();
            int n = NativeVirt.LIB.virDomainListAllSnapshots(BindingPointers.of(dom), out, 0);
            check(n, "virDomainListAllSnapshots");
            List<SnapshotInfo> list = new ArrayList<>(n);
            Pointer array = out.getValue();
            try {
                for (int i = 0; i < n; i++) {
                    Pointer snap = array.getPointer((long) i * Native.POINTER_SIZE);
                    try {
                        Pointer x = NativeVirt.LIB.virDomainSnapshotGetXMLDesc(snap, 0);
                        String xml = x == null ? "" : x.getString(0, "UTF-8");
                        if (x != null) {
                            Native.free(Pointer.nativeValue(x));
                        }
                        boolean current = NativeVirt.LIB.virDomainSnapshotIsCurrent(snap, 0) == 1;
                        String created = DomainXml.text(xml, "creationTime");
                        String memory = DomainXml.attribute(xml, "memory", "snapshot");
                        String diskMode = DomainXml.attribute(xml, "disks/disk", "snapshot");
                        list.add(new SnapshotInfo(NativeVirt.LIB.virDomainSnapshotGetName(snap), DomainXml.text(xml, "parent/name"),
                            current, created.isEmpty() ? 0 : Long.parseLong(created), DomainXml.text(xml, "state"),
                            DomainXml.text(xml, "description"), memory.equals("internal") || memory.equals("external"),
                            diskMode.equals("external"), xml));
                    } finally {
                        NativeVirt.LIB.virDomainSnapshotFree(snap);
                    }
                }
            } finally {
                if (array != null) {
                    Native.free(Pointer.nativeValue(array));
                }
            }
            return list;
        });
    }

    /** What the snapshot wizard shows and checks: state, memory, libvirt version, guest agent, disks with their sizes. */
    public SnapshotSource snapshotSource(String uuid) throws VirtException {
        return with(uuid, dom -> {
            String xml = dom.getXMLDesc(0);
            boolean active = dom.isActive() == 1;
            List<SnapshotSource.Disk> disks = new ArrayList<>();
            org.w3c.dom.NodeList list = DomainXml.parse(xml).getElementsByTagName("disk");
            for (int i = 0; i < list.getLength(); i++) {
                org.w3c.dom.Element d = (org.w3c.dom.Element) list.item(i);
                if (!(d.getParentNode() instanceof org.w3c.dom.Element parent) || !parent.getTagName().equals("devices")) {
                    continue;
                }
                String target = attr(d, "target", "dev");
                String file = d.getAttribute("type").equals("file") ? attr(d, "source", "file") : "";
                long capacity = 0;
                long allocation = 0;
                if (!file.isEmpty() && d.getAttribute("device").equals("disk")) {
                    try {
                        DomainBlockInfo info = dom.blockInfo(target);
                        capacity = info.getCapacity();
                        allocation = info.getAllocation();
                    } catch (LibvirtException e) {
                        // an image libvirt cannot open now: the wizard shows no size for it
                    }
                }
                disks.add(new SnapshotSource.Disk(target, d.getAttribute("device"), file, attr(d, "driver", "type"), capacity, allocation));
            }
            // the live XML marks the agent's channel state='connected' once qemu-ga answers on it
            boolean agent = active && xml.matches("(?s).*<target type='virtio' name='org\\.qemu\\.guest_agent\\.0' state='connected'/>.*");
            return new SnapshotSource(dom.getName(), active, dom.getInfo().memory, conn.getLibVersion(), agent, disks);
        });
    }

    private static String attr(org.w3c.dom.Element parent, String child, String name) {
        org.w3c.dom.NodeList l = parent.getElementsByTagName(child);
        return l.getLength() == 0 ? "" : ((org.w3c.dom.Element) l.item(0)).getAttribute(name);
    }

    /**
     * virDomainSnapshotCreateXML for the wizard's plan. Internal: QEMU's own snapshot inside every
     * qcow2 image (with the memory when the guest runs). External: an overlay per chosen disk
     * ({@link SnapshotPlan#overlayFor}), the other disks left out; with memory, its file beside the
     * first image. Atomic; quiesce freezes the guest's filesystems through the agent meanwhile.
     */
    public String createSnapshot(String uuid, SnapshotPlan plan) throws VirtException {
        return with(uuid, dom -> {
            SnapshotSource source = snapshotSource(uuid);
            String name = plan.name().strip();
            StringBuilder xml = new StringBuilder("<domainsnapshot><name>").append(escape(name)).append("</name>");
            if (plan.description() != null && !plan.description().isBlank()) {
                xml.append("<description>").append(escape(plan.description())).append("</description>");
            }
            int flags = 0;
            switch (plan.kind()) {
                case INTERNAL -> { }
                case EXTERNAL_DISKS -> flags |= 16 | 128; // DISK_ONLY | ATOMIC
                case EXTERNAL_MEMORY -> {
                    String first = source.disks().stream().filter(SnapshotSource.Disk::snapshotable).map(SnapshotSource.Disk::file)
                        .findFirst().orElse(null);
                    xml.append("<memory snapshot='external' file='").append(escape(SnapshotPlan.memoryFileFor(source.domain(), first, name)))
                        .append("'/>");
                    flags |= 128;
                }
            }
            if (plan.kind() != SnapshotPlan.Kind.INTERNAL) {
                xml.append("<disks>");
                for (SnapshotSource.Disk d : source.disks()) {
                    if (plan.disks().contains(d.target()) && d.snapshotable()) {
                        xml.append("<disk name='").append(escape(d.target())).append("' snapshot='external'><driver type='qcow2'/><source file='")
                            .append(escape(SnapshotPlan.overlayFor(d.file(), name))).append("'/></disk>");
                    } else {
                        xml.append("<disk name='").append(escape(d.target())).append("' snapshot='no'/>");
                    }
                }
                xml.append("</disks>");
            }
            if (plan.quiesce()) {
                flags |= 64; // QUIESCE: fsfreeze through the guest agent around the disk snapshot
            }
            xml.append("</domainsnapshot>");
            DomainSnapshot snap = dom.snapshotCreateXML(xml.toString(), flags);
            try {
                return DomainXml.text(snap.getXMLDesc(), "name");
            } finally {
                snap.free();
            }
        });
    }


    /** flags: 1 running, 2 paused, 4 force. */
    public void revertToSnapshot(String uuid, String name, int flags) throws VirtException {
        withSnapshot(uuid, name, snap -> check(NativeVirt.LIB.virDomainRevertToSnapshot(snap, flags), "virDomainRevertToSnapshot"));
    }

    public void deleteSnapshot(String uuid, String name, DomainFlags.SnapshotDelete mode) throws VirtException {
        withSnapshot(uuid, name, snap -> check(NativeVirt.LIB.virDomainSnapshotDelete(snap, mode.bit()), "virDomainSnapshotDelete"));
    }

    private void withSnapshot(String uuid, String name, SnapCall body) throws VirtException {
        with(uuid, dom -> {
            Pointer snap = NativeVirt.LIB.virDomainSnapshotLookupByName(BindingPointers.of(dom), name, 0);
            if (snap == null) {
                throw VirtException.lastError("virDomainSnapshotLookupByName");
            }
            try {
                body.apply(snap);
            } finally {
                NativeVirt.LIB.virDomainSnapshotFree(snap);
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- tuning

    public String schedulerType(String uuid) throws VirtException {
        return with(uuid, Domain::getSchedulerType);
    }

    /** One tuning group: scheduler, memory, blkio, numa, iotune (target = disk), bandwidth (target = interface). */
    public TuningGroup tuning(String uuid, String group, String target, Affect affect) throws VirtException {
        return with(uuid, dom -> {
            Pointer p = BindingPointers.of(dom);
            String title = switch (group) {
                case "scheduler" -> "CPU scheduler" + schedulerTitle(dom);
                case "memory" -> "Memory parameters";
                case "blkio" -> "Block I/O weights";
                case "numa" -> "NUMA placement";
                case "iotune" -> "I/O limits of " + target;
                case "bandwidth" -> "Bandwidth of " + target;
                default -> throw new IllegalArgumentException(group);
            };
            IntByReference n = new IntByReference(0);
            int flags = affect.bit();
            int rc;
            if (group.equals("scheduler")) {
                // the scheduler call needs real room: virDomainGetSchedulerType tells how many parameters there are
                Pointer type = NativeVirt.LIB.virDomainGetSchedulerType(p, n);
                rc = type == null ? -1 : 0;
                if (type != null) {
                    com.sun.jna.Native.free(Pointer.nativeValue(type));
                }
            } else {
                rc = get(group, p, target, null, n, flags);
            }
            if (rc < 0) {
                VirtException e = VirtException.lastError("get " + group);
                return new TuningGroup(group, target, title, List.of(), e.getMessage());
            }
            if (n.getValue() == 0) {
                return new TuningGroup(group, target, title, List.of(), "the hypervisor reports no " + group + " parameters here");
            }
            try (Memory mem = new Memory((long) n.getValue() * TypedParamCodec.PARAM_SIZE)) {
                mem.clear();
                rc = get(group, p, target, mem, n, flags);
                if (rc < 0) {
                    return new TuningGroup(group, target, title, List.of(), VirtException.lastError("get " + group).getMessage());
                }
                List<TuningParam> params = TypedParamCodec.decode(mem, n.getValue());
                NativeVirt.LIB.virTypedParamsClear(mem, n.getValue());
                return new TuningGroup(group, target, title, params, "");
            }
        });
    }

    private static String schedulerTitle(Domain dom) {
        try {
            return " (" + dom.getSchedulerType() + ")";
        } catch (LibvirtException e) {
            return "";
        }
    }

    private static int get(String group, Pointer p, String target, Pointer mem, IntByReference n, int flags) {
        return switch (group) {
            case "scheduler" -> NativeVirt.LIB.virDomainGetSchedulerParametersFlags(p, mem, n, flags);
            case "memory" -> NativeVirt.LIB.virDomainGetMemoryParameters(p, mem, n, flags);
            case "blkio" -> NativeVirt.LIB.virDomainGetBlkioParameters(p, mem, n, flags);
            case "numa" -> NativeVirt.LIB.virDomainGetNumaParameters(p, mem, n, flags);
            case "iotune" -> NativeVirt.LIB.virDomainGetBlockIoTune(p, target, mem, n, flags);
            case "bandwidth" -> NativeVirt.LIB.virDomainGetInterfaceParameters(p, target, mem, n, flags);
            default -> throw new IllegalArgumentException(group);
        };
    }

    public void setTuning(String uuid, String group, String target, Map<String, String> values, Affect affect) throws VirtException {
        TuningGroup current = tuning(uuid, group, target, affect);
        if (!current.supported()) {
            throw new VirtException(-1, "UNSUPPORTED", "VIREO", current.unsupported(), null);
        }
        List<Memory> keep = new ArrayList<>();
        Memory mem;
        try {
            mem = TypedParamCodec.encode(current.params(), values, keep);
        } catch (IllegalArgumentException e) {
            throw new VirtException(-1, "INVALID_ARG", "VIREO", e.getMessage(), e);
        }
        int n = values.size();
        with(uuid, dom -> {
            Pointer p = BindingPointers.of(dom);
            int flags = affect.bit();
            int rc = switch (group) {
                case "scheduler" -> NativeVirt.LIB.virDomainSetSchedulerParametersFlags(p, mem, n, flags);
                case "memory" -> NativeVirt.LIB.virDomainSetMemoryParameters(p, mem, n, flags);
                case "blkio" -> NativeVirt.LIB.virDomainSetBlkioParameters(p, mem, n, flags);
                case "numa" -> NativeVirt.LIB.virDomainSetNumaParameters(p, mem, n, flags);
                case "iotune" -> NativeVirt.LIB.virDomainSetBlockIoTune(p, target, mem, n, flags);
                case "bandwidth" -> NativeVirt.LIB.virDomainSetInterfaceParameters(p, target, mem, n, flags);
                default -> throw new IllegalArgumentException(group);
            };
            return check(rc, "set " + group);
        });
        mem.close();
        keep.forEach(Memory::close);
    }

    /** The scheduler parameters through the binding (get/set_scheduler_parameters without flags). */
    public List<TuningParam> schedulerParameters(String uuid) throws VirtException {
        return with(uuid, dom -> {
            List<TuningParam> out = new ArrayList<>();
            for (SchedParameter sp : dom.getSchedulerParameters()) {
                out.add(new TuningParam(sp.field, sp.getTypeAsString(), sp.getValueAsString()));
            }
            return out;
        });
    }

    public List<VcpuPin> vcpus(String uuid) throws VirtException {
        return with(uuid, dom -> {
            VcpuInfo[] infos = dom.getVcpusInfo();
            int[] maps = dom.getVcpusCpuMaps();
            int hostCpus = conn.nodeInfo().cpus;
            int maplen = (hostCpus + 7) / 8;
            List<VcpuPin> out = new ArrayList<>();
            for (int i = 0; i < infos.length; i++) {
                byte[] map = new byte[maplen];
                for (int b = 0; b < maplen; b++) {
                    map[b] = (byte) maps[i * maplen + b];
                }
                out.add(new VcpuPin(infos[i].number, String.valueOf(infos[i].state).toLowerCase().replace("vir_vcpu_", ""),
                    infos[i].cpuTime, infos[i].cpu, cpuList(map, hostCpus)));
            }
            return out;
        });
    }

    /** Pins a vCPU (live) to the host CPUs in {@code cpus} ("0", "0-1", "0,1"). */
    public void pinVcpu(String uuid, int vcpu, String cpus) throws VirtException {
        with(uuid, dom -> {
            int hostCpus = conn.nodeInfo().cpus;
            byte[] map = cpuMap(cpus, hostCpus);
            int[] ints = new int[map.length];
            for (int i = 0; i < map.length; i++) {
                ints[i] = map[i] & 0xff;
            }
            dom.pinVcpu(vcpu, ints);
            return null;
        });
    }

    public String emulatorPin(String uuid) throws VirtException {
        return with(uuid, dom -> {
            int hostCpus = conn.nodeInfo().cpus;
            byte[] map = new byte[(hostCpus + 7) / 8];
            check(NativeVirt.LIB.virDomainGetEmulatorPinInfo(BindingPointers.of(dom), map, map.length, 0), "virDomainGetEmulatorPinInfo");
            return cpuList(map, hostCpus);
        });
    }

    public void pinEmulator(String uuid, String cpus, Affect affect) throws VirtException {
        with(uuid, dom -> {
            byte[] map = cpuMap(cpus, conn.nodeInfo().cpus);
            return check(NativeVirt.LIB.virDomainPinEmulator(BindingPointers.of(dom), map, map.length, affect.bit()), "virDomainPinEmulator");
        });
    }

    /** virDomainGetCPUStats: the total first (cpu -1), then one row per host CPU. */
    public List<CpuUsageRow> cpuStats(String uuid) throws VirtException {
        return with(uuid, dom -> {
            List<CpuUsageRow> rows = new ArrayList<>();
            TypedParameter[] total = dom.getCPUStats(-1, 1);
            rows.add(row(-1, total));
            int hostCpus = conn.nodeInfo().cpus;
            for (int c = 0; c < hostCpus; c++) {
                rows.add(row(c, dom.getCPUStats(c, 1)));
            }
            return rows;
        });
    }

    private static CpuUsageRow row(int cpu, TypedParameter[] params) {
        long time = 0;
        long user = 0;
        long sys = 0;
        long vcpu = 0;
        for (TypedParameter t : params) {
            long v = parseLong(t.getValueAsString());
            switch (t.field) {
                case "cpu_time" -> time = v;
                case "user_time" -> user = v;
                case "system_time" -> sys = v;
                case "vcpu_time" -> vcpu = v;
                default -> { }
            }
        }
        return new CpuUsageRow(cpu, time, user, sys, vcpu);
    }

    private static long parseLong(String s) {
        try {
            return Long.parseUnsignedLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String cpuList(byte[] map, int cpus) {
        StringBuilder s = new StringBuilder();
        int i = 0;
        while (i < cpus) {
            if ((map[i / 8] & (1 << (i % 8))) != 0) {
                int j = i;
                while (j + 1 < cpus && (map[(j + 1) / 8] & (1 << ((j + 1) % 8))) != 0) {
                    j++;
                }
                if (!s.isEmpty()) {
                    s.append(',');
                }
                s.append(i == j ? Integer.toString(i) : i + "-" + j);
                i = j + 1;
            } else {
                i++;
            }
        }
        return s.toString();
    }

    static byte[] cpuMap(String list, int cpus) throws VirtException {
        byte[] map = new byte[(cpus + 7) / 8];
        try {
            for (String part : list.split(",")) {
                String[] range = part.strip().split("-");
                int from = Integer.parseInt(range[0].strip());
                int to = range.length > 1 ? Integer.parseInt(range[1].strip()) : from;
                for (int c = from; c <= to; c++) {
                    if (c < 0 || c >= cpus) {
                        throw new VirtException(-1, "INVALID_ARG", "VIREO", "host CPU " + c + " does not exist (the host has " + cpus + ")", null);
                    }
                    map[c / 8] |= (byte) (1 << (c % 8));
                }
            }
        } catch (NumberFormatException e) {
            throw new VirtException(-1, "INVALID_ARG", "VIREO", "\"" + list + "\" is not a CPU list such as 0-1 or 0,2", e);
        }
        return map;
    }

    // ---------------------------------------------------------------- block jobs

    /** bandwidth in MiB/s; 0 = unlimited. */
    public void blockPull(String uuid, String disk, long bandwidth) throws VirtException {
        with(uuid, dom -> check(NativeVirt.LIB.virDomainBlockPull(BindingPointers.of(dom), disk, bandwidth, 0), "virDomainBlockPull"));
    }

    /** virDomainBlockRebase; with {@code copy} to {@code dest} (a new qcow2 copy, shallow when base is given). */
    public void blockRebase(String uuid, String disk, String base, long bandwidth, boolean copy) throws VirtException {
        with(uuid, dom -> check(NativeVirt.LIB.virDomainBlockRebase(BindingPointers.of(dom), disk, base, bandwidth, copy ? 8 : 0),
            "virDomainBlockRebase"));
    }

    /**
     * virDomainBlockCopy of {@code disk} into a new qcow2 file {@code dest} (the whole chain, flattened).
     * A persistent domain needs VIR_DOMAIN_BLOCK_COPY_TRANSIENT_JOB: libvirt cannot keep a copy job
     * across a restart of the guest; a transient domain must not have it. The job then mirrors until
     * pivoted or aborted. {@code bandwidth} in MiB/s (0: unlimited) is set once the job exists.
     */
    public void blockCopy(String uuid, String disk, String dest, long bandwidth) throws VirtException {
        with(uuid, dom -> {
            Pointer p = BindingPointers.of(dom);
            int flags = dom.isPersistent() == 1 ? DomainFlags.BlockCopy.TRANSIENT_JOB.bit() : 0;
            String xml = "<disk type='file'><source file='" + DomainXml.escape(dest) + "'/><driver type='qcow2'/></disk>";
            check(NativeVirt.LIB.virDomainBlockCopy(p, disk, xml, null, 0, flags), "virDomainBlockCopy");
            if (bandwidth > 0) {
                check(NativeVirt.LIB.virDomainBlockJobSetSpeed(p, disk, bandwidth, 0), "virDomainBlockJobSetSpeed");
            }
            return null;
        });
    }

    /** virDomainBlockCommit of the active layer (top null) into its backing file. */
    public void blockCommit(String uuid, String disk, long bandwidth) throws VirtException {
        with(uuid, dom -> check(NativeVirt.LIB.virDomainBlockCommit(BindingPointers.of(dom), disk, null, null, bandwidth, 4 /* ACTIVE */),
            "virDomainBlockCommit"));
    }

    /** The job on a disk, or null when none runs. */
    public BlockJob blockJob(String uuid, String disk) throws VirtException {
        return with(uuid, dom -> {
            try (Memory info = new Memory(32)) {
                // virDomainBlockJobInfo { int type; unsigned long bandwidth; ull cur; ull end; }
                int rc = NativeVirt.LIB.virDomainGetBlockJobInfo(BindingPointers.of(dom), disk, info, 0);
                check(rc, "virDomainGetBlockJobInfo");
                if (rc == 0) {
                    return null;
                }
                int type = info.getInt(0);
                return new BlockJob(disk, type >= 0 && type < JOB_TYPES.length ? JOB_TYPES[type] : "type " + type,
                    info.getLong(8), info.getLong(16), info.getLong(24));
            }
        });
    }

    public void blockJobSpeed(String uuid, String disk, long bandwidth) throws VirtException {
        with(uuid, dom -> check(NativeVirt.LIB.virDomainBlockJobSetSpeed(BindingPointers.of(dom), disk, bandwidth, 0), "virDomainBlockJobSetSpeed"));
    }

    /** Aborts the job; with {@code pivot} a ready copy/active commit switches the disk to the new image. */
    public void blockJobAbort(String uuid, String disk, boolean pivot) throws VirtException {
        with(uuid, dom -> check(NativeVirt.LIB.virDomainBlockJobAbort(BindingPointers.of(dom), disk, pivot ? 2 : 0), "virDomainBlockJobAbort"));
    }

    /** virDomainGetJobInfo: type (0 none, 1 bounded, 2 unbounded ...), elapsed ms, data processed / total. */
    public long[] jobInfo(String uuid) throws VirtException {
        return with(uuid, dom -> {
            org.libvirt.DomainJobInfo info = dom.getJobInfo();
            return new long[] {info.getType(), info.getTimeElapsed(), info.getDataProcessed(), info.getDataTotal()};
        });
    }

    public void abortJob(String uuid) throws VirtException {
        with(uuid, Domain::abortJob);
    }

    // ---------------------------------------------------------------- plumbing

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;").replace("\"", "&quot;");
    }

    private static int check(int rc, String call) throws VirtException {
        if (rc < 0) {
            throw VirtException.lastError(call);
        }
        return rc;
    }

    private <T> T with(String uuid, DomCall<T> body) throws VirtException {
        Domain dom;
        try {
            dom = conn.domainLookupByUUIDString(uuid);
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
                // nothing to do
            }
        }
    }

    @FunctionalInterface
    private interface DomCall<T> {
        T apply(Domain dom) throws LibvirtException, VirtException;
    }

    @FunctionalInterface
    private interface SnapCall {
        void apply(Pointer snap) throws VirtException;
    }

    /** The connection this API works on. */
    public VirtConnection connection() {
        return connection;
    }
}
