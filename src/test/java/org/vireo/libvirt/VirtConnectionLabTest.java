package org.vireo.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vireo.model.DomainState;
import org.vireo.model.StatsGroup;
import org.vireo.model.DomainStatus;
import org.vireo.support.Lab;

/** The gateway's own mappings against the lab's libvirtd and its real QEMU guests. */
@Tag("lab")
class VirtConnectionLabTest {
    private VirtConnection conn;

    @BeforeEach
    void open() throws VirtException {
        conn = VirtConnection.open(Lab.uri());
    }

    @AfterEach
    void close() {
        conn.close();
    }

    private String uuidOf(String name) throws VirtException {
        return conn.listAllDomains().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow().uuid();
    }

    @Test
    void listAllDomainsSeesRunningAndDefinedGuests() throws VirtException {
        Map<String, DomainRef> byName = conn.listAllDomains().stream().collect(Collectors.toMap(DomainRef::name, d -> d));
        assertTrue(byName.keySet().containsAll(List.of(Lab.ALPHA, Lab.BETA, Lab.GAMMA)), byName.toString());
        assertTrue(byName.get(Lab.ALPHA).id() > 0, "running guests have an id");
        assertEquals(-1, byName.get(Lab.GAMMA).id(), "a shut-off guest has none");
        assertEquals(Lab.virsh("domuuid", Lab.ALPHA), byName.get(Lab.ALPHA).uuid());
    }

    @Test
    void bulkStatsOfARunningQemuGuestHaveEveryGroup() throws VirtException {
        DomainStats alpha = conn.allDomainStats(EnumSet.allOf(StatsGroup.class), 0).stream()
            .filter(s -> s.name().equals(Lab.ALPHA)).findFirst().orElseThrow();
        for (String key : List.of("state.state", "cpu.time", "balloon.current", "balloon.maximum", "vcpu.current",
            "vcpu.0.time", "block.count", "block.0.name", "block.0.rd.bytes", "block.0.capacity", "net.count",
            "net.0.rx.bytes", "net.0.tx.pkts")) {
            assertTrue(alpha.has(key), key + " missing from " + alpha.asMap());
        }
        assertEquals(DomainState.RUNNING.ordinal(), alpha.getLong("state.state", -1));
        assertEquals("vda", alpha.getString("block.0.name"));
        assertTrue(alpha.getLong("cpu.time", 0) > 0);
        assertEquals(128 * 1024, alpha.getLong("balloon.maximum", 0));
    }

    @Test
    void stateReasonAfterVirshSuspendIsPausedByUser() throws VirtException {
        String uuid = uuidOf(Lab.BETA);
        Lab.virsh("suspend", Lab.BETA);
        try {
            DomainStatus status = conn.domainState(uuid);
            assertEquals(DomainState.PAUSED, status.state());
            assertEquals("user", status.reason());
        } finally {
            Lab.virsh("resume", Lab.BETA);
        }
        DomainStatus resumed = conn.domainState(uuid);
        assertEquals(DomainState.RUNNING, resumed.state());
        assertEquals("unpaused", resumed.reason());
    }

    @Test
    void lifecycleEventOfAnOutsideSuspendArrives() throws Exception {
        BlockingQueue<String> events = new ArrayBlockingQueue<>(16);
        conn.onLifecycle((uuid, name, event, detail) -> events.add(name + ":" + event));
        Lab.virsh("suspend", Lab.BETA);
        try {
            String e = events.poll(5, TimeUnit.SECONDS);
            assertEquals(Lab.BETA + ":suspended", e);
        } finally {
            Lab.virsh("resume", Lab.BETA);
        }
    }

    @Test
    void serialConsoleAnswersACommand() throws Exception {
        try (ConsoleStream console = conn.openConsole(uuidOf(Lab.ALPHA))) {
            StringBuilder seen = new StringBuilder();
            Thread reader = new Thread(() -> {
                byte[] buf = new byte[4096];
                try {
                    int n;
                    while ((n = console.read(buf)) > 0) {
                        synchronized (seen) {
                            seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                            seen.notifyAll();
                        }
                    }
                } catch (VirtException e) {
                    // the stream ended
                }
            }, "console-reader");
            reader.setDaemon(true);
            reader.start();
            // $((6*7)) makes the guest's shell compute the answer: the echo of our own typing cannot match
            console.write("\necho vireo-$((6*7))-ok\n".getBytes(StandardCharsets.US_ASCII));
            long deadline = System.currentTimeMillis() + 10_000;
            synchronized (seen) {
                while (!seen.toString().contains("vireo-42-ok") && System.currentTimeMillis() < deadline) {
                    seen.wait(200);
                }
                assertTrue(seen.toString().contains("vireo-42-ok"), "console said: " + seen);
            }
            console.close();
            reader.join(5000);
            console.release();
        }
    }

    @Test
    void graphicsFdSpeaksRfb() throws VirtException {
        try (GraphicsSocket vnc = conn.openGraphics(uuidOf(Lab.ALPHA), 0)) {
            byte[] hello = new byte[12];
            int n = vnc.read(hello);
            assertEquals(12, n);
            assertEquals("RFB 003.008\n", new String(hello, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void errorsFromTheDaemonCarryCodeAndMessage() {
        VirtException e = org.junit.jupiter.api.Assertions.assertThrows(VirtException.class,
            () -> conn.perform(uuidOf(Lab.GAMMA), org.vireo.model.DomainAction.PAUSE));
        assertEquals("VIR_ERR_OPERATION_INVALID", e.codeName());
        assertTrue(e.getMessage().contains("not running"), e.getMessage());
    }
}
