package org.vireo.libvirt;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.libvirt.Domain;
import org.libvirt.DomainSnapshot;
import org.libvirt.LibvirtException;
import org.vireo.model.DomainAddress;
import org.vireo.model.DomainFlags.Affect;
import org.vireo.model.DomainFlags.Metadata;
import org.vireo.model.DomainLabels;
import org.vireo.model.DomainOverview;
import org.vireo.model.DomainStatus;
import org.vireo.model.DomainTags;
import org.vireo.model.DomainXml;
import org.vireo.model.Fact;

/**
 * A domain's Overview: identity, state, what the guest says of itself, its title, description
 * and Vireo's tags (libvirt metadata), autostart. Runs on a host worker.
 */
public final class OverviewApi {
    private static final String[] CONTROL = {"ok", "job", "occupied", "error"};
    private static final String[] CONTROL_ERROR = {"", "unknown", "monitor", "internal"};
    private static final int CONTROL_ERROR_STATE = 3;
    private static final String[] DISK_ERRORS = {"none", "unspecified", "no space"};
    /** virSecurityLabel { char label[4097]; int enforcing; }: 4104 bytes with alignment. */
    private static final long SECURITY_LABEL_SIZE = 4104;
    private static final long SECURITY_LABEL_ENFORCING = 4100;

    private final DomainCalls calls;

    public OverviewApi(VirtConnection connection) {
        this.calls = new DomainCalls(connection);
    }

