package org.vireo.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vireo.host.HostOptions;
import org.vireo.host.HostSession;
import org.vireo.host.MigrationService;
import org.vireo.job.Job;
import org.vireo.job.JobState;
import org.vireo.job.Jobs;
import org.vireo.model.ConnectionState;
import org.vireo.model.DomainSummary;
import org.vireo.model.MigrationOptions;
import org.vireo.support.Await;
import org.vireo.support.TwoHostLab;

/**
 * Migration between two hosts reached over SSH: Vireo's sessions carry only control (the
 * data goes host to host), and each host still has exactly one SSH handshake (sshd's log).
 */
@Tag("lab")
class MigrationSshLabTest {
    private static final String GUEST = "mig-ssh";
    @TempDir
    Path tmp;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
        TwoHostLab.removeEverywhere(GUEST);
    }

    private HostSession host(SshConnector c, String h) {
        HostSession s = new HostSession("qemu+ssh://lab" + h + "/system", HostOptions.defaults(), c, snap -> { });
        cleanup.add(s::stop);
        s.start();
        Await.until(Duration.ofSeconds(20), "lab" + h + " connected", () -> s.current().state() == ConnectionState.CONNECTED);
        return s;
    }

    private static String uuidOf(HostSession s, String name) {
        return s.current().domains().stream().filter(d -> d.name().equals(name)).map(DomainSummary::uuid).findFirst().orElse(null);
    }

    @Test
    void liveMigrationBetweenSshHostsThenBackWithOneHandshakePerHost() throws Exception {
        TwoHostLab.removeEverywhere(GUEST);
        TwoHostLab.guest("A", GUEST, "start");
        SshSessions sessions = new SshSessions(TwoHostLab.sshHome(tmp, null, ""), SshPrompter.NONE);
        cleanup.add(sessions::closeAll);
        SshConnector c = new SshConnector(sessions);
        int beforeA = TwoHostLab.handshakes("A");
        int beforeB = TwoHostLab.handshakes("B");
        HostSession a = host(c, "A");
        HostSession b = host(c, "B");
        Await.until(Duration.ofSeconds(20), GUEST + " listed on A", () -> uuidOf(a, GUEST) != null);
        String uuid = uuidOf(a, GUEST);
        MigrationService service = new MigrationService(new Jobs());
        MigrationOptions unsafe = new MigrationOptions(MigrationOptions.Mode.DIRECT, false, true, true,
            MigrationOptions.Storage.SHARED, List.of(), 0, 0, List.of(), false, false, true, "", "", "", "");

        Job there = service.migrate(a, b, uuid, GUEST, unsafe);
        there.done().handle((ok, err) -> null).get();
        assertEquals(JobState.SUCCEEDED, there.state(), there.error());
        assertEquals("running", TwoHostLab.state("B", GUEST));
        assertEquals("", TwoHostLab.state("A", GUEST));
        Await.until(Duration.ofSeconds(20), "B lists it", () -> uuid.equals(uuidOf(b, GUEST)));
        Await.until(Duration.ofSeconds(20), "A no longer lists it", () -> uuidOf(a, GUEST) == null);

        Job back = service.migrate(b, a, uuid, GUEST, unsafe);
        back.done().handle((ok, err) -> null).get();
        assertEquals(JobState.SUCCEEDED, back.state(), back.error());
        assertEquals("running", TwoHostLab.state("A", GUEST));
        assertEquals("", TwoHostLab.state("B", GUEST));

        assertEquals(1, TwoHostLab.handshakes("A") - beforeA, "SSH handshakes to hostA");
        assertEquals(1, TwoHostLab.handshakes("B") - beforeB, "SSH handshakes to hostB");
        assertTrue(there.stats().dataTotal() > 0, "figures of the finished migration: " + there.stats());
        System.out.printf("[figure] live migration over SSH-connected hosts: A->B %d ms, B->A %d ms, 1 handshake per host%n",
            there.elapsedMillis(), back.elapsedMillis());
    }
}
