package org.vireo.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vireo.host.CreateVmService;
import org.vireo.host.HostOptions;
import org.vireo.host.HostSession;
import org.vireo.job.Job;
import org.vireo.job.JobState;
import org.vireo.job.Jobs;
import org.vireo.libvirt.VirtConnection;
import org.vireo.model.ConnectionState;
import org.vireo.model.NetworkSource;
import org.vireo.model.VmPlatform;
import org.vireo.model.VmSpec;
import org.vireo.support.Await;
import org.vireo.support.CreateLab;
import org.vireo.support.GuestShell;
import org.vireo.support.TwoHostLab;

/**
 * Creating a guest on an SSH host (the two-host lab's hostA through Vireo's own SSH session):
 * an ISO of this computer uploaded into hostA's pool arrives byte for byte, its volume label
 * is read back through the pool, and the guest boots from it and answers on its serial console.
 */
@Tag("lab")
@Timeout(300)
class CreateVmSshLabTest {
    @TempDir
    Path tmp;
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private String name;

    @AfterEach
    void close() throws Exception {
        if (name != null) {
            TwoHostLab.removeEverywhere(name);
            for (String v : List.of(name + ".qcow2", name + "-media.iso")) {
                try {
                    TwoHostLab.virsh("A", "vol-delete", "--pool", "default", v);
                } catch (AssertionError ignored) {
                    // not made
                }
            }
        }
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    @Test
    void isoUploadedOverSshMatchesByteForByteAndTheGuestBoots() throws Exception {
        name = CreateLab.unique("ssh-iso");
        SshSessions sessions = new SshSessions(TwoHostLab.sshHome(tmp, null, ""), SshPrompter.NONE);
        cleanup.add(sessions::closeAll);
        HostSession a = new HostSession("qemu+ssh://labA/system", HostOptions.defaults(), new SshConnector(sessions), s -> { });
        cleanup.add(a::stop);
        a.start();
        Await.until(Duration.ofSeconds(20), "labA connected", () -> a.current().state() == ConnectionState.CONNECTED);
        CreateVmService service = new CreateVmService(a, new Jobs());

        // the lab ISO with 8 MiB of random bytes behind it: a byte lost or moved shows
        Path iso = tmp.resolve(name + "-media.iso");
        byte[] noise = new byte[8 << 20];
        new java.util.Random(13).nextBytes(noise);
        Files.write(iso, Files.readAllBytes(CreateLab.ASSETS.resolve("lab.iso")));
        Files.write(iso, noise, java.nio.file.StandardOpenOption.APPEND);

        VmPlatform p = service.choices().get(30, TimeUnit.SECONDS).platforms().getFirst();
        VmSpec spec = new VmSpec(name, VmSpec.Source.ISO, p.arch(), p.preferredMachine(), "qemu", false, p.preferredCpuMode("qemu"),
            128, 1, "", "", iso.toString(), "", "", "", 16L << 20, "qcow2", "default", NetworkSource.NONE, "");
        Job job = service.create(spec, null, null, null);
        job.done().handle((ok, err) -> null).get(120, TimeUnit.SECONDS);
        assertEquals(JobState.SUCCEEDED, job.state(), job.error());
        double mbs = Files.size(iso) / 1e6 / (job.elapsedMillis() / 1000.0);
        System.out.printf("[figure] create over SSH with a %.1f MB ISO upload: %d ms (%.1f MB/s including define and start)%n",
            Files.size(iso) / 1e6, job.elapsedMillis(), mbs);

        Path back = tmp.resolve("back.iso");
        TwoHostLab.virsh("A", "vol-download", "--pool", "default", name + "-media.iso", back.toString());
        assertArrayEquals(sha256(iso), sha256(back), "the uploaded volume matches the file byte for byte");

        String volPath = TwoHostLab.virsh("A", "vol-path", "--pool", "default", name + "-media.iso");
        assertEquals("VIREO_LAB", service.isoLabel(volPath).get(30, TimeUnit.SECONDS), "label read through the remote pool");
        assertEquals("running", TwoHostLab.state("A", name));
        try (VirtConnection c = VirtConnection.open(TwoHostLab.uri("A"))) {
            GuestShell shell = GuestShell.open(c, TwoHostLab.virsh("A", "domuuid", name));
            try {
                long end = System.currentTimeMillis() + 120_000;
                while (true) {
                    try {
                        assertTrue(shell.run("echo $((6*7))", 4000).contains("42"));
                        break;
                    } catch (AssertionError e) {
                        if (System.currentTimeMillis() > end) {
                            throw e;
                        }
                    }
                }
            } finally {
                shell.close();
            }
        }
    }

    private static byte[] sha256(Path p) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
    }
}
