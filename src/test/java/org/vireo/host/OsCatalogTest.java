package org.vireo.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vireo.model.OsVariant;

/** The osinfo database (Debian's osinfo-db, installed by the test script) read with the JDK's parser; ISO labels. */
class OsCatalogTest {
    private static OsCatalog catalog;

    @BeforeAll
    static void read() {
        long t0 = System.nanoTime();
        catalog = OsCatalog.read(OsCatalog.DEFAULT_DIR);
        System.out.printf("[figure] osinfo database read: %d OSes in %d ms%n", catalog.all().size(), (System.nanoTime() - t0) / 1_000_000);
    }

    @Test
    void readsTheOsesWithTheirRecommendedResources() {
        assertTrue(catalog.all().size() > 500, "osinfo-db holds ~800 files: " + catalog.all().size());
        OsVariant d = catalog.byShortId("debian11").orElseThrow();
        assertEquals("Debian 11", d.name());
        assertEquals("http://debian.org/debian/11", d.id());
        assertEquals(1L << 30, d.ramBytes());
        assertEquals(20L << 30, d.storageBytes());
        assertTrue(catalog.search("debian 11").contains(d));
        assertTrue(catalog.search("fedora").stream().allMatch(o -> o.name().toLowerCase().contains("fedora")
            || o.shortId().contains("fedora") || o.family().contains("fedora")));
    }

    @Test
    void detectsAnOsFromItsIsoVolumeId() {
        assertEquals("debian11", catalog.detect("Debian 11.5.0 amd64 n").orElseThrow().shortId());
        assertEquals("alpinelinux3.17", catalog.detect("alpine-virt 3.17.0 x86_64").orElseThrow().shortId());
        assertTrue(catalog.detect("VIREO_LAB").isEmpty(), "an unknown label detects nothing (generic)");
    }

    @Test
    void readsTheVolumeIdOfAnIso9660Image() {
        byte[] head = new byte[IsoLabel.HEAD];
        head[32768] = 1;
        System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, head, 32769, 5);
        byte[] label = String.format("%-32s", "Debian 12.4.0 amd64 n").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(label, 0, head, 32768 + 40, 32);
        assertEquals("Debian 12.4.0 amd64 n", IsoLabel.of(head));
        head[32769] = 'X';
        assertEquals("", IsoLabel.of(head), "no CD001: not an ISO 9660 image");
    }

    @Test
    void namesSortNaturally() {
        assertTrue(OsCatalog.naturalCompare("Debian 9", "Debian 10") < 0);
    }
}
