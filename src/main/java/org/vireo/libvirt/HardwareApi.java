package org.vireo.libvirt;

import com.sun.jna.Pointer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.libvirt.DomainBlockInfo;
import org.libvirt.LibvirtException;
import org.libvirt.Stream;
import org.vireo.model.BlockDetails;
import org.vireo.model.DomainDevice;
import org.vireo.model.DomainFlags;
import org.vireo.model.DomainFlags.Affect;
import org.vireo.model.DomainFlags.XmlDesc;
import org.vireo.model.DomainXml;
import org.vireo.model.HardwareInfo;

/**
 * A domain's hardware: vCPUs and memory (live and saved), devices, disk sizes, its XML and
 * definition, raw reads of its memory and disks, screenshots. Runs on a host worker.
 */
public final class HardwareApi {
    private final DomainCalls calls;

    public HardwareApi(VirtConnection connection) {
        this.calls = new DomainCalls(connection);
    }

    public HardwareInfo hardware(String uuid) throws VirtException {
        return calls.on(uuid, dom -> {
            Pointer p = BindingPointers.of(dom);
            boolean active = dom.isActive() == 1;
            boolean persistent = dom.isPersistent() == 1;
            int liveCur = active ? vcpus(p, Affect.LIVE.bit()) : -1;
            int liveMax = active ? vcpus(p, Affect.LIVE.bit() | DomainFlags.Vcpus.MAXIMUM.bit()) : -1;
            int cfgCur = persistent ? vcpus(p, Affect.CONFIG.bit()) : -1;
            int cfgMax = persistent ? vcpus(p, Affect.CONFIG.bit() | DomainFlags.Vcpus.MAXIMUM.bit()) : -1;
            int hvMax = active ? NativeVirt.LIB.virDomainGetMaxVcpus(p) : -1;
            if (hvMax < 0) {
                NativeVirt.LIB.virResetLastError();
            }
            String liveXml = dom.getXMLDesc(0);
            String cfgXml = persistent ? dom.getXMLDesc(XmlDesc.INACTIVE.bit()) : liveXml;
            long memLive = active ? kib(liveXml, "currentMemory") : -1;
            // virDomainGetMaxMemory: the running guest's ceiling as libvirt reports it (the XML's <memory> for config)
            long maxLive = active ? dom.getMaxMemory() : -1;
            long memCfg = persistent ? kib(cfgXml, "currentMemory") : -1;
            long maxCfg = persistent ? kib(cfgXml, "memory") : -1;
            List<DomainDevice> devices = DomainXml.devices(liveXml);
            List<BlockDetails> blocks = new ArrayList<>();
            for (String disk : DomainXml.diskTargets(liveXml)) {
                if (active && BlockJobApi.running(dom, disk)) {
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
        return DomainCalls.check(NativeVirt.LIB.virDomainGetVcpusFlags(p, flags), "virDomainGetVcpusFlags");
    }

    /** virDomainSetVcpusFlags; {@code maximum} sets the maximum (config only). */
    public void setVcpus(String uuid, int count, boolean maximum, Affect affect) throws VirtException {
        int flags = affect.bit() | (maximum ? DomainFlags.Vcpus.MAXIMUM.bit() : 0);
        calls.call(uuid, "virDomainSetVcpusFlags", p -> NativeVirt.LIB.virDomainSetVcpusFlags(p, count, flags));
    }

    /** virDomainSetMemoryFlags in KiB; {@code maximum} sets the maximum. */
    public void setMemory(String uuid, long kib, boolean maximum, Affect affect) throws VirtException {
        int flags = affect.bit() | (maximum ? DomainFlags.Memory.MAXIMUM.bit() : 0);
        calls.call(uuid, "virDomainSetMemoryFlags", p -> NativeVirt.LIB.virDomainSetMemoryFlags(p, kib, flags));
    }

    public void attachDevice(String uuid, String xml, Affect affect) throws VirtException {
        calls.on(uuid, dom -> {
            dom.attachDeviceFlags(xml, affect.bit());
            return null;
        });
    }

    public void detachDevice(String uuid, String xml, Affect affect) throws VirtException {
        calls.on(uuid, dom -> {
            dom.detachDeviceFlags(xml, affect.bit());
            return null;
        });
    }

    public void updateDevice(String uuid, String xml, Affect affect, boolean force) throws VirtException {
        int flags = affect.bit() | (force ? DomainFlags.DeviceModify.FORCE.bit() : 0);
        calls.on(uuid, dom -> dom.updateDeviceFlags(xml, flags));
    }

    /** virDomainBlockResize to {@code bytes}. */
    public void blockResize(String uuid, String disk, long bytes) throws VirtException {
        calls.on(uuid, dom -> {
            dom.blockResize(disk, bytes, DomainFlags.BlockResize.BYTES.bit());
            return null;
        });
    }

    /** virDomainGetXMLDesc: the live definition, or with {@link XmlDesc#INACTIVE} the saved one. */
    public String xml(String uuid, Set<XmlDesc> flags) throws VirtException {
        return calls.on(uuid, dom -> dom.getXMLDesc(DomainFlags.mask(flags)));
    }

    /** virDomainDefineXMLFlags with VALIDATE: the domain is redefined only if libvirt accepts the whole document. */
    public void define(String xml) throws VirtException {
        Pointer dom = NativeVirt.LIB.virDomainDefineXMLFlags(calls.connection().connPointer(), xml, DomainFlags.Define.VALIDATE.bit());
        if (dom == null) {
            throw VirtException.lastError("virDomainDefineXMLFlags");
        }
        NativeVirt.LIB.virDomainFree(dom);
    }

    /** virDomainScreenshot of screen 0 as PNG (or whatever the hypervisor sends: PPM from QEMU) bytes. */
    public byte[] screenshot(String uuid) throws VirtException {
        return calls.on(uuid, dom -> {
            Stream stream = calls.binding().streamNew(0);
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
        calls.call(uuid, "virDomainMemoryPeek",
            p -> NativeVirt.LIB.virDomainMemoryPeek(p, start, size, buf, DomainFlags.MemoryPeek.PHYSICAL.bit()));
        return buf;
    }

    public byte[] blockPeek(String uuid, String disk, long offset, int size) throws VirtException {
        byte[] buf = new byte[size];
        calls.call(uuid, "virDomainBlockPeek", p -> NativeVirt.LIB.virDomainBlockPeek(p, disk, offset, size, buf, 0));
        return buf;
    }
}
