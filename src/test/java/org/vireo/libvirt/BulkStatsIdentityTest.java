package org.vireo.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vireo.model.DomainAction;
import org.vireo.model.DomainFlags;
import org.vireo.model.StatsGroup;

/**
 * A domain's UUID and id are read by the bulk call once, then known by the record's position
 * and name until a lifecycle event says something changed (issue 12: per-tick work follows
 * what changed). Against libvirt's test driver, whose events are real.
 */
class BulkStatsIdentityTest {
    private static final EnumSet<StatsGroup> ALL = EnumSet.allOf(StatsGroup.class);
    private final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
    private VirtConnection conn;
    private HardwareApi hardware;
    private LifecycleApi lifecycle;

    @BeforeEach
    void open() throws VirtException {
        conn = VirtConnection.open("test:///default");
        hardware = new HardwareApi(conn);
        lifecycle = new LifecycleApi(conn);
        conn.onLifecycle((uuid, name, event, detail) -> events.add(name + " " + event));
    }

    @AfterEach
    void close() {
        conn.close();
    }

    private void awaitEvent(String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        String e;
        do {
            e = events.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            if (e == null) {
                throw new AssertionError("no event " + what);
            }
        } while (!e.equals(what));
    }

    private static DomainStats named(List<DomainStats> stats, String name) {
        return stats.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name));
    }

    private static String xml(String name, String uuid) {
        return "<domain type='test'><name>" + name + "</name><uuid>" + uuid + "</uuid><memory>65536</memory>"
            + "<vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os></domain>";
    }

    @Test
    void idsAndUuidsAreReadOnceThenOnlyAfterALifecycleEvent() throws Exception {
        String a = "1d0a7f7e-0000-4000-8000-00000000000a";
        hardware.define(xml("identity-a", a));
        awaitEvent("identity-a defined");
        List<DomainStats> first = conn.allDomainStats(ALL, 0);
        long reads = conn.identityReads();
        assertTrue(reads >= first.size(), "the first call reads every record's identity");

        List<DomainStats> again = conn.allDomainStats(ALL, 0);
        assertEquals(reads, conn.identityReads(), "nothing changed: no UUID or id read again");
        assertSame(named(first, "identity-a").uuid(), named(again, "identity-a").uuid());
        assertEquals(-1, named(again, "identity-a").id());

        // started: a new id, which the next call reads
        conn.perform(a, DomainAction.START);
        awaitEvent("identity-a started");
        DomainStats started = named(conn.allDomainStats(ALL, 0), "identity-a");
        assertTrue(conn.identityReads() > reads, "read again after the event");
        assertTrue(started.id() > 0, "the running domain's id: " + started.id());
        assertEquals(a, started.uuid());
        conn.perform(a, DomainAction.FORCE_OFF);
        awaitEvent("identity-a stopped");
        lifecycle.undefine(a, EnumSet.noneOf(DomainFlags.Undefine.class));
    }

    @Test
    void theSameNameWithAnotherUuidIsSeen() throws Exception {
        String before = "1d0a7f7e-0000-4000-8000-0000000000b1";
        String after = "1d0a7f7e-0000-4000-8000-0000000000b2";
        hardware.define(xml("identity-b", before));
        awaitEvent("identity-b defined");
        assertEquals(before, named(conn.allDomainStats(ALL, 0), "identity-b").uuid());
        // undefined and defined again under the same name: same place in the list, same name, new UUID
        lifecycle.undefine(before, EnumSet.noneOf(DomainFlags.Undefine.class));
        hardware.define(xml("identity-b", after));
        awaitEvent("identity-b defined");
        DomainStats now = named(conn.allDomainStats(ALL, 0), "identity-b");
        assertEquals(after, now.uuid());
        assertNotEquals(before, now.uuid());
        lifecycle.undefine(after, EnumSet.noneOf(DomainFlags.Undefine.class));
    }
}
