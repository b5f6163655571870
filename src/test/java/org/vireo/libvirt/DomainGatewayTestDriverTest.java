package org.vireo.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vireo.model.DomainAction;
import org.vireo.model.DomainFlags;
import org.vireo.model.DomainFlags.Affect;
import org.vireo.model.DomainFlags.SnapshotRevert;
import org.vireo.model.DomainFlags.XmlDesc;
import org.vireo.model.DomainState;
import org.vireo.model.SnapshotInfo;
import org.vireo.model.SnapshotPlan;

/**
 * The domain classes split out of DomainApi, against libvirt's test driver: each reaches the
 * domain through DomainCalls (a missing one fails with libvirt's error, not a crash), the
 * lifecycle actions of the main window and of the domain page are the same calls, and flags
 * given by name reach libvirt.
 */
class DomainGatewayTestDriverTest {
    private static final String TEST = "6695eb01-f6a4-8304-79aa-97f2502e193f";
    private static final String MISSING = "00000000-0000-0000-0000-00000000abcd";

    private VirtConnection conn;

    @BeforeEach
    void open() throws VirtException {
        conn = VirtConnection.open("test:///default");
    }

    @AfterEach
    void close() {
        conn.close();
    }

    private DomainState state() throws VirtException {
        return conn.domainState(TEST).state();
    }

    @Test
    void aMissingDomainFailsWithLibvirtsErrorInEveryClass() {
        List<GatewayCall> calls = List.of(
            () -> new OverviewApi(conn).overview(MISSING),
            () -> new LifecycleApi(conn).suspend(MISSING),
            () -> new LifecycleApi(conn).perform(MISSING, DomainAction.FORCE_OFF),
            () -> new HardwareApi(conn).xml(MISSING, Set.of()),
            () -> new TuningApi(conn).schedulerType(MISSING),
            () -> new SnapshotApi(conn).snapshots(MISSING),
            () -> new BlockJobApi(conn).blockJob(MISSING, "vda"),
            () -> new GuestAgentApi(conn).fsFreeze(MISSING),
            () -> new JobApi(conn).abort(MISSING),
            () -> conn.domainState(MISSING));
        for (GatewayCall call : calls) {
            VirtException e = assertThrows(VirtException.class, call::run);
            assertEquals("VIR_ERR_NO_DOMAIN", e.codeName(), e.getMessage());
        }
    }

    @Test
    void theWindowsActionsAndThePagesAreTheSameCalls() throws VirtException {
        LifecycleApi life = new LifecycleApi(conn);
        conn.perform(TEST, DomainAction.PAUSE);
        assertEquals(DomainState.PAUSED, state());
        life.resume(TEST);
        assertEquals(DomainState.RUNNING, state());
        life.suspend(TEST);
        conn.perform(TEST, DomainAction.RESUME);
        assertEquals(DomainState.RUNNING, state());
        conn.perform(TEST, DomainAction.FORCE_OFF);
        assertEquals(DomainState.SHUTOFF, state());
        life.start(TEST, Set.of());
        assertEquals(DomainState.RUNNING, state());
        life.destroy(TEST, true);
        assertEquals(DomainState.SHUTOFF, state());
        conn.perform(TEST, DomainAction.START);
        assertEquals(DomainState.RUNNING, state());
        conn.perform(TEST, DomainAction.SHUTDOWN);
        assertEquals(DomainState.SHUTOFF, state());
    }

    @Test
    void xmlFlagsByNameReachLibvirt() throws VirtException {
        HardwareApi hw = new HardwareApi(conn);
        hw.setMemory(TEST, 1024 * 1024, false, Affect.CONFIG);
        String live = hw.xml(TEST, Set.of());
        String saved = hw.xml(TEST, Set.of(XmlDesc.INACTIVE));
        assertTrue(saved.contains("<currentMemory unit='KiB'>1048576</currentMemory>"), saved);
        assertFalse(live.contains("<currentMemory unit='KiB'>1048576</currentMemory>"), "the live domain kept its memory: " + live);
    }

    @Test
    void aSnapshotRevertsPausedWhenAskedByName() throws VirtException {
        SnapshotApi snapshots = new SnapshotApi(conn);
        List<List<String>> writes = new java.util.ArrayList<>();
        String name = snapshots.createSnapshot(TEST, new SnapshotPlan("s1", "first", SnapshotPlan.Kind.INTERNAL, List.of(), false), writes::add);
        assertEquals("s1", name);
        assertEquals(List.of(List.of()), writes, "an internal snapshot writes no file of its own");
        List<SnapshotInfo> list = snapshots.snapshots(TEST);
        assertEquals(List.of("s1"), list.stream().map(SnapshotInfo::name).toList());
        snapshots.revertToSnapshot(TEST, "s1", Set.of(SnapshotRevert.PAUSED));
        assertEquals(DomainState.PAUSED, state(), "the PAUSED revert flag reached libvirt");
        snapshots.revertToSnapshot(TEST, "s1", Set.of(SnapshotRevert.RUNNING));
        assertEquals(DomainState.RUNNING, state());
        snapshots.deleteSnapshot(TEST, "s1", DomainFlags.SnapshotDelete.ONLY_THIS);
        assertEquals(List.of(), snapshots.snapshots(TEST));
        VirtException e = assertThrows(VirtException.class, () -> snapshots.revertToSnapshot(TEST, "s1", Set.of()));
        assertEquals("VIR_ERR_NO_DOMAIN_SNAPSHOT", e.codeName(), e.getMessage());
    }

    @FunctionalInterface
    private interface GatewayCall {
        void run() throws VirtException;
    }
}
