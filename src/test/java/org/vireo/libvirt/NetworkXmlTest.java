package org.vireo.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vireo.model.NetworkInfo;

/** What the Networks tab reads from a network's XML, and the disk paths "used by" matches. */
class NetworkXmlTest {
    @Test
    void forwardModeBridgeAddressAndRange() {
        NetworkInfo nat = NetworkApi.info("<network><name>default</name><forward mode='nat'/><bridge name='virbr0'/>"
            + "<ip family='ipv6' address='fd00::1' prefix='64'/>"
            + "<ip address='192.168.122.1' netmask='255.255.255.0'><dhcp><range start='192.168.122.2' end='192.168.122.254'/></dhcp></ip>"
            + "</network>", "u", true, true, true);
        assertEquals("nat", nat.forwardMode());
        assertEquals("virbr0", nat.bridge());
        assertEquals("192.168.122.1/24", nat.ipv4(), "IPv6 skipped, netmask turned into a prefix");
        assertEquals("192.168.122.2 – 192.168.122.254", nat.dhcpRange());
        NetworkInfo iso = NetworkApi.info("<network><name>iso</name><ip address='10.1.0.1' prefix='16'/></network>", "u", false, false, true);
        assertEquals("isolated", iso.forwardMode(), "no forward element: isolated");
        assertEquals("", iso.dhcpRange());
        assertEquals("route", NetworkApi.info("<network><name>r</name><forward mode='route'/></network>", "u", false, false, true).forwardMode());
        assertEquals("nat", NetworkApi.info("<network><name>n</name><forward/></network>", "u", false, false, true).forwardMode(),
            "a forward element without a mode is NAT");
    }

    @Test
    void diskSourcesIncludeBackingChainsAndPoolVolumes() {
        Set<String> paths = StorageApi.diskSources("<domain><devices>"
            + "<disk type='file'><source file='/p/top.qcow2'/><backingStore type='file'><source file='/p/base.qcow2'/></backingStore></disk>"
            + "<disk type='block'><source dev='/dev/vg/lv'/></disk>"
            + "<disk type='volume'><source pool='default' volume='v.img'/></disk>"
            + "<interface type='network'><source network='default'/></interface>"
            + "</devices></domain>");
        assertEquals(Set.of("/p/top.qcow2", "/p/base.qcow2", "/dev/vg/lv", "default/v.img"), paths);
    }
}
