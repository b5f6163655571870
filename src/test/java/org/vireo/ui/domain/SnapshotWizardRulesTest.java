package org.vireo.ui.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vireo.model.SnapshotPlan;
import org.vireo.model.SnapshotPlan.Kind;
import org.vireo.model.SnapshotSource;
import org.vireo.model.SnapshotSource.Disk;

/** What the snapshot wizard says before anything reaches libvirt: the problems and the cost. */
class SnapshotWizardRulesTest {
    private static final Disk VDA = new Disk("vda", "disk", "/img/g.qcow2", "qcow2", 64L << 20, 3L << 20);
    private static final Disk VDB = new Disk("vdb", "disk", "/img/raw.img", "raw", 1L << 20, 1L << 20);
    private static final Disk CD = new Disk("sda", "cdrom", "/iso/x.iso", "raw", 0, 0);
    private static final SnapshotSource RUNNING = new SnapshotSource("g", true, 131072, 9_000_000, true, List.of(VDA, CD));

    @Test
    void aGoodPlanHasNoProblems() {
        assertEquals(List.of(), SnapshotWizardViewModel.problems(RUNNING, new SnapshotPlan("s1", "", Kind.INTERNAL, List.of("vda"), false), Set.of()));
        assertEquals(List.of(), SnapshotWizardViewModel.problems(RUNNING, new SnapshotPlan("s1", "", Kind.EXTERNAL_DISKS, List.of("vda"), true), Set.of()));
    }

    @Test
    void refusalsAreSaidBeforehand() {
        var raw = new SnapshotSource("g", true, 131072, 9_000_000, false, List.of(VDA, VDB));
        List<String> p = SnapshotWizardViewModel.problems(raw, new SnapshotPlan("s1", "", Kind.INTERNAL, List.of(), true), Set.of("s1"));
        assertEquals(3, p.size(), p.toString());
        assertTrue(p.get(0).contains("already has a snapshot \"s1\""), p.get(0));
        assertTrue(p.get(1).contains("vdb is raw"), p.get(1));
        assertTrue(p.get(2).contains("no guest agent"), p.get(2));
        var off = new SnapshotSource("g", false, 131072, 9_000_000, false, List.of(VDA));
        p = SnapshotWizardViewModel.problems(off, new SnapshotPlan("a/b", "", Kind.EXTERNAL_MEMORY, List.of(), false), Set.of());
        assertEquals(List.of("Name: letters, digits and . _ + - only (it names files on the host).", "Disks: choose at least one.",
            "Memory can be kept only while the guest runs; g is shut off."), p);
        p = SnapshotWizardViewModel.problems(RUNNING, new SnapshotPlan("s", "", Kind.EXTERNAL_MEMORY, List.of("vda"), true), Set.of());
        assertEquals(List.of("Quiesce: only for disk-only snapshots (a snapshot with memory is consistent as it is)."), p);
    }

    @Test
    void theCostNamesTheMemoryWrittenAndEveryDiskTouched() {
        String c = SnapshotWizardViewModel.cost(RUNNING, new SnapshotPlan("s1", "", Kind.EXTERNAL_MEMORY, List.of("vda"), false));
        assertEquals("""
            Memory: 128.0 MiB written to /img/g-s1.mem; the guest pauses while it is written, then runs on.
            vda: new overlay /img/g-s1.qcow2 takes every write from now on; /img/g.qcow2 (3.0 MiB used of 64.0 MiB) stays as it is.
            sda: left out (cdrom).
            This host runs libvirt 9.0.0: reverting to an external snapshot needs 9.9.0, deleting its files 9.7.0 \
            (until then only libvirt's record of it can be deleted).""", c);
        c = SnapshotWizardViewModel.cost(RUNNING, new SnapshotPlan("s1", "", Kind.INTERNAL, List.of("vda"), false));
        assertTrue(c.startsWith("Memory: 128.0 MiB written into the qcow2 image; the guest pauses"), c);
        assertTrue(c.contains("vda: a snapshot inside /img/g.qcow2 (3.0 MiB used of 64.0 MiB)"), c);
    }
}
