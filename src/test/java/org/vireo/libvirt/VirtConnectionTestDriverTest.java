package org.vireo.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vireo.model.DomainAction;
import org.vireo.model.DomainState;
import org.vireo.model.StatsGroup;
import org.vireo.model.DomainStatus;

/** The gateway's mappings against libvirt's test driver (a real driver, in process). */
class VirtConnectionTestDriverTest {
    private VirtConnection conn;

    @BeforeEach
    void open() throws VirtException {
        // each test:///default connection gets its own fresh copy of the driver's state
        conn = VirtConnection.open("test:///default");
    }

    @AfterEach
    void close() {
        conn.close();
    }

    @Test
    void listsTheDefaultDomain() throws VirtException {
        List<DomainRef> refs = conn.listAllDomains();
        assertEquals(1, refs.size());
        DomainRef test = refs.getFirst();
        assertEquals("test", test.name());
        assertEquals("6695eb01-f6a4-8304-79aa-97f2502e193f", test.uuid());
        assertTrue(test.id() > 0, "a running domain has an id");
    }

    @Test
    void bulkStatsCarryStateCpuBalloonAndVcpus() throws VirtException {
        List<DomainStats> stats = conn.allDomainStats(EnumSet.allOf(StatsGroup.class), 0);
        assertEquals(1, stats.size());
        DomainStats s = stats.getFirst();
        assertEquals("test", s.name());
        assertEquals(DomainState.RUNNING.ordinal(), s.getLong("state.state", -1));
        assertTrue(s.has("vcpu.current"), s.asMap().toString());
        assertTrue(s.has("balloon.current"), s.asMap().toString());
    }

    @Test
    void bulkStatsReuseUnchangedStringsAndSeeARename() throws VirtException {
        String uuid = "0b1c3f3e-5a52-4a59-9d3b-2f0c1f0e7a11";
        HardwareApi api = new HardwareApi(conn);
        api.define(domainXml("before-rename", uuid));
        DomainStats first = byUuid(conn.allDomainStats(EnumSet.allOf(StatsGroup.class), 0), uuid);
        DomainStats second = byUuid(conn.allDomainStats(EnumSet.allOf(StatsGroup.class), 0), uuid);
        // the same strings, not equal copies: the refresh's maps keyed by UUID then hash and compare for free
        org.junit.jupiter.api.Assertions.assertSame(first.uuid(), second.uuid());
        org.junit.jupiter.api.Assertions.assertSame(first.name(), second.name());
        org.junit.jupiter.api.Assertions.assertSame(first.keys(), second.keys());
        // the same UUID under a new name at the same place in the list: the new name is read
        new LifecycleApi(conn).undefine(uuid, java.util.EnumSet.noneOf(org.vireo.model.DomainFlags.Undefine.class));
        api.define(domainXml("after-rename", uuid));
        DomainStats renamed = byUuid(conn.allDomainStats(EnumSet.allOf(StatsGroup.class), 0), uuid);
        assertEquals("after-rename", renamed.name());
        assertEquals(first.getLong("state.state", -1), renamed.getLong("state.state", -2));
    }

    private static DomainStats byUuid(List<DomainStats> stats, String uuid) {
        return stats.stream().filter(s -> s.uuid().equals(uuid)).findFirst().orElseThrow();
    }

    private static String domainXml(String name, String uuid) {
        return "<domain type='test'><name>" + name + "</name><uuid>" + uuid + "</uuid><memory>65536</memory>"
            + "<vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os></domain>";
    }

    @Test
    void stateCarriesTheReason() throws VirtException {
        String uuid = conn.listAllDomains().getFirst().uuid();
        // test:///default's state is shared while any connection to it lives: an earlier test's
        // connection released late can leave 'test' paused or off
        DomainState before = conn.domainState(uuid).state();
        if (before == DomainState.PAUSED) {
            conn.perform(uuid, DomainAction.RESUME);
        } else if (!before.isActive()) {
            conn.perform(uuid, DomainAction.START);
        }
        conn.perform(uuid, DomainAction.PAUSE);
        DomainStatus paused = conn.domainState(uuid);
        assertEquals(DomainState.PAUSED, paused.state());
        assertEquals("user", paused.reason());
        conn.perform(uuid, DomainAction.FORCE_OFF);
        DomainStatus off = conn.domainState(uuid);
        assertEquals(DomainState.SHUTOFF, off.state());
        assertEquals("destroyed", off.reason());
    }

    @Test
    void lifecycleEventsArrive() throws Exception {
        BlockingQueue<String> events = new ArrayBlockingQueue<>(16);
        conn.onLifecycle((uuid, name, event, detail) -> events.add(name + ":" + event));
        String uuid = conn.listAllDomains().getFirst().uuid();
        conn.perform(uuid, DomainAction.PAUSE);
        assertEquals("test:suspended", events.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void failuresCarryLibvirtsCodeDomainAndMessage() {
        VirtException e = assertThrows(VirtException.class, () -> conn.domainState("00000000-0000-0000-0000-000000000000"));
        assertEquals("VIR_ERR_NO_DOMAIN", e.codeName());
        assertFalse(e.getMessage().isBlank());
        assertEquals("VIR_FROM_TEST", e.errorDomain());
    }

    @Test
    void malformedUriIsRefusedWithAMessage() {
        VirtException e = assertThrows(VirtException.class, () -> VirtConnection.open("qemu:/// bad uri"));
        assertFalse(e.getMessage().isBlank());
    }
}