    public DomainOverview overview(String uuid) throws VirtException {
        return calls.on(uuid, dom -> {
            Pointer p = BindingPointers.of(dom);
            IntByReference st = new IntByReference();
            IntByReference reason = new IntByReference();
            DomainCalls.check(NativeVirt.LIB.virDomainGetState(p, st, reason, 0), "virDomainGetState");
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
                metadata(dom, Metadata.TITLE), metadata(dom, Metadata.DESCRIPTION), securityLabels(p),
                active ? controlInfo(p) : Fact.of("inactive"), active ? diskErrorsUnlessBlockJob(dom, p) : Fact.of(List.of()),
                NativeVirt.LIB.virDomainHasManagedSaveImage(p, 0) == 1, snapshots, current);
        });
    }

    /** virDomainGetInfo: vCPUs, memory of its maximum, CPU time, in words. */
    private static Fact<String> info(Domain dom) {
        try {
            org.libvirt.DomainInfo i = dom.getInfo();
            return Fact.of(i.nrVirtCpu + (i.nrVirtCpu == 1 ? " vCPU" : " vCPUs") + " · " + i.memory / 1024 + " MiB of "
                + i.maxMem / 1024 + " MiB · CPU time " + String.format(Locale.ROOT, "%.1f s", i.cpuTime / 1e9));
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
    private static Fact<String> metadata(Domain dom, Metadata type) {
        try {
            return Fact.of(dom.getMetadata(type.bit(), null, 0));
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
        for (int i = 0; i < n; i++) {
            long base = i * SECURITY_LABEL_SIZE;
            String label = array.getString(base, "UTF-8");
            boolean enforcing = array.getInt(base + SECURITY_LABEL_ENFORCING) == 1;
            labels.add(label.isEmpty() ? "(no label" + (enforcing ? ", enforcing)" : ", not enforcing)")
                : label + (enforcing ? " (enforcing)" : " (permissive)"));
        }
        if (array != null) {
            Native.free(Pointer.nativeValue(array));
        }
        return Fact.of(labels);
    }

    private static Fact<String> controlInfo(Pointer p) {
        // virDomainControlInfo { unsigned int state; unsigned int details; unsigned long long stateTime; }
        try (Memory info = new Memory(16)) {
            if (NativeVirt.LIB.virDomainGetControlInfo(p, info, 0) < 0) {
                return Fact.failed(VirtException.lastError("virDomainGetControlInfo").getMessage());
            }
            int state = info.getInt(0);
            int details = info.getInt(4);
            long ms = info.getLong(8);
            String s = state >= 0 && state < CONTROL.length ? CONTROL[state] : "state " + state;
            if (state == CONTROL_ERROR_STATE && details > 0 && details < CONTROL_ERROR.length) {
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
            if (BlockJobApi.running(dom, disk)) {
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
        // virDomainDiskError { char *disk; int error; }: 16 bytes
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
        calls.on(uuid, dom -> {
            dom.setAutostart(on);
            return null;
        });
    }

    /** Title or description (type "title"/"description"); an empty text removes it. */
    public void setMetadata(String uuid, String which, String text, Affect affect) throws VirtException {
        Metadata type = which.equals("title") ? Metadata.TITLE : Metadata.DESCRIPTION;
        calls.on(uuid, dom -> {
            dom.setMetadata(type.bit(), text == null || text.isEmpty() ? null : text, null, null, affect.bit());
            return null;
        });
    }

    /** The element of {@code namespaceUri}; libvirt's error when the domain has none (unlike title and description, which default to ""). */
    public String customMetadata(String uuid, String namespaceUri) throws VirtException {
        return calls.on(uuid, dom -> dom.getMetadata(Metadata.ELEMENT.bit(), namespaceUri, 0));
    }

    public void setCustomMetadata(String uuid, String xml, String key, String namespaceUri, Affect affect) throws VirtException {
        calls.on(uuid, dom -> {
            dom.setMetadata(Metadata.ELEMENT.bit(), xml == null || xml.isBlank() ? null : xml, key, namespaceUri, affect.bit());
            return null;
        });
    }

    /**
     * Title, description and Vireo's tags of each domain (three small metadata reads each);
     * a domain that is gone by now is left out.
     */
    public List<DomainLabels> labels(Collection<String> uuids) throws VirtException {
        List<DomainLabels> out = new ArrayList<>(uuids.size());
        for (String uuid : uuids) {
            try {
                out.add(calls.on(uuid, dom -> new DomainLabels(uuid, metadataText(dom, Metadata.TITLE, null),
                    metadataText(dom, Metadata.DESCRIPTION, null),
                    DomainTags.parse(metadataText(dom, Metadata.ELEMENT, DomainTags.NAMESPACE)),
                    dom.isActive() == 1 ? leaseAddresses(uuid) : List.of())));
            } catch (VirtException e) {
                if (!"VIR_ERR_NO_DOMAIN".equals(e.codeName())) {
                    throw e;
                }
            }
        }
        return out;
    }

    /** Writes Vireo's tags element (none removes it), in the persistent definition and, when running, the live one. */
    public void setTags(String uuid, List<String> tags) throws VirtException {
        String xml = DomainTags.toXml(tags);
        calls.on(uuid, dom -> {
            Affect affect = dom.isPersistent() != 1 ? Affect.LIVE : dom.isActive() == 1 ? Affect.BOTH : Affect.CONFIG;
            dom.setMetadata(Metadata.ELEMENT.bit(), xml.isEmpty() ? null : xml, DomainTags.KEY, DomainTags.NAMESPACE, affect.bit());
            return null;
        });
    }

    /** The running domain's addresses from its networks' DHCP leases; none when libvirt has none to say. */
    private List<String> leaseAddresses(String uuid) {
        try {
            return new NetworkApi(calls.connection()).domainAddresses(uuid, NetworkApi.SOURCE_LEASE).stream()
                .map(DomainAddress::address).distinct().toList();
        } catch (VirtException e) {
            return List.of();
        }
    }

    /** A metadata text, "" when the domain has none. */
    private static String metadataText(Domain dom, Metadata type, String namespace) throws LibvirtException {
        try {
            String s = dom.getMetadata(type.bit(), namespace, 0);
            return s == null ? "" : s;
        } catch (LibvirtException e) {
            if ("VIR_ERR_NO_DOMAIN_METADATA".equals(VirtException.from(e).codeName())) {
                return "";
            }
            throw e;
        }
    }
}
