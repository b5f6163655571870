package org.vireo.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vireo.host.HostOptions;
import org.vireo.host.HostSession;
import org.vireo.host.StorageService;
import org.vireo.job.Job;
import org.vireo.job.JobState;
import org.vireo.job.Jobs;
import org.vireo.model.ConnectionState;
import org.vireo.ssh.SshConnector;
import org.vireo.ssh.SshEnvironment;
import org.vireo.ssh.SshPrompter;
import org.vireo.ssh.SshSessions;
import org.vireo.support.Await;
import org.vireo.support.TwoHostLab;

/**
 * The SSH link to hostB cut in the middle of an upload into its default pool, then restored
 * (a relay on 127.0.0.1 in front of its sshd, slowed so the upload lasts, cuts its
 * connections). The job fails with the reason; the host comes back by itself; and the
 * half-written volume, which the job could not delete over the dead link, is gone once the
 * host is back.
 */
@Tag("lab")
class UploadCutFaultTest {
    private static final String VOLUME = "fault-upload.img";
    @TempDir
    Path tmp;
    private FaultLinks.Slow relay;
    private HostSession session;
    private SshSessions sessions;

    @AfterEach
    void close() throws Exception {
        if (session != null) {
            session.stop();
        }
        if (sessions != null) {
            sessions.closeAll();
        }
        if (relay != null) {
            relay.close();
        }
        try {
            TwoHostLab.virsh("B", "vol-delete", "--pool", "default", VOLUME);
        } catch (AssertionError ignored) {
            // gone, as it should be
        }
    }

    private static boolean volumeOnB() {
        return TwoHostLab.virsh("B", "vol-list", "--pool", "default").contains(VOLUME);
    }

    @Test
    void anUploadCutByTheLinkFailsAndLeavesNoHalfVolumeOnceTheHostIsBack() throws Exception {
        relay = new FaultLinks.Slow(TwoHostLab.ip("B"), 22, 5); // 5 ms per chunk: about 3 MB/s at most
        String known = TwoHostLab.read(Path.of(TwoHostLab.get("TWOHOST_KNOWN_HOSTS")))
            + "[127.0.0.1]:" + relay.port() + " " + TwoHostLab.hostKeyLine("B") + "\n";
        SshEnvironment env = TwoHostLab.sshHome(tmp, known, "");
        sessions = new SshSessions(env, SshPrompter.NONE);
        session = new HostSession("qemu+ssh://root@127.0.0.1:" + relay.port() + "/system?keyfile=" + TwoHostLab.key(),
            HostOptions.defaults(), new SshConnector(sessions), snap -> { });
        session.start();
        Await.until(Duration.ofSeconds(30), "hostB through the relay", () -> session.current().state() == ConnectionState.CONNECTED);

        Path file = tmp.resolve("disk.img");
        byte[] data = new byte[64 << 20];
        new Random(14).nextBytes(data);
        Files.write(file, data);
        Job job = new StorageService(session, new Jobs()).upload(file, "default", VOLUME);
        Await.until(Duration.ofSeconds(30), "the upload is under way", () -> job.stats().dataProcessed() > (4 << 20));
        assertTrue(volumeOnB(), "the upload made its volume");
        relay.cutAll();
        job.done().handle((ok, err) -> null).get(30, TimeUnit.SECONDS);
        System.out.printf("[figure] upload cut after %d MiB: %s (%s)%n", job.stats().dataProcessed() >> 20, job.state(), job.error());
        assertEquals(JobState.FAILED, job.state());
        assertFalse(job.error().isBlank(), "the failure says why");

        Await.until(Duration.ofSeconds(30), "hostB back by itself", () -> session.current().state() == ConnectionState.CONNECTED);
        Await.until(Duration.ofSeconds(15), "the half-written volume gone", () -> !volumeOnB());
    }
}
