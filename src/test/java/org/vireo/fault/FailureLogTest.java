package org.vireo.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.vireo.support.Await;
import org.vireo.host.DomainService;
import org.vireo.host.HostOptions;
import org.vireo.host.HostSession;
import org.vireo.job.Jobs;
import org.vireo.model.ConnectionState;
import org.vireo.model.HostSnapshot;

/**
 * The log is where a user (or we) find out what went wrong after the fact: every failure is
 * recorded with the host's URI and libvirt's error, and an unreachable host's retries back
 * off to a cap, each saying when the next try is, in the log and on the host.
 */
class FailureLogTest {
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(HostSession.class);
    private HostSession session;

    @BeforeEach
    void listen() {
        // no level set here: the shipped logback.xml (the test JVM's too) must record these at INFO
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void stop() {
        if (session != null) {
            session.stop();
        }
        logger.detachAppender(log);
    }

    private List<String> lines() {
        // the appender adds under its own lock (AppenderBase.doAppend is synchronized); read under it too
        synchronized (log) {
            return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @Test
    void anUnreachableHostsRetriesBackOffToTheCapAndEachSaysWhenTheNextTryIs() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens there, loopback refuses at once
        }
        String uri = "qemu+tcp://127.0.0.1:" + port + "/system";
        List<HostSnapshot> seen = new CopyOnWriteArrayList<>();
        session = new HostSession(uri, HostOptions.defaults().withMaxBackoff(Duration.ofSeconds(2)), seen::add);
        session.start();
        Pattern next = Pattern.compile(Pattern.quote(uri) + " unreachable \\((.+)\\): next try in (\\d+) ms");
        Await.until(Duration.ofSeconds(20), "four tries logged", () -> lines().stream().filter(l -> next.matcher(l).find()).count() >= 4);

        List<Long> waits = lines().stream().map(next::matcher).filter(Matcher::find).map(m -> Long.parseLong(m.group(2))).toList();
        System.out.printf("[figure] retries of a refused host waited %s ms (cap 2000)%n", waits);
        assertEquals(List.of(1000L, 2000L, 2000L, 2000L), waits.subList(0, 4), "1 s, then doubled, held at the cap");
        String failure = lines().stream().filter(l -> l.startsWith("cannot connect to " + uri)).findFirst()
            .orElseThrow(() -> new AssertionError("no failure line with the URI: " + lines()));
        // libvirt's own message and its error code and domain, as libvirt names them
        assertTrue(failure.contains("Connection refused") && failure.contains("(VIR_ERR_SYSTEM_ERROR/VIR_FROM_RPC)"), failure);

        // the host says when it tries next, as the log does
        HostSnapshot retrying = seen.stream().filter(s -> s.state() == ConnectionState.DISCONNECTED && s.nextTryAtMillis() > 0)
            .reduce((a, b) -> b).orElseThrow();
        assertTrue(retrying.error().contains("Connection refused"), retrying.error());
        long ahead = retrying.nextTryAtMillis() - System.currentTimeMillis();
        assertTrue(ahead <= 2000, "the next try is within the cap: " + ahead + " ms");
    }

    @Test
    void aFailedCallIsLoggedWithTheHostsUriAndLibvirtsError() throws Exception {
        String uri = "test:///default";
        session = new HostSession(uri, HostOptions.defaults(), s -> { });
        session.start();
        Await.until(Duration.ofSeconds(10), "connected", () -> session.current().state() == ConnectionState.CONNECTED);
        DomainService service = new DomainService(session, new Jobs());
        String missing = "00000000-0000-4000-8000-00000000dead";
        try {
            service.xml(missing, 0).get(10, TimeUnit.SECONDS);
            throw new AssertionError("a missing domain's XML was read");
        } catch (ExecutionException expected) {
            // the page shows this; the log must have it too
        }
        String line = lines().stream().filter(l -> l.startsWith("libvirt call failed on " + uri + ": ")).findFirst()
            .orElseThrow(() -> new AssertionError("no failure line with the URI: " + lines()));
        assertTrue(line.contains("Domain not found") && line.contains("(VIR_ERR_NO_DOMAIN/VIR_FROM_"), line);
    }
}
