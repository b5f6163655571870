package org.vireo.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vireo.job.Job;
import org.vireo.job.JobState;
import org.vireo.job.Jobs;
import org.vireo.model.NetworkInfo;
import org.vireo.model.NetworkSpec;
import org.vireo.model.PoolInfo;
import org.vireo.model.PoolSpec;
import org.vireo.model.VolumeInfo;
import org.vireo.model.VolumeSpec;
import org.vireo.support.Lab;

/**
 * Storage and networks through the services against the local lab's libvirtd, checked with
 * virsh: a directory pool, volumes created, resized, uploaded, downloaded and deleted, an
 * in-use volume refused, an isolated network defined and deleted (the local lab's daemon
 * shares the machine's network namespace, so no network is started here; see
 * StorageSshLabTest for networks started on an SSH host).
 */
@Tag("lab")
class StorageLabTest {
    private final String tag = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    private final String pool = "vt-pool-" + tag;
    private final String net = "vt-net-" + tag;
    private final String guest = "vt-user-" + tag;
    private HostSession session;
    private StorageService storage;
    private NetworkService networks;
    private Path dir;

    @BeforeEach
    void open() throws Exception {
        session = new HostSession(Lab.uri(), HostOptions.defaults(), s -> { });
        session.start();
        storage = new StorageService(session, new Jobs());
        networks = new NetworkService(session);
        dir = Path.of(System.getenv().getOrDefault("VIREO_LAB_DIR", "/tmp/vireo-lab"), "pools", pool);
        await(session::connection);
    }

    @AfterEach
    void clean() {
        quietly("destroy", guest);
        quietly("undefine", guest);
        for (String v : List.of("a.qcow2", "b.raw", "child.qcow2", "up.bin")) {
            quietly("vol-delete", "--pool", pool, v);
        }
        quietly("pool-destroy", pool);
        quietly("pool-delete", pool);
        quietly("pool-undefine", pool);
        try {
            Files.deleteIfExists(dir); // a directory left by a pool that failed half-way
        } catch (java.io.IOException ignored) {
            // not empty: a volume the test could not delete; its name says whose
        }
        quietly("net-destroy", net);
        quietly("net-undefine", net);
        session.stop();
    }

    static void quietly(String... args) {
        try {
            Lab.virsh(args);
        } catch (AssertionError | RuntimeException ignored) {
            // not there: nothing to clean
        }
    }

    static void await(java.util.function.Supplier<Object> what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (what.get() == null) {
            assertTrue(System.nanoTime() < end, "timed out");
            Thread.sleep(20);
        }
    }

