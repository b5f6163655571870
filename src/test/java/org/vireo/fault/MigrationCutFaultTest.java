package org.vireo.fault;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.vireo.ssh.SshConnector;
import org.vireo.ssh.SshPrompter;
import org.vireo.ssh.SshSessions;
import org.vireo.support.Await;
import org.vireo.support.TwoHostLab;

/**
 * A live migration hostA to hostB (2 MiB/s) whose SSH link to the source is cut mid-way (a
 * relay on 127.0.0.1 in front of hostA's sshd cuts its connections; the guest's data goes
 * host to host and is not cut). The job fails with the reason, hostA comes back by itself,
 * and the guest is running on exactly one host and not defined on the other.
 */
@Tag("lab")
class MigrationCutFaultTest {
    private static final String GUEST = "fault-migcut";
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

    private static String uuidOf(HostSession s, String name) {
        return s.current().domains().stream().filter(d -> d.name().equals(name)).map(DomainSummary::uuid).findFirst().orElse(null);
    }

    private static String where() {
        return "A: " + TwoHostLab.state("A", GUEST) + ", B: " + TwoHostLab.state("B", GUEST);
    }

    @Test
    void aMigrationWhoseSourceLinkIsCutLeavesTheGuestInExactlyOnePlace() throws Exception {
        TwoHostLab.removeEverywhere(GUEST);
        TwoHostLab.guest("A", GUEST, "start");
        TwoHostLab.awaitBooted("A", GUEST);
        FaultLinks.Slow relay = new FaultLinks.Slow(TwoHostLab.ip("A"), 22, 0);
        cleanup.add(relay);
        String known = TwoHostLab.read(Path.of(TwoHostLab.get("TWOHOST_KNOWN_HOSTS")))
            + "[127.0.0.1]:" + relay.port() + " " + TwoHostLab.hostKeyLine("A") + "\n";
        SshSessions sessions = new SshSessions(TwoHostLab.sshHome(tmp, known, ""), SshPrompter.NONE);
        cleanup.add(sessions::closeAll);
        SshConnector c = new SshConnector(sessions);
        List<org.vireo.model.HostSnapshot> seenA = new java.util.concurrent.CopyOnWriteArrayList<>();
        HostSession a = new HostSession("qemu+ssh://root@127.0.0.1:" + relay.port() + "/system?keyfile=" + TwoHostLab.key(),
            HostOptions.defaults(), c, seenA::add);
        HostSession b = new HostSession("qemu+ssh://labB/system", HostOptions.defaults(), c, snap -> { });
        cleanup.add(a::stop);
        cleanup.add(b::stop);
        a.start();
        b.start();
        Await.until(Duration.ofSeconds(30), "both hosts connected, the guest on A", () -> a.current().state() == ConnectionState.CONNECTED
            && b.current().state() == ConnectionState.CONNECTED && uuidOf(a, GUEST) != null);
        String uuid = uuidOf(a, GUEST);
        MigrationOptions slow = new MigrationOptions(MigrationOptions.Mode.DIRECT, false, true, true,
            MigrationOptions.Storage.SHARED, List.of(), 2, 0, List.of(), false, false, true, "", "", "", "");
        Job job = new MigrationService(new Jobs()).migrate(a, b, uuid, GUEST, slow);
        Await.until(Duration.ofSeconds(20), "the migration is under way",
            () -> TwoHostLab.virsh("A", "domjobinfo", GUEST).contains("Unbounded"));

        relay.cutAll();
        job.done().handle((ok, err) -> null).get(60, TimeUnit.SECONDS);
        System.out.printf("[figure] migration with the source's SSH link cut: %s (%s); right after: %s%n", job.state(), job.error(), where());
        assertNotEquals(JobState.SUCCEEDED, job.state(), job.error());
        assertTrue(!job.error().isBlank(), "the failure says why");
        Await.until(Duration.ofSeconds(15), "hostA shown down", () -> seenA.stream().anyMatch(s -> s.state() == ConnectionState.DISCONNECTED));
        Await.until(Duration.ofSeconds(30), "hostA back by itself", () -> a.current().state() == ConnectionState.CONNECTED);
        Await.until(Duration.ofSeconds(30), "the guest settled in one place (" + where() + ")", () -> {
            String sa = TwoHostLab.state("A", GUEST);
            String sb = TwoHostLab.state("B", GUEST);
            return (sa.equals("running") && sb.isEmpty()) || (sb.equals("running") && sa.isEmpty());
        });
        System.out.printf("[figure] after the link came back: %s%n", where());
    }
}
