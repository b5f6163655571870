package org.vireo.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vireo.host.HostOptions;
import org.vireo.host.HostSession;
import org.vireo.model.ConnectionState;
import org.vireo.model.HostSnapshot;
import org.vireo.ssh.SshConnector;
import org.vireo.ssh.SshEnvironment;
import org.vireo.ssh.SshPrompter;
import org.vireo.ssh.SshSessions;
import org.vireo.support.Await;

/**
 * Hosts that cannot be reached, on loopback (no lab needed): a black hole (TCP accepted,
 * nothing answers), a refused port, a name that does not resolve; over libvirt's own TCP
 * transport and over Vireo's SSH. Each shows its reason within the connect timeout, says
 * when the next try is, and a healthy host beside it keeps its pace.
 */
class ConnectFaultTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    /** Scheduling slack on a loaded 2-core machine on top of the timeout. */
    private static final Duration SLACK = Duration.ofSeconds(3);

    @TempDir
    Path tmp;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    private HostSession session(String uri, org.vireo.host.HostConnector connector, java.util.function.Consumer<HostSnapshot> seen) {
        HostOptions o = HostOptions.defaults().withConnectTimeout(TIMEOUT).withPollInterval(Duration.ofMillis(500));
        HostSession s = new HostSession(uri, o, connector, seen);
        cleanup.add(s::stop);
        return s;
    }

    private SshConnector ssh() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(".ssh"));
        // SSH's own limit under the host's, as in the app (8 s under 10 s): its reason is the more precise one
        SshEnvironment env = new SshEnvironment(dir, dir.resolve("config"), dir.resolve("known_hosts"), Optional.empty(),
            TIMEOUT.minusSeconds(1), Duration.ofSeconds(2), 3);
        SshSessions sessions = new SshSessions(env, SshPrompter.NONE);
        cleanup.add(sessions::closeAll);
        return new SshConnector(sessions);
    }

    /** A healthy host (libvirt's test driver) whose refreshes the test counts while the broken one fails. */
    private AtomicInteger healthyTicks() {
        AtomicInteger ticks = new AtomicInteger();
        HostSession ok = session("test:///default", org.vireo.host.HostConnector.DIRECT, s -> {
            if (s.state() == ConnectionState.CONNECTED) {
                ticks.incrementAndGet();
            }
        });
        ok.start();
        Await.until(Duration.ofSeconds(10), "the healthy host connects", () -> ticks.get() > 0);
        return ticks;
    }

    /** Starts the host, waits for its first failure and returns it with how long it took. */
    private Failure firstFailure(String uri, org.vireo.host.HostConnector connector) {
        HostSession s = session(uri, connector, snap -> { });
        long t0 = System.nanoTime();
        s.start();
        Await.until(TIMEOUT.plus(SLACK).plus(SLACK), uri + " disconnected with a reason",
            () -> s.current().state() == ConnectionState.DISCONNECTED && !s.current().error().isBlank());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        HostSnapshot snap = s.current();
        System.out.printf("[figure] %s: reason shown after %d ms: %s%n", uri, ms, snap.error());
        assertTrue(snap.nextTryAtMillis() > System.currentTimeMillis() - 1000, "the next try is announced: " + snap.nextTryAtMillis());
        return new Failure(s, snap.error(), ms);
    }

    private record Failure(HostSession session, String reason, long millis) {
    }

    private static void within(Failure f, Duration limit) {
        assertTrue(f.millis() <= limit.toMillis(), "reason shown after " + f.millis() + " ms, limit " + limit.toMillis());
    }

    @Test
    void aBlackHoleOverLibvirtTcpIsNamedWithinTheConnectTimeoutAndHoldsOneThread() throws Exception {
        FaultLinks.Silent hole = new FaultLinks.Silent();
        cleanup.add(hole);
        AtomicInteger ticks = healthyTicks();
        int before = ticks.get();
        String uri = "qemu+tcp://127.0.0.1:" + hole.port() + "/system";
        Failure f = firstFailure(uri, org.vireo.host.HostConnector.DIRECT);
        within(f, TIMEOUT.plus(SLACK));
        assertTrue(f.reason().contains("No answer within 3 s"), f.reason());
        // the healthy host polled on (every 0.5 s) while the black hole was waited for
        assertTrue(ticks.get() - before >= 3, "healthy host refreshes meanwhile: " + (ticks.get() - before));
        // the retry (after 1 s) waits for the same stuck open: still one thread for this host
        long announced = f.session().current().nextTryAtMillis();
        Await.until(TIMEOUT.plus(SLACK).plus(SLACK), "a second failed try",
            () -> f.session().current().nextTryAtMillis() > announced);
        long openThreads = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("open " + uri)).count();
        assertEquals(1, openThreads, "threads opening " + uri);
    }

    @Test
    void aBlackHoleOverSshIsNamedWithinTheConnectTimeout() throws Exception {
        FaultLinks.Silent hole = new FaultLinks.Silent();
        cleanup.add(hole);
        AtomicInteger ticks = healthyTicks();
        int before = ticks.get();
        Failure f = firstFailure("qemu+ssh://root@127.0.0.1:" + hole.port() + "/system", ssh());
        within(f, TIMEOUT.plus(SLACK));
        assertTrue(f.reason().startsWith("Host unreachable: 127.0.0.1:" + hole.port()), f.reason());
        assertTrue(f.reason().contains("no SSH greeting"), f.reason());
        assertTrue(ticks.get() - before >= 3, "healthy host refreshes meanwhile: " + (ticks.get() - before));
    }

    @Test
    void aRefusedPortIsNamedAtOnce() throws Exception {
        int port = FaultLinks.refusedPort();
        Failure tcp = firstFailure("qemu+tcp://127.0.0.1:" + port + "/system", org.vireo.host.HostConnector.DIRECT);
        within(tcp, SLACK);
        assertTrue(tcp.reason().contains("Connection refused"), tcp.reason());
        Failure ssh = firstFailure("qemu+ssh://root@127.0.0.1:" + port + "/system", ssh());
        within(ssh, SLACK);
        assertTrue(ssh.reason().startsWith("Host unreachable") && ssh.reason().contains("Connection refused"), ssh.reason());
    }

    /**
     * A malformed URI that reaches a host session from elsewhere than the dialogs (a hand-edited
     * settings file): refused with the dialogs' message, for good (no retry), libvirt never asked.
     */
    @Test
    void aMalformedUriGivenToAHostIsRefusedBeforeLibvirtAndNotRetried() {
        // those ConnectionUri refuses; SSH's own parameters are refused by the SSH connector (SshTargetTest, SshLabTest)
        List<String> bad = MalformedInputFaultTest.badUris()
            .filter(u -> u.length() < 200 && org.vireo.model.ConnectionUri.problem(u).isPresent()).limit(60).toList();
        AtomicInteger opened = new AtomicInteger();
        org.vireo.host.HostConnector counting = uri -> {
            opened.incrementAndGet();
            return org.vireo.host.HostConnector.DIRECT.open(uri);
        };
        for (String uri : bad) {
            HostSession s = session(uri, counting, snap -> { });
            s.start();
            Await.until(SLACK, uri + " refused", () -> s.current().state() == ConnectionState.DISCONNECTED && !s.current().error().isBlank());
            assertEquals(org.vireo.model.ConnectionUri.problem(uri).orElseThrow(), s.current().error(), uri);
            assertEquals(0, s.current().nextTryAtMillis(), uri + ": not retried");
        }
        assertEquals(0, opened.get(), "opens that reached libvirt");
        System.out.printf("[figure] %d malformed URIs given to host sessions: all refused before libvirt%n", bad.size());
    }

    /** A name that does not resolve (FaultResolver fails it without a DNS query leaving the machine). */
    @Test
    void aNameThatDoesNotResolveIsNamedAtOnce() throws Exception {
        String name = "nohost" + FaultResolver.FAILING;
        Failure f = firstFailure("qemu+ssh://root@" + name + "/system", ssh());
        within(f, SLACK);
        assertEquals("Host name not found: " + name + " does not resolve (DNS, /etc/hosts or the HostName of ~/.ssh/config).",
            f.reason());
    }

    /**
     * The same over libvirt's own transports. Vireo resolves the name first (libvirt would ask the
     * machine's DNS server through glibc, which the tests may not; the JVM's resolver is the tests'
     * FaultResolver): the same plain reason, retried like any network failure.
     */
    @Test
    void aNameThatDoesNotResolveOverLibvirtsTransportsIsNamedAtOnce() throws Exception {
        for (String scheme : List.of("qemu+tcp", "qemu+tls", "qemu", "qemu+libssh2")) {
            String name = scheme.replace('+', '-') + FaultResolver.FAILING;
            Failure f = firstFailure(scheme + "://" + name + "/system", org.vireo.host.HostConnector.DIRECT);
            within(f, SLACK);
            assertEquals("Host name not found: " + name + " does not resolve (DNS or /etc/hosts).", f.reason());
        }
    }
}
