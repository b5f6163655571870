package org.vireo.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vireo.host.HostOptions;
import org.vireo.host.HostSession;
import org.vireo.model.ConnectionState;
import org.vireo.model.HostSnapshot;
import org.vireo.ssh.SshConnector;
import org.vireo.ssh.SshPrompter;
import org.vireo.ssh.SshSessions;
import org.vireo.support.Await;
import org.vireo.support.Lab;
import org.vireo.support.TwoHostLab;

/**
 * hostB's libvirtd killed under a host reached over SSH: kill -9 leaves the daemon's socket
 * file behind, so sshd's "connect failed" came with a socket that exists, which Vireo took
 * for an sshd forbidding the forwarding - a permanent error, never retried: the host stayed
 * down after the daemon came back. Now the host says libvirt is not running there, retries,
 * and comes back by itself.
 */
@Tag("lab")
class SshDaemonKillFaultTest {
    @TempDir
    Path tmp;
    private HostSession session;
    private SshSessions sessions;

    @AfterEach
    void close() {
        Lab.run(TwoHostLab.get("TWOHOST_SCRIPT"), "start-daemon", "B", TwoHostLab.get("TWOHOST_DIR"));
        if (session != null) {
            session.stop();
        }
        if (sessions != null) {
            sessions.closeAll();
        }
    }

    @Test
    void aDaemonKilledBehindSshIsRetriedNotBlamedOnSshdAndComesBack() {
        sessions = new SshSessions(TwoHostLab.sshHome(tmp, null, ""), SshPrompter.NONE);
        List<HostSnapshot> seen = new CopyOnWriteArrayList<>();
        session = new HostSession("qemu+ssh://labB/system", HostOptions.defaults(), new SshConnector(sessions), seen::add);
        session.start();
        Await.until(Duration.ofSeconds(20), "labB listed", () -> session.current().state() == ConnectionState.CONNECTED
            && !session.current().domains().isEmpty());

        Lab.run(TwoHostLab.get("TWOHOST_SCRIPT"), "kill-daemon", "B", TwoHostLab.get("TWOHOST_DIR"));
        Await.until(Duration.ofSeconds(20), "a reconnect attempt failed with the daemon's absence",
            () -> seen.stream().anyMatch(s -> s.error().startsWith("libvirt is not running on")));
        HostSnapshot down = seen.stream().filter(s -> s.error().startsWith("libvirt is not running on")).findFirst().orElseThrow();
        System.out.printf("[figure] killed daemon behind SSH: %s%n", down.error());
        assertTrue(down.error().contains("nothing listens"), down.error());
        assertTrue(seen.stream().noneMatch(s -> s.error().contains("AllowStreamLocalForwarding")), "not blamed on sshd");
        assertTrue(down.nextTryAtMillis() > 0, "retried");

        Lab.run(TwoHostLab.get("TWOHOST_SCRIPT"), "start-daemon", "B", TwoHostLab.get("TWOHOST_DIR"));
        long t0 = System.nanoTime();
        Await.until(Duration.ofSeconds(30), "labB back by itself", () -> session.current().state() == ConnectionState.CONNECTED
            && !session.current().domains().isEmpty());
        System.out.printf("[figure] reconnected over SSH %d ms after the daemon returned%n", (System.nanoTime() - t0) / 1_000_000);
        assertEquals(TwoHostLab.guests("B"), session.current().domains().stream().map(d -> d.name()).sorted().toList());
    }
}