    static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(60, TimeUnit.SECONDS);
    }

    @Test
    void directoryPoolAndVolumesLiveAndDie() throws Exception {
        PoolInfo p = get(storage.createDirPool(new PoolSpec(pool, dir.toString()), false));
        assertEquals("running", p.state());
        assertEquals("dir", p.type());
        assertEquals(dir.toString(), p.targetPath());
        assertTrue(p.capacity() > 0 && p.available() > 0, p.toString());
        assertTrue(Lab.virsh("pool-list", "--all").contains(pool));
        assertTrue(get(storage.pools()).stream().anyMatch(x -> x.name().equals(pool) && x.active()));

        VolumeInfo a = get(storage.createVolume(pool, new VolumeSpec("a.qcow2", 64L << 20, "qcow2", "", "")));
        assertEquals("qcow2", a.format());
        assertEquals(64L << 20, a.capacity());
        assertEquals(dir.resolve("a.qcow2").toString(), a.path());
        assertTrue(Lab.virsh("vol-info", "--pool", pool, "a.qcow2").contains("64.00 MiB"), Lab.virsh("vol-info", "--pool", pool, "a.qcow2"));
        VolumeInfo child = get(storage.createVolume(pool, new VolumeSpec("child.qcow2", 64L << 20, "qcow2", a.path(), "qcow2")));
        assertEquals(a.path(), child.backingPath());
        assertTrue(Lab.virsh("vol-dumpxml", "--pool", pool, "child.qcow2").contains("<backingStore>"));
        VolumeInfo b = get(storage.createVolume(pool, new VolumeSpec("b.raw", 8L << 20, "raw", "", "")));
        assertEquals("raw", b.format());

        get(storage.resizeVolume(pool, "b.raw", 16L << 20, false));
        assertTrue(Lab.virsh("vol-info", "--pool", pool, "b.raw").contains("16.00 MiB"));

        // a duplicate name is refused on the worker before anything is sent
        ExecutionException dup = assertThrows(ExecutionException.class,
            () -> get(storage.createVolume(pool, new VolumeSpec("b.raw", 1L << 20, "raw", "", ""))));
        assertTrue(dup.getCause().getMessage().contains("already has a volume called b.raw"), dup.getCause().getMessage());
        ExecutionException neg = assertThrows(ExecutionException.class, () -> get(storage.resizeVolume(pool, "b.raw", -5, false)));
        assertTrue(neg.getCause().getMessage().contains("more than 0"));

        get(storage.deleteVolume(pool, "child.qcow2", false));
        get(storage.deleteVolume(pool, "b.raw", false));
        assertFalse(Lab.virsh("vol-list", pool).contains("b.raw"));
        assertEquals(List.of("a.qcow2"), get(storage.volumes(pool)).stream().map(VolumeInfo::name).toList());
        get(storage.deleteVolume(pool, "a.qcow2", false));

        get(storage.setPoolAutostart(pool, true));
        assertTrue(get(storage.pools()).stream().anyMatch(x -> x.name().equals(pool) && x.autostart()));
        get(storage.stopPool(pool));
        assertTrue(Lab.virsh("pool-list", "--all").lines().anyMatch(l -> l.contains(pool) && l.contains("inactive")));
        get(storage.startPool(pool));
        get(storage.refreshPool(pool));
        get(storage.deletePool(pool, true));
        assertFalse(Lab.virsh("pool-list", "--all").contains(pool));
        assertFalse(Files.exists(dir), "the pool's empty directory went with it");
    }

    @Test
    void aVolumeADomainUsesIsRefusedUnlessTold() throws Exception {
        get(storage.createDirPool(new PoolSpec(pool, dir.toString()), false));
        VolumeInfo v = get(storage.createVolume(pool, new VolumeSpec("a.qcow2", 16L << 20, "qcow2", "", "")));
        Path xml = Files.createTempFile("vireo-user", ".xml");
        Files.writeString(xml, "<domain type='qemu'><name>" + guest + "</name><memory unit='MiB'>64</memory>"
            + "<os><type arch='x86_64'>hvm</type></os><devices><disk type='file' device='disk'>"
            + "<driver name='qemu' type='qcow2'/><source file='" + v.path() + "'/><target dev='vda' bus='virtio'/>"
            + "</disk></devices></domain>");
        Lab.virsh("define", xml.toString());
        Files.delete(xml);
        Map<String, List<String>> users = get(storage.volumeUsers());
        assertEquals(List.of(guest), users.get(v.path()));
        ExecutionException refused = assertThrows(ExecutionException.class, () -> get(storage.deleteVolume(pool, "a.qcow2", false)));
        assertInstanceOf(StorageService.VolumeInUseException.class, refused.getCause());
        assertTrue(refused.getCause().getMessage().contains(guest), refused.getCause().getMessage());
        assertTrue(Lab.virsh("vol-list", pool).contains("a.qcow2"), "still there");
        get(storage.deleteVolume(pool, "a.qcow2", true));
        assertFalse(Lab.virsh("vol-list", pool).contains("a.qcow2"));

        // a disk that names the volume by pool and name (type 'volume') counts as well
        get(storage.createVolume(pool, new VolumeSpec("b.raw", 8L << 20, "raw", "", "")));
        Lab.virsh("undefine", guest);
        Path xml2 = Files.createTempFile("vireo-user", ".xml");
        Files.writeString(xml2, "<domain type='qemu'><name>" + guest + "</name><memory unit='MiB'>64</memory>"
            + "<os><type arch='x86_64'>hvm</type></os><devices><disk type='volume' device='disk'>"
            + "<driver name='qemu' type='raw'/><source pool='" + pool + "' volume='b.raw'/><target dev='vda' bus='virtio'/>"
            + "</disk></devices></domain>");
        Lab.virsh("define", xml2.toString());
        Files.delete(xml2);
        ExecutionException byName = assertThrows(ExecutionException.class, () -> get(storage.deleteVolume(pool, "b.raw", false)));
        assertInstanceOf(StorageService.VolumeInUseException.class, byName.getCause());
        get(storage.deleteVolume(pool, "b.raw", true));
    }

    @Test
    void uploadAndDownloadMatchByteForByte() throws Exception {
        get(storage.createDirPool(new PoolSpec(pool, dir.toString()), false));
        byte[] data = new byte[3 * 1024 * 1024 + 12345];
        new Random(42).nextBytes(data);
        Path src = Files.createTempFile("vireo-up", ".bin");
        Path back = Files.createTempFile("vireo-down", ".bin");
        try {
            Files.write(src, data);
            Job up = storage.upload(src, pool, "up.bin");
            up.done().get(120, TimeUnit.SECONDS);
            assertEquals(JobState.SUCCEEDED, up.state());
            assertEquals(data.length, up.stats().dataProcessed());
            assertEquals(data.length, up.stats().dataTotal());
            Path onHost = dir.resolve("up.bin");
            assertArrayEquals(data, Files.readAllBytes(onHost), "the file in the pool equals the upload");
            Job down = get(storage.download(pool, "up.bin", back));
            down.done().get(120, TimeUnit.SECONDS);
            assertEquals(JobState.SUCCEEDED, down.state());
            assertArrayEquals(data, Files.readAllBytes(back));
        } finally {
            Files.deleteIfExists(src);
            Files.deleteIfExists(back);
        }
    }

    @Test
    void isolatedNetworkIsDefinedListedAndDeleted() throws Exception {
        NetworkSpec spec = new NetworkSpec(net, false, "10.231.9.0/24", "10.231.9.100", "10.231.9.150");
        NetworkInfo n = get(networks.create(spec, false, false));
        assertEquals("isolated", n.forwardMode());
        assertEquals("10.231.9.1/24", n.ipv4());
        assertEquals("10.231.9.100", n.dhcpStart());
        assertFalse(n.active());
        assertTrue(Lab.virsh("net-list", "--all").contains(net));
        ExecutionException dup = assertThrows(ExecutionException.class, () -> get(networks.create(spec, false, false)));
        assertTrue(dup.getCause().getMessage().contains("already has a network called"), dup.getCause().getMessage());
        get(networks.delete(net));
        assertFalse(Lab.virsh("net-list", "--all").contains(net));
    }
}
