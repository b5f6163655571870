package org.vireo.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the New network / New volume / New pool dialogs refuse, and the XML libvirt gets. */
class StorageSpecsTest {
    private static String problems(NetworkSpec s) {
        return String.join(" | ", s.problems(List.of("default")));
    }

    @Test
    void networkSpecsSayWhatIsWrong() {
        assertEquals("", problems(new NetworkSpec("lan2", true, "10.210.0.0/24", "10.210.0.2", "10.210.0.254")));
        assertEquals("", problems(new NetworkSpec("lan2", false, "10.210.0.0/24", "", "")), "DHCP is optional");
        assertTrue(problems(new NetworkSpec("", true, "10.210.0.0/24", "", "")).contains("Name: enter a name."));
        assertTrue(problems(new NetworkSpec("a b", true, "10.210.0.0/24", "", "")).contains("Name: letters, digits"));
        assertTrue(problems(new NetworkSpec("default", true, "10.210.0.0/24", "", "")).contains("already has a network called default"));
        for (String bad : List.of("10.210.0.0", "10.300.0.0/24", "10.210.0/24", "x/24", "10.210.0.0/ 24", "10.210.0.0/33")) {
            assertTrue(problems(new NetworkSpec("n", true, bad, "", "")).contains("IPv4 network:"), bad);
        }
        assertTrue(problems(new NetworkSpec("n", true, "10.0.0.0/4", "", "")).contains("prefix must be 8 to 30"));
        assertTrue(problems(new NetworkSpec("n", true, "10.210.0.255/24", "", "")).contains("broadcast"));
        assertTrue(problems(new NetworkSpec("n", true, "10.210.0.0/24", "10.211.0.2", "10.211.0.9"))
            .contains("DHCP range: 10.211.0.2 – 10.211.0.9 is outside 10.210.0.0/24 (usable 10.210.0.1 – 10.210.0.254)."));
        assertTrue(problems(new NetworkSpec("n", true, "10.210.0.0/24", "10.210.0.0", "10.210.0.9")).contains("outside"),
            "the network address itself is not usable");
        assertTrue(problems(new NetworkSpec("n", true, "10.210.0.0/24", "10.210.0.9", "10.210.0.2")).contains("first address comes after"));
        assertTrue(problems(new NetworkSpec("n", true, "10.210.0.0/24", "10.210.0.1", "10.210.0.9")).contains("host's own address 10.210.0.1"));
        assertTrue(problems(new NetworkSpec("n", true, "10.210.0.0/24", "10.210.0.2", "")).contains("enter both"));
    }

    @Test
    void networkXmlTakesTheFirstAddressOrTheOneWritten() {
        NetworkSpec nat = new NetworkSpec("lan2", true, "10.210.4.0/24", "10.210.4.100", "10.210.4.200");
        assertEquals("10.210.4.1", nat.hostAddress());
        String xml = nat.xml();
        assertTrue(xml.contains("<forward mode='nat'/>"), xml);
        assertTrue(xml.contains("<ip address='10.210.4.1' prefix='24'>"), xml);
        assertTrue(xml.contains("<range start='10.210.4.100' end='10.210.4.200'/>"), xml);
        NetworkSpec iso = new NetworkSpec("iso", false, "10.210.5.7/16", "", "");
        assertEquals("10.210.5.7", iso.hostAddress());
        assertTrue(!iso.xml().contains("forward") && !iso.xml().contains("dhcp"), iso.xml());
    }

    @Test
    void volumeSpecsAndSizes() {
        assertEquals(10L << 30, Sizes.parse("10", "GiB"));
        assertEquals(1536L << 20, Sizes.parse("1.5", "GiB"));
        assertEquals(1L << 20, Sizes.parse("0.1", "MiB"), "rounded up to whole MiB");
        assertEquals(-1, Sizes.parse("-5", "GiB"));
        assertEquals(-1, Sizes.parse("0", "GiB"));
        assertEquals(-1, Sizes.parse("ten", "GiB"));
        assertEquals(-1, Sizes.parse("2000", "TiB"), "beyond 1 PiB");
        assertEquals("1.5 GiB", Sizes.format(1536L << 20));
        assertEquals("64 MiB", Sizes.format(64L << 20));
        List<String> names = List.of("a.qcow2");
        assertEquals(List.of(), new VolumeSpec("b.qcow2", 1L << 30, "qcow2", "", "").problems(names));
        assertTrue(String.join(" ", new VolumeSpec("a.qcow2", 1L << 30, "qcow2", "", "").problems(names)).contains("already has a volume"));
        assertTrue(String.join(" ", new VolumeSpec("x/y", 1L << 30, "qcow2", "", "").problems(names)).contains("no '/'"));
        assertTrue(String.join(" ", new VolumeSpec("b", -1, "qcow2", "", "").problems(names)).contains("Size: must be more than 0."));
        assertTrue(String.join(" ", new VolumeSpec("b", 1, "raw", "/p/a.qcow2", "qcow2").problems(names)).contains("only a qcow2"));
        String xml = new VolumeSpec("b.qcow2", 1L << 30, "qcow2", "/p/a.qcow2", "qcow2").xml();
        assertTrue(xml.contains("<capacity unit='bytes'>1073741824</capacity>") && xml.contains("<path>/p/a.qcow2</path>"), xml);
        assertTrue(String.join(" ", new PoolSpec("p", "relative/dir").problems(List.of())).contains("absolute path"));
        assertTrue(String.join(" ", new PoolSpec("p", "/x").problems(List.of("p"))).contains("already has a pool called p"));
    }
}
