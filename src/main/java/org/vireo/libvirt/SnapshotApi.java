package org.vireo.libvirt;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.libvirt.DomainBlockInfo;
import org.libvirt.DomainSnapshot;
import org.libvirt.LibvirtException;
import org.vireo.model.DomainFlags;
import org.vireo.model.DomainFlags.SnapshotCreate;
import org.vireo.model.DomainXml;
import org.vireo.model.SnapshotInfo;
import org.vireo.model.SnapshotPlan;
import org.vireo.model.SnapshotSource;

/**
 * A domain's snapshots: the list with their parents, what the wizard needs to plan one, and
 * create, revert and delete. Runs on a host worker or a job's own thread.
 */
public final class SnapshotApi {
    private final DomainCalls calls;

    public SnapshotApi(VirtConnection connection) {
        this.calls = new DomainCalls(connection);
    }

    public List<SnapshotInfo> snapshots(String uuid) throws VirtException {
        return calls.on(uuid, dom -> {
            PointerByReference out = new PointerByReference();
            int n = NativeVirt.LIB.virDomainListAllSnapshots(BindingPointers.of(dom), out, 0);
            DomainCalls.check(n, "virDomainListAllSnapshots");
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
        return calls.on(uuid, dom -> {
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
            return new SnapshotSource(dom.getName(), active, dom.getInfo().memory, calls.binding().getLibVersion(), agent, disks);
        });
    }

    private static String attr(org.w3c.dom.Element parent, String child, String name) {
        org.w3c.dom.NodeList l = parent.getElementsByTagName(child);
        return l.getLength() == 0 ? "" : ((org.w3c.dom.Element) l.item(0)).getAttribute(name);
    }

    private static String firstImage(SnapshotSource source) {
        return source.disks().stream().filter(SnapshotSource.Disk::snapshotable).map(SnapshotSource.Disk::file).findFirst().orElse(null);
    }

    /**
     * virDomainSnapshotCreateXML for the wizard's plan. Internal: QEMU's own snapshot inside every
     * qcow2 image (with the memory when the guest runs). External: an overlay per chosen disk
     * ({@link SnapshotPlan#overlayFor}), the other disks left out; with memory, its file beside the
     * first image. Atomic; quiesce freezes the guest's filesystems through the agent meanwhile.
     * {@code writes} is told, before libvirt starts, the files on the host the snapshot writes
     * (its memory file, then its overlays; none for an internal one).
     */
    public String createSnapshot(String uuid, SnapshotPlan plan, java.util.function.Consumer<List<String>> writes) throws VirtException {
        return calls.on(uuid, dom -> {
            SnapshotSource source = snapshotSource(uuid);
            String name = plan.name().strip();
            StringBuilder xml = new StringBuilder("<domainsnapshot><name>").append(DomainXml.escape(name)).append("</name>");
            if (plan.description() != null && !plan.description().isBlank()) {
                xml.append("<description>").append(DomainXml.escape(plan.description())).append("</description>");
            }
            Set<SnapshotCreate> flags = java.util.EnumSet.noneOf(SnapshotCreate.class);
            List<String> files = new ArrayList<>();
            switch (plan.kind()) {
                case INTERNAL -> { }
                case EXTERNAL_DISKS -> flags.addAll(Set.of(SnapshotCreate.DISK_ONLY, SnapshotCreate.ATOMIC));
                case EXTERNAL_MEMORY -> {
                    files.add(SnapshotPlan.memoryFileFor(source.domain(), firstImage(source), name));
                    xml.append("<memory snapshot='external' file='").append(DomainXml.escape(files.getLast())).append("'/>");
                    flags.add(SnapshotCreate.ATOMIC);
                }
            }
            if (plan.kind() != SnapshotPlan.Kind.INTERNAL) {
                xml.append("<disks>");
                for (SnapshotSource.Disk d : source.disks()) {
                    if (plan.disks().contains(d.target()) && d.snapshotable()) {
                        files.add(SnapshotPlan.overlayFor(d.file(), name));
                        xml.append("<disk name='").append(DomainXml.escape(d.target())).append("' snapshot='external'><driver type='qcow2'/><source file='")
                            .append(DomainXml.escape(files.getLast())).append("'/></disk>");
                    } else {
                        xml.append("<disk name='").append(DomainXml.escape(d.target())).append("' snapshot='no'/>");
                    }
                }
                xml.append("</disks>");
            }
            if (plan.quiesce()) {
                flags.add(SnapshotCreate.QUIESCE); // fsfreeze through the guest agent around the disk snapshot
            }
            xml.append("</domainsnapshot>");
            writes.accept(List.copyOf(files));
            DomainSnapshot snap = dom.snapshotCreateXML(xml.toString(), DomainFlags.mask(flags));
            try {
                return DomainXml.text(snap.getXMLDesc(), "name");
            } finally {
                snap.free();
            }
        });
    }

    /** virDomainRevertToSnapshot; no flags: the state the snapshot recorded. */
    public void revertToSnapshot(String uuid, String name, Set<DomainFlags.SnapshotRevert> flags) throws VirtException {
        int mask = DomainFlags.mask(flags);
        calls.onSnapshot(uuid, name, snap -> DomainCalls.check(NativeVirt.LIB.virDomainRevertToSnapshot(snap, mask), "virDomainRevertToSnapshot"));
    }

    public void deleteSnapshot(String uuid, String name, DomainFlags.SnapshotDelete mode) throws VirtException {
        calls.onSnapshot(uuid, name, snap -> DomainCalls.check(NativeVirt.LIB.virDomainSnapshotDelete(snap, mode.bit()), "virDomainSnapshotDelete"));
    }
}
