package org.vireo.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vireo.job.Job;
import org.vireo.job.JobState;
import org.vireo.job.Jobs;
import org.vireo.model.CreateChoices;
import org.vireo.model.DiskUse;
import org.vireo.model.NetworkSource;
import org.vireo.model.VmPlatform;
import org.vireo.model.VmSpec;
import org.vireo.support.CreateLab;
import org.vireo.support.Lab;

/**
 * Creating, cloning and deleting guests through {@link CreateVmService} against the lab's
 * libvirtd: real QEMU guests booted by direct kernel boot, from an imported disk and from an
 * ISO; each answers on its serial console; checked with virsh.
 */
@Tag("lab")
@Timeout(300)
class CreateVmServiceLabTest {
    static final String POOL = "vireo-create";
    private final Jobs jobs = new Jobs();
    private final List<String> made = new ArrayList<>();
    private HostSession session;
    private CreateVmService service;
    private Path bigFile;

    @BeforeEach
    void start() {
        CreateLab.pool(POOL);
        session = new HostSession(Lab.uri(), HostOptions.defaults(), s -> { });
        session.start();
        long end = System.currentTimeMillis() + 30_000;
        while (session.connection() == null) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("no connection to the lab");
            }
            Thread.onSpinWait();
        }
        service = new CreateVmService(session, jobs);
    }

    @AfterEach
    void stop() throws Exception {
        for (String name : made) {
            CreateLab.remove(name, POOL);
        }
        session.stop();
        if (bigFile != null) {
            Files.deleteIfExists(bigFile);
        }
    }

    private String name(String prefix) {
        String n = CreateLab.unique(prefix);
        made.add(n);
        return n;
    }

    private VmPlatform x86() throws Exception {
        CreateChoices c = service.choices().get(30, TimeUnit.SECONDS);
        return c.platforms().stream().filter(p -> p.arch().equals("x86_64")).findFirst().orElseThrow();
    }

    private VmSpec spec(String name, VmSpec.Source source, String importPath, String iso, String localIso, String kernel,
                        String initrd, long disk) throws Exception {
        VmPlatform p = x86();
        // the lab runs TCG guests: /dev/kvm may be there, but it cannot run them (nested, MSR errors)
        return new VmSpec(name, source, p.arch(), p.preferredMachine(), "qemu", false, p.preferredCpuMode("qemu"), 128, 1,
            importPath, iso, localIso, kernel, initrd, kernel == null ? "" : "console=ttyS0 quiet", disk, "qcow2", POOL,
            NetworkSource.USER, "");
    }

    private static void figure(String what, Job job, long shellMs) {
        System.out.printf("[figure] create by %s: job %d ms (volume, define, start), then %d ms until the serial shell answered%n",
            what, job.elapsedMillis(), shellMs);
    }

    private static Job await(Job job) throws Exception {
        try {
            job.done().get(120, TimeUnit.SECONDS);
            return job;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(job + ": " + job.error(), e);
        }
    }

    @Test
    void platformsComeFromTheHostsCapabilities() throws Exception {
        VmPlatform p = x86();
        assertTrue(p.domainTypes().contains("qemu"), "TCG is always offered: " + p.domainTypes());
        assertEquals(p.domainTypes().contains("kvm") ? "kvm" : "qemu", p.domainType(), "KVM first where the host has it");
        assertTrue(p.machines().contains("q35"), p.machines().toString());
        assertEquals("q35", p.preferredMachine());
        assertEquals("maximum", p.preferredCpuMode("qemu"), "virt-install's choice on TCG");
        assertEquals("host-passthrough", p.preferredCpuMode("kvm"));
        assertFalse(p.uefi(), "the lab has no OVMF installed: its domain capabilities list no efi firmware");
    }

    @Test
    void directKernelBootGuestRunsAndAnswersOnItsSerialConsole() throws Exception {
        String n = name("cvm-kernel");
        Job job = await(service.create(spec(n, VmSpec.Source.KERNEL, "", "", "", CreateLab.ASSETS.resolve("vmlinuz").toString(),
            CreateLab.ASSETS.resolve("initrd.img").toString(), 16L << 20), null, null, null));
        assertEquals("running", Lab.state(n));
        String xml = Lab.virsh("dumpxml", n);
        assertTrue(xml.contains("machine='pc-q35"), "q35: " + xml);
        for (String device : List.of("model='qemu-xhci'", "type='tablet' bus='usb'", "org.qemu.guest_agent.0",
            "<rng model='virtio'>", "<memballoon model='virtio'", "address='127.0.0.1'", "bus='virtio'", "<model type='virtio'/>")) {
            assertTrue(xml.contains(device), device + " in " + xml);
        }
        assertTrue(CreateLab.volumes(POOL).contains(n + ".qcow2"), "the new disk volume");
        figure("direct kernel boot", job, CreateLab.awaitSerialShell(n, 90_000));
    }

    @Test
    void importedDiskBootsAndCloneAndDeleteWork() throws Exception {
        String n = name("cvm-import");
        String disk = CreateLab.copyIntoPool(POOL, "disk.qcow2", n + "-src.qcow2");
        Job job = await(service.create(spec(n, VmSpec.Source.IMPORT, disk, "", "", null, null, 0), null, null, null));
        assertEquals("running", Lab.state(n));
        figure("import", job, CreateLab.awaitSerialShell(n, 120_000));

        // clone: refused while it runs, then done shut off
        String c = name("cvm-clone");
        String uuid = Lab.virsh("domuuid", n);
        Job refused = service.cloneDomain(uuid, n, c);
        assertThrowsExecution(refused);
        assertEquals(JobState.FAILED, refused.state());
        assertTrue(refused.error().contains("Shut"), refused.error());
        Lab.virsh("destroy", n);
        Job cloned = await(service.cloneDomain(uuid, n, c));
        System.out.printf("[figure] clone of a 16 MiB qcow2 disk (virStorageVolCreateXMLFrom) and define: %d ms%n", cloned.elapsedMillis());
        String cloneXml = Lab.virsh("dumpxml", c);
        String srcXml = Lab.virsh("dumpxml", n);
        assertTrue(cloneXml.contains(c + ".qcow2"), cloneXml);
        assertFalse(Lab.virsh("domuuid", c).equals(uuid));
        assertFalse(mac(cloneXml).equals(mac(srcXml)), "a new MAC");
        assertTrue(CreateLab.volumes(POOL).contains(c + ".qcow2"));
        Lab.virsh("start", c);
        CreateLab.awaitSerialShell(c, 120_000);

        // delete the original: its own volume checked, and nothing of the clone touched
        List<DiskUse> disks = service.disksOf(uuid).get(30, TimeUnit.SECONDS);
        assertEquals(1, disks.size(), disks.toString());
        assertEquals("", disks.getFirst().refusal());
        assertEquals(List.of(), service.delete(uuid, List.of(disks.getFirst().path())).get(30, TimeUnit.SECONDS));
        assertFalse(CreateLab.domainExists(n));
        assertFalse(CreateLab.volumes(POOL).contains(n + "-src.qcow2"), "the chosen volume is deleted");
        assertTrue(CreateLab.volumes(POOL).contains(c + ".qcow2"), "the clone's volume stays");
        assertEquals("running", Lab.state(c));
    }

    @Test
    void deleteNeverRemovesAVolumeAnotherDomainUses() throws Exception {
        String a = name("cvm-share-a");
        String b = name("cvm-share-b");
        String disk = CreateLab.copyIntoPool(POOL, "disk.qcow2", a + "-shared.qcow2");
        // two domains on one disk (defined, not started: both may not write to it)
        for (String n : List.of(a, b)) {
            String xml = "<domain type='qemu'><name>" + n + "</name><memory unit='MiB'>64</memory><os><type arch='x86_64'>hvm</type></os>"
                + "<devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='" + disk
                + "'/><target dev='vda' bus='virtio'/></disk></devices></domain>";
            Path f = Files.createTempFile("cvm", ".xml");
            Files.writeString(f, xml);
            Lab.virsh("define", f.toString());
            Files.delete(f);
        }
        String uuid = Lab.virsh("domuuid", a);
        List<DiskUse> disks = service.disksOf(uuid).get(30, TimeUnit.SECONDS);
        assertEquals(List.of(b), disks.getFirst().otherUsers());
        assertTrue(disks.getFirst().refusal().contains(b));
        // even when asked, the service keeps it
        assertEquals(List.of(disk), service.delete(uuid, List.of(disk)).get(30, TimeUnit.SECONDS));
        assertFalse(CreateLab.domainExists(a));
        assertTrue(CreateLab.volumes(POOL).contains(a + "-shared.qcow2"));
    }

    @Test
    void isoFromAPoolBootsAndItsLabelIsReadThroughThePool() throws Exception {
        String n = name("cvm-iso");
        String iso = CreateLab.copyIntoPool(POOL, "lab.iso", n + "-lab.iso");
        assertEquals("VIREO_LAB", service.isoLabel(iso).get(30, TimeUnit.SECONDS));
        Job job = await(service.create(spec(n, VmSpec.Source.ISO, "", iso, "", null, null, 16L << 20), null, null, null));
        assertEquals("running", Lab.state(n));
        assertTrue(Lab.virsh("dumpxml", n).contains(iso));
        figure("ISO (a pool volume)", job, CreateLab.awaitSerialShell(n, 120_000));
    }

    @Test
    void aNameClashIsRefusedBeforeAnythingIsMade() throws Exception {
        List<String> before = CreateLab.volumes(POOL);
        assertTrue(service.nameClash(Lab.ALPHA).get(30, TimeUnit.SECONDS).contains("already exists"));
        Job job = service.create(spec(Lab.ALPHA, VmSpec.Source.KERNEL, "", "", "", CreateLab.ASSETS.resolve("vmlinuz").toString(),
            CreateLab.ASSETS.resolve("initrd.img").toString(), 16L << 20), null, null, null);
        assertThrowsExecution(job);
        assertEquals(JobState.FAILED, job.state());
        assertEquals(before, CreateLab.volumes(POOL), "no volume made");
        assertEquals("running", Lab.state(Lab.ALPHA));
    }

    @Test
    void cancelDuringTheUploadLeavesNothingBehind() throws Exception {
        String n = name("cvm-cancel");
        // a large local "ISO" so the upload lasts: the lab ISO followed by zeros
        bigFile = Files.createTempFile("vireo-big", ".iso");
        Files.copy(CreateLab.ASSETS.resolve("lab.iso"), bigFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (var f = new java.io.RandomAccessFile(bigFile.toFile(), "rw")) {
            f.setLength(512L << 20);
        }
        List<String> before = CreateLab.volumes(POOL);
        Job job = service.create(spec(n, VmSpec.Source.ISO, "", "", bigFile.toString(), null, null, 16L << 20), null, null, null);
        long end = System.currentTimeMillis() + 60_000;
        while (job.stats().dataProcessed() <= 0) {
            if (System.currentTimeMillis() > end || job.state().finished()) {
                throw new AssertionError("upload never started: " + job + " " + job.error());
            }
            Thread.sleep(5);
        }
        assertTrue(CreateLab.volumes(POOL).contains(n + ".qcow2"), "the disk was made before the upload");
        jobs.cancel(job);
        assertThrowsExecution(job);
        assertEquals(JobState.CANCELLED, job.state(), job.error());
        System.out.printf("[figure] create cancelled during the upload: %d ms from Cancel to cancelled and cleaned up (%d of %d MB sent)%n",
            job.cancelMillis(), job.stats().dataProcessed() >> 20, job.stats().dataTotal() >> 20);
        assertTrue(job.stats().dataProcessed() < job.stats().dataTotal(), "cancelled half-way");
        assertEquals(before, CreateLab.volumes(POOL), "the disk and the partial upload are deleted");
        assertFalse(CreateLab.domainExists(n));
    }

    private static String mac(String xml) {
        int i = xml.indexOf("<mac address='");
        return i < 0 ? "" : xml.substring(i, i + 32);
    }

    private static void assertThrowsExecution(Job job) throws Exception {
        try {
            job.done().get(120, TimeUnit.SECONDS);
            throw new AssertionError(job + " should have failed");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
            // expected
        }
    }
}
