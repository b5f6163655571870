package org.vireo.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vireo.model.ConnectionState;
import org.vireo.model.DomainAction;
import org.vireo.model.DomainState;
import org.vireo.model.DomainSummary;
import org.vireo.model.HostSnapshot;

/** A host session against the test driver: publishing, events, actions, failures. */
class HostSessionTestDriverTest {
    private final LinkedBlockingQueue<HostSnapshot> published = new LinkedBlockingQueue<>();
    private HostSession session;

    @AfterEach
    void stop() {
        if (session != null) {
            session.stop();
        }
    }

    private HostSnapshot awaitSnapshot(Predicate<HostSnapshot> what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            HostSnapshot s = published.poll(100, TimeUnit.MILLISECONDS);
            if (s != null && what.test(s)) {
                return s;
            }
        }
        throw new AssertionError("no matching snapshot; last: " + session.current());
    }

    @Test
    void publishesTheDomainsOnceConnected() throws Exception {
        session = new HostSession("test:///default", HostOptions.defaults(), published::add);
        session.start();
        HostSnapshot s = awaitSnapshot(x -> x.state() == ConnectionState.CONNECTED);
        assertEquals(1, s.domains().size());
        DomainSummary test = s.domains().getFirst();
        assertEquals("test", test.name());
        assertEquals(DomainState.RUNNING, test.state());
        assertEquals(2, test.vcpus());
        assertTrue(test.memoryKiB() > 0);
    }

    /** A page's late follow-up call after the host was closed gets a failed future, not an exception thrown on the FX thread. */
    @Test
    void aCallAfterStopFailsItsFutureInsteadOfThrowing() throws Exception {
        session = new HostSession("test:///default", HostOptions.defaults(), published::add);
        session.start();
        awaitSnapshot(x -> x.state() == ConnectionState.CONNECTED);
        session.stop();
        var late = session.submit(c -> "never");
        var e = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
            () -> late.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof IllegalStateException && e.getCause().getMessage().contains("closed"), e.getCause().toString());
        session = null;
    }

    @Test
    void actionsChangeStateThroughTheEventWithoutWaitingForThePoll() throws Exception {
        // a poll so slow that only the lifecycle event can explain a quick update
        session = new HostSession("test:///default", HostOptions.defaults().withPollInterval(Duration.ofMinutes(10)), published::add);
        session.start();
        String uuid = awaitSnapshot(x -> x.state() == ConnectionState.CONNECTED).domains().getFirst().uuid();
        session.perform(uuid, DomainAction.PAUSE).get(5, TimeUnit.SECONDS);
        HostSnapshot paused = awaitSnapshot(x -> !x.domains().isEmpty() && x.domains().getFirst().state() == DomainState.PAUSED);
        assertEquals("user", paused.domains().getFirst().status().reason());
    }

    @Test
    void aMalformedUriIsReportedAndNotRetried() throws Exception {
        session = new HostSession("qemu:///sys tem", HostOptions.defaults(), published::add);
        session.start();
        HostSnapshot s = awaitSnapshot(x -> x.state() == ConnectionState.DISCONNECTED);
        // refused by Vireo's own check, with the dialogs' words, before libvirt is asked
        assertEquals("A libvirt URI has no spaces or control characters (at position 12).", s.error());
        // a retry would publish CONNECTING again after the first backoff step (1 s)
        assertEquals(null, published.poll(1500, TimeUnit.MILLISECONDS));
    }

    @Test
    void aMissingDaemonIsReportedAndRetried() throws Exception {
        session = new HostSession("qemu+unix:///system?socket=/nonexistent/sock", HostOptions.defaults(), published::add);
        session.start();
        HostSnapshot s = awaitSnapshot(x -> x.state() == ConnectionState.DISCONNECTED);
        assertTrue(s.error().contains("/nonexistent/sock"), s.error());
        awaitSnapshot(x -> x.state() == ConnectionState.CONNECTING);
    }
}
