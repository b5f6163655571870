package org.vireo.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The new guest's XML for each install source, and a clone's definition. */
class VmXmlTest {
    private static VmSpec spec(VmSpec.Source source, boolean uefi, NetworkSource net) {
        return new VmSpec("g1", source, "x86_64", "q35", "kvm", uefi, "host-passthrough", 512, 2, "/p/in.qcow2", "/p/x.iso", "",
            "/b/vmlinuz", "/b/initrd", "console=ttyS0", 1L << 30, "qcow2", "default", net, "http://debian.org/debian/11");
    }

    @Test
    void networkBootBootsFromTheNicFirstWithABridge() {
        String xml = VmXml.of(spec(VmSpec.Source.PXE, false, new NetworkSource(NetworkSource.Kind.BRIDGE, "br0", true)), "/p/g1.qcow2");
        assertTrue(xml.indexOf("<boot dev='network'/>") < xml.indexOf("<boot dev='hd'/>"), xml);
        assertTrue(xml.contains("<interface type='bridge'>") && xml.contains("<source bridge='br0'/>"), xml);
        assertFalse(xml.contains("device='cdrom'"));
        assertFalse(xml.contains("firmware='efi'"));
        DomainXml.parse(xml);
    }

    @Test
    void uefiIsoAndAVirtualNetwork() {
        String xml = VmXml.of(spec(VmSpec.Source.ISO, true, new NetworkSource(NetworkSource.Kind.NETWORK, "default", true)), "/p/g1.qcow2");
        assertTrue(xml.contains("<os firmware='efi'>"), xml);
        assertTrue(xml.contains("<source file='/p/x.iso'/>") && xml.contains("bus='sata'"), xml);
        assertTrue(xml.contains("<source network='default'/>"));
        assertTrue(xml.contains("<cpu mode='host-passthrough'/>") && xml.contains("<domain type='kvm'>"));
        assertTrue(xml.contains("discard='unmap'"));
        assertEquals("g1", DomainXml.text(xml, "name"));
    }

    @Test
    void noNetworkLeavesNoInterface() {
        String xml = VmXml.of(spec(VmSpec.Source.KERNEL, false, NetworkSource.NONE), "");
        assertFalse(xml.contains("<interface"));
        assertFalse(xml.contains("device='disk'"), "no disk asked for");
        assertTrue(xml.contains("<kernel>/b/vmlinuz</kernel>") && xml.contains("<cmdline>console=ttyS0</cmdline>"));
    }

    @Test
    void aCloneGetsTheNewNameDisksAndNoUuidOrMac() {
        String xml = "<domain type='qemu'><name>old</name><uuid>1b4e28ba-2fa1-11d2-883f-0016d3cca427</uuid><devices>"
            + "<disk type='file' device='disk'><source file='/p/old.qcow2'/><target dev='vda'/></disk>"
            + "<disk type='file' device='cdrom'><source file='/p/x.iso'/><target dev='sda'/></disk>"
            + "<interface type='ethernet'><mac address='52:54:00:00:00:01'/><target dev='vlold'/></interface>"
            + "<serial type='pty'><log file='/log/old-serial.log'/></serial></devices></domain>";
        assertEquals(java.util.List.of("/p/old.qcow2"), CloneXml.diskPaths(xml), "CD-ROMs are not copied");
        String c = CloneXml.of(xml, "new", Map.of("/p/old.qcow2", "/p/new.qcow2"));
        assertEquals("new", DomainXml.text(c, "name"));
        assertFalse(c.contains("<uuid>") || c.contains("<mac ") || c.contains("vlold"), c);
        assertTrue(c.contains("/p/new.qcow2") && c.contains("/p/x.iso") && c.contains("/log/new-serial.log"), c);
    }
}
