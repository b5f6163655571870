package org.vireo.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vireo.model.MigrationOptions.Mode;
import org.vireo.model.MigrationOptions.Storage;

class MigrationOptionsTest {
    private static MigrationOptions live(Mode mode, Storage storage, boolean postCopy, String peer) {
        return new MigrationOptions(mode, false, true, true, storage, List.of(), 0, 0, List.of(), false, postCopy, false,
            "", peer, "", "");
    }

    @Test
    void defaultsAreLiveManagedDirectPersistentAndUndefineTheSource() {
        MigrationOptions o = MigrationOptions.defaults(true);
        assertEquals(MigrationOptions.LIVE | MigrationOptions.PERSIST_DEST | MigrationOptions.UNDEFINE_SOURCE
            | MigrationOptions.ABORT_ON_ERROR, o.flags());
        assertEquals(List.of(), o.problems(true));
        MigrationOptions off = MigrationOptions.defaults(false);
        assertEquals(MigrationOptions.OFFLINE, off.flags() & (MigrationOptions.OFFLINE | MigrationOptions.LIVE));
        assertEquals(List.of(), off.problems(false));
    }

    @Test
    void flagsFollowTheChoices() {
        MigrationOptions o = new MigrationOptions(Mode.TUNNELLED, false, false, false, Storage.SHARED, List.of(), 5, 200,
            List.of("xbzrle"), true, false, true, "", "qemu+ssh://b/system", "", "");
        int f = o.flags();
        assertEquals(MigrationOptions.PEER2PEER | MigrationOptions.TUNNELLED, f & (MigrationOptions.PEER2PEER | MigrationOptions.TUNNELLED));
        assertTrue((f & MigrationOptions.COMPRESSED) != 0);
        assertTrue((f & MigrationOptions.AUTO_CONVERGE) != 0);
        assertTrue((f & MigrationOptions.UNSAFE) != 0);
        assertEquals(0, f & (MigrationOptions.PERSIST_DEST | MigrationOptions.UNDEFINE_SOURCE));
        assertEquals(MigrationOptions.NON_SHARED_INC,
            live(Mode.DIRECT, Storage.INCREMENTAL, false, "").flags() & (MigrationOptions.NON_SHARED_DISK | MigrationOptions.NON_SHARED_INC));
        assertEquals(MigrationOptions.POSTCOPY, live(Mode.DIRECT, Storage.SHARED, true, "").flags() & MigrationOptions.POSTCOPY);
    }

    @Test
    void combinationsLibvirtRefusesAreRefusedWithTheReason() {
        assertTrue(live(Mode.TUNNELLED, Storage.FULL, false, "qemu+ssh://b/system").problems(true).stream()
            .anyMatch(p -> p.contains("cannot copy storage")));
        assertTrue(live(Mode.TUNNELLED, Storage.SHARED, true, "qemu+ssh://b/system").problems(true).stream()
            .anyMatch(p -> p.contains("post-copy")));
        assertTrue(live(Mode.PEER_TO_PEER, Storage.SHARED, false, "").problems(true).stream()
            .anyMatch(p -> p.contains("URI as the source host sees it")));
        // a running domain cannot go offline, a shut-off one cannot go live
        assertTrue(MigrationOptions.defaults(false).problems(true).stream().anyMatch(p -> p.contains("running")));
        assertTrue(MigrationOptions.defaults(true).problems(false).stream().anyMatch(p -> p.contains("shut off")));
        MigrationOptions offlineTransient = new MigrationOptions(Mode.DIRECT, true, true, false, Storage.SHARED, List.of(), 0, 0,
            List.of(), false, false, false, "", "", "", "");
        assertTrue(offlineTransient.problems(false).stream().anyMatch(p -> p.contains("persistent")));
        MigrationOptions badName = new MigrationOptions(Mode.DIRECT, false, true, true, Storage.SHARED, List.of(), 0, 0,
            List.of(), false, false, false, "", "", "a/b", "");
        assertTrue(badName.problems(true).stream().anyMatch(p -> p.startsWith("Name on the destination: ")));
    }

    @Test
    void theSummarySaysWhatWillHappen() {
        MigrationOptions o = new MigrationOptions(Mode.DIRECT, false, true, true, Storage.FULL, List.of("vda"), 50, 200,
            List.of(), false, true, false, "10.0.0.2", "", "web2", "");
        String s = o.describe("web1", "hostA", "hostB");
        assertTrue(s.contains("web1 keeps running"), s);
        assertTrue(s.contains("at most 200 ms"), s);
        assertTrue(s.contains("as web2"), s);
        assertTrue(s.contains("Disks copied: vda (whole)"), s);
        assertTrue(s.contains("capped at 50 MiB/s"), s);
        assertTrue(s.contains("post-copy"), s);
        assertTrue(s.contains("removed"), s);
        assertTrue(s.contains("stays running on hostA"), s);
    }
}
