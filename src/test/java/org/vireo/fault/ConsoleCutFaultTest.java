package org.vireo.fault;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vireo.console.ConsoleService;
import org.vireo.console.SerialConsole;
import org.vireo.host.HostOptions;
import org.vireo.host.HostSession;
import org.vireo.model.ConnectionState;
import org.vireo.ssh.SshConnector;
import org.vireo.ssh.SshEnvironment;
import org.vireo.ssh.SshPrompter;
import org.vireo.ssh.SshSessions;
import org.vireo.support.Await;
import org.vireo.support.TwoHostLab;

/**
 * hostB's serial console open over SSH (through a relay on 127.0.0.1 in front of its sshd),
 * then the link cut: the console's reader ends with a reason at once instead of hanging,
 * the host comes back by itself, and the console opens and answers again.
 */
@Tag("lab")
class ConsoleCutFaultTest {
    @TempDir
    Path tmp;
    private FaultLinks.Slow relay;
    private HostSession session;
    private SshSessions sessions;
    private final java.util.List<org.vireo.model.HostSnapshot> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

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
    }

    /** Reads until {@code text} has come by, on a thread of its own; completes with what was read, or -1 / the failure. */
    private static CompletableFuture<String> readUntil(SerialConsole c, String text) {
        CompletableFuture<String> out = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("console reader").start(() -> {
            StringBuilder seen = new StringBuilder();
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = c.read(buf)) >= 0) {
                    seen.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    if (!text.isEmpty() && seen.toString().contains(text)) {
                        out.complete(seen.toString());
                        return;
                    }
                }
                out.complete("END");
            } catch (IOException e) {
                out.complete("FAILED: " + e.getMessage());
            }
        });
        return out;
    }

    @Test
    void aConsoleCutByTheLinkEndsWithAReasonAndOpensAgainOnceTheHostIsBack() throws Exception {
        relay = new FaultLinks.Slow(TwoHostLab.ip("B"), 22, 0);
        String known = TwoHostLab.read(Path.of(TwoHostLab.get("TWOHOST_KNOWN_HOSTS")))
            + "[127.0.0.1]:" + relay.port() + " " + TwoHostLab.hostKeyLine("B") + "\n";
        SshEnvironment env = TwoHostLab.sshHome(tmp, known, "");
        sessions = new SshSessions(env, SshPrompter.NONE);
        SshConnector connector = new SshConnector(sessions);
        session = new HostSession("qemu+ssh://root@127.0.0.1:" + relay.port() + "/system?keyfile=" + TwoHostLab.key(),
            HostOptions.defaults(), connector, seen::add);
        session.start();
        Await.until(Duration.ofSeconds(30), "hostB through the relay", () -> session.current().state() == ConnectionState.CONNECTED
            && !session.current().domains().isEmpty());
        String guest = TwoHostLab.runningGuest("B");
        String uuid = session.current().domains().stream().filter(d -> d.name().equals(guest)).findFirst().orElseThrow().uuid();
        ConsoleService consoles = new ConsoleService(session, connector);

        SerialConsole first = consoles.openSerial(uuid, true);
        CompletableFuture<String> echo = readUntil(first, "vireo-fault-1");
        first.write("echo vireo-fault-1\n".getBytes(StandardCharsets.US_ASCII));
        echo.get(20, TimeUnit.SECONDS);
        CompletableFuture<String> ended = readUntil(first, "");
        relay.cutAll();
        long t0 = System.nanoTime();
        String end = ended.get(20, TimeUnit.SECONDS);
        System.out.printf("[figure] console after the cut: %s after %d ms%n", end, (System.nanoTime() - t0) / 1_000_000);
        assertTrue(end.equals("END") || end.startsWith("FAILED: ") && end.length() > "FAILED: ".length(), end);
        first.close();

        Await.until(Duration.ofSeconds(15), "hostB shown down", () -> seen.stream().anyMatch(x -> x.state() == ConnectionState.DISCONNECTED));
        Await.until(Duration.ofSeconds(30), "hostB back by itself", () -> session.current().state() == ConnectionState.CONNECTED);
        try (SerialConsole again = consoles.openSerial(uuid, true)) {
            CompletableFuture<String> echo2 = readUntil(again, "vireo-fault-2");
            again.write("echo vireo-fault-2\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(echo2.get(20, TimeUnit.SECONDS).contains("vireo-fault-2"));
        }
    }
}
