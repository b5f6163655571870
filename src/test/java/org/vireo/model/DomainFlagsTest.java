package org.vireo.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vireo.model.DomainFlags.PmTarget;
import org.vireo.model.DomainFlags.SnapshotRevert;
import org.vireo.model.DomainFlags.XmlDesc;

/** The flag enums carry libvirt's values (libvirt-domain.h of libvirt 9.0) and masks map back to them. */
class DomainFlagsTest {
    @Test
    void valuesAreLibvirts() {
        assertEquals(1, XmlDesc.SECURE.bit());
        assertEquals(2, XmlDesc.INACTIVE.bit());
        assertEquals(16 | 128, DomainFlags.mask(Set.of(DomainFlags.SnapshotCreate.DISK_ONLY, DomainFlags.SnapshotCreate.ATOMIC)));
        assertEquals(64, DomainFlags.SnapshotCreate.QUIESCE.bit());
        assertEquals(1, SnapshotRevert.RUNNING.bit());
        assertEquals(2, SnapshotRevert.PAUSED.bit());
        assertEquals(4, SnapshotRevert.FORCE.bit());
        assertEquals(8, DomainFlags.BlockRebase.COPY.bit());
        assertEquals(4, DomainFlags.BlockCommit.ACTIVE.bit());
        assertEquals(2, DomainFlags.BlockJobAbort.PIVOT.bit());
        assertEquals(4, DomainFlags.Vcpus.MAXIMUM.bit());
        assertEquals(4, DomainFlags.Memory.MAXIMUM.bit());
        assertEquals(4, DomainFlags.DeviceModify.FORCE.bit());
        assertEquals(1, DomainFlags.BlockResize.BYTES.bit());
        assertEquals(2, DomainFlags.MemoryPeek.PHYSICAL.bit());
        assertEquals(1, DomainFlags.Destroy.GRACEFUL.bit());
        assertEquals(1, DomainFlags.Define.VALIDATE.bit());
        assertEquals(0, DomainFlags.Metadata.DESCRIPTION.bit());
        assertEquals(1, DomainFlags.Metadata.TITLE.bit());
        assertEquals(2, DomainFlags.Metadata.ELEMENT.bit());
        assertEquals(1, DomainFlags.JobStats.COMPLETED.bit());
        assertEquals(0, DomainFlags.DumpFormat.RAW.bit());
        assertEquals(1, DomainFlags.Console.FORCE.bit());
        assertEquals(2, DomainFlags.Console.SAFE.bit());
        assertEquals(EnumSet.of(DomainFlags.Console.FORCE), DomainFlags.fromMask(DomainFlags.Console.class, 1));
        assertEquals(3, DomainFlags.mask(EnumSet.allOf(DomainFlags.Console.class)));
    }

    @Test
    void aMaskMapsBackToItsFlags() {
        assertEquals(EnumSet.noneOf(SnapshotRevert.class), DomainFlags.fromMask(SnapshotRevert.class, 0));
        assertEquals(EnumSet.of(SnapshotRevert.PAUSED, SnapshotRevert.FORCE), DomainFlags.fromMask(SnapshotRevert.class, 6));
        assertEquals(EnumSet.of(XmlDesc.SECURE, XmlDesc.INACTIVE), DomainFlags.fromMask(XmlDesc.class, 3));
        for (int mask = 0; mask < 16; mask++) {
            assertEquals(mask, DomainFlags.mask(DomainFlags.fromMask(XmlDesc.class, mask)));
        }
    }

    @Test
    void bitsNoFlagNamesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DomainFlags.fromMask(SnapshotRevert.class, 1 | 64));
        assertEquals("unknown SnapshotRevert flag bits 64", e.getMessage());
    }

    @Test
    void everyFlagHasItsValueAndLabel() {
        int enums = 0;
        for (Class<?> c : DomainFlags.class.getDeclaredClasses()) {
            if (c.isEnum() && DomainFlags.Bit.class.isAssignableFrom(c)) {
                enums++;
                for (Object flag : c.getEnumConstants()) {
                    DomainFlags.Bit bit = (DomainFlags.Bit) flag;
                    assertFalse(bit.label().isBlank(), c.getSimpleName() + "." + flag + " has no label");
                    assertTrue(bit.bit() >= 0, c.getSimpleName() + "." + flag + " has no value");
                }
            }
        }
        assertEquals(26, enums);
        assertEquals("live + config", DomainFlags.Affect.BOTH.toString());
        assertEquals("Guest agent", DomainFlags.PowerMode.GUEST_AGENT.toString());
        assertEquals("Only its children", DomainFlags.SnapshotDelete.CHILDREN_ONLY.toString());
        assertEquals("Hybrid", PmTarget.HYBRID.label());
    }

    @Test
    void pmTargetsByValue() {
        assertEquals(PmTarget.MEM, PmTarget.of(0));
        assertEquals(PmTarget.DISK, PmTarget.of(1));
        assertEquals(PmTarget.HYBRID, PmTarget.of(2));
        assertThrows(IllegalArgumentException.class, () -> PmTarget.of(3));
    }
}
