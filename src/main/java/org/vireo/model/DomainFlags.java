package org.vireo.model;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The flag words of libvirt's domain calls, as enums with their bit values. Each enum is its
 * constants and a constructor that hands the value and label to {@link #describe}: enums cannot
 * inherit fields, so {@link Bit} reads them back from one table instead of every enum repeating
 * the same fields and getters.
 */
public final class DomainFlags {
    private record Entry(int bit, String label) {
    }

    private static final Map<Bit, Entry> ENTRIES = new ConcurrentHashMap<>();

    private DomainFlags() {
    }

    /** A flag with libvirt's bit value and the label a person reads. */
    public interface Bit {
        /** libvirt's value of this flag. */
        default int bit() {
            return entry(this).bit();
        }

        /** What the flag is called in the window. */
        default String label() {
            return entry(this).label();
        }
    }

    /** Called by each flag's constructor: records its libvirt value and label. */
    private static void describe(Bit flag, int bit, String label) {
        ENTRIES.put(flag, new Entry(bit, label));
    }

    private static Entry entry(Bit flag) {
        Entry e = ENTRIES.get(flag);
        if (e == null) {
            throw new IllegalStateException(flag + " was not described to DomainFlags");
        }
        return e;
    }

    public static int mask(Collection<? extends Bit> flags) {
        int m = 0;
        for (Bit b : flags) {
            m |= b.bit();
        }
        return m;
    }

    /**
     * The flags of {@code type} in {@code mask}, for callers that hold a mask: a bit no flag
     * of {@code type} names is refused rather than sent to libvirt.
     */
    public static <E extends Enum<E> & Bit> Set<E> fromMask(Class<E> type, int mask) {
        EnumSet<E> out = EnumSet.noneOf(type);
        int rest = mask;
        for (E e : type.getEnumConstants()) {
            if (e.bit() != 0 && (mask & e.bit()) == e.bit()) {
                out.add(e);
                rest &= ~e.bit();
            }
        }
        if (rest != 0) {
            throw new IllegalArgumentException("unknown " + type.getSimpleName() + " flag bits " + rest);
        }
        return out;
    }

    /** virDomainModificationImpact: which definition a change applies to. */
    public enum Affect implements Bit {
        CURRENT(0, "current"), LIVE(1, "live"), CONFIG(2, "config"), BOTH(3, "live + config");

        Affect(int bit, String label) {
            describe(this, bit, label);
        }

        @Override
        public String toString() {
            return label();
        }
    }

    /** virDomainCreateFlags. */
    public enum Start implements Bit {
        PAUSED(1, "Paused"), AUTODESTROY(2, "Destroy when Vireo disconnects"), BYPASS_CACHE(4, "Bypass cache"),
        FORCE_BOOT(8, "Force boot (discard managed save)");

        Start(int bit, String label) {
            describe(this, bit, label);
        }
    }

    /** virDomainShutdownFlagValues / virDomainRebootFlagValues (the same bits for both). */
    public enum PowerMode implements Bit {
        DEFAULT(0, "Default"), ACPI(1, "ACPI power button"), GUEST_AGENT(2, "Guest agent");

        PowerMode(int bit, String label) {
            describe(this, bit, label);
        }

        @Override
        public String toString() {
            return label();
        }
    }

    /** virDomainSaveRestoreFlags. */
    public enum Save implements Bit {
        BYPASS_CACHE(1, "Bypass cache"), RUNNING(2, "Running afterwards"), PAUSED(4, "Paused afterwards");

        Save(int bit, String label) {
            describe(this, bit, label);
        }
    }

    /** virDomainCoreDumpFlags. */
    public enum Dump implements Bit {
        CRASH(1, "Crash (stop the guest)"), LIVE(2, "Live (keep it running)"), BYPASS_CACHE(4, "Bypass cache"),
        RESET(8, "Reset afterwards"), MEMORY_ONLY(16, "Memory only");

        Dump(int bit, String label) {
            describe(this, bit, label);
        }
    }

    /** virDomainBlockCopyFlags. */
    public enum BlockCopy implements Bit {
        SHALLOW(1, "Only the top image"), REUSE_EXT(2, "Reuse an existing file"), TRANSIENT_JOB(4, "Transient job"),
        SYNCHRONOUS_WRITES(8, "Synchronous writes");

        BlockCopy(int bit, String label) {
            describe(this, bit, label);
        }
    }

    /** virDomainUndefineFlagsValues. */
    public enum Undefine implements Bit {
        MANAGED_SAVE(1, "Remove the managed save image"), SNAPSHOTS_METADATA(2, "Remove snapshot metadata"),
        NVRAM(4, "Remove NVRAM");

        Undefine(int bit, String label) {
            describe(this, bit, label);
        }
    }

    /** virDomainSnapshotDeleteFlags, as the choices a person makes. */
    public enum SnapshotDelete implements Bit {
        ONLY_THIS(0, "This snapshot"), WITH_CHILDREN(1, "This snapshot and its children"),
        METADATA_ONLY(2, "Metadata only (keep the data in the images)"), CHILDREN_ONLY(4, "Only its children");

        SnapshotDelete(int bit, String label) {
            describe(this, bit, label);
        }

        @Override
        public String toString() {
            return label();
        }
    }

    /** virDomainXMLFlags. */
    public enum XmlDesc implements Bit {
        SECURE(1, "With secrets"), INACTIVE(2, "Saved definition"), UPDATE_CPU(4, "Host CPU filled in"),
        MIGRATABLE(8, "Migratable");

        XmlDesc(int bit, String label) {
            describe(this, bit, label);
        }
    }

    /** virDomainDefineFlags. */
    public enum Define implements Bit {
        VALIDATE(1, "Validate against the schema");

        Define(int bit, String label) {
            describe(this, bit, label);
        }
    }

    /** virDomainMetadataType: a value, not a bit (VIR_DOMAIN_METADATA_DESCRIPTION is 0). */
    public enum Metadata implements Bit {
        DESCRIPTION(0, "description"), TITLE(1, "title"), ELEMENT(2, "element");

        Metadata(int bit, String label) {
            describe(this, bit, label);
        }
    }

    /** virDomainVcpuFlags beyond the modification impact. */
    public enum Vcpus implements Bit {
        MAXIMUM(4, "Maximum"), GUEST(8, "As the guest agent sees them"), HOTPLUGGABLE(16, "Hot-pluggable");

        Vcpus(int bit, String label) {
            describe(this, bit, label);
        }
    }

    /** virDomainMemoryModFlags beyond the modification impact. */
    public enum Memory implements Bit {
        MAXIMUM(4, "Maximum");

        Memory(int bit, String label) {
            describe(this, bit, label);
        }
    }

    /** virDomainDeviceModifyFlags beyond the modification impact. */
    public enum DeviceModify implements Bit {
        FORCE(4, "Force (eject a locked medium)");

        DeviceModify(int bit, String label) {
            describe(this, bit, label);
        }
    }

    /** virDomainBlockResizeFlags. */
    public enum BlockResize implements Bit {
        BYTES(1, "Size in bytes");

        BlockResize(int bit, String label) {
            describe(this, bit, label);
        }
    }

    /** virDomainMemoryFlags of virDomainMemoryPeek. */
    public enum MemoryPeek implements Bit {
        VIRTUAL(1, "Virtual addresses"), PHYSICAL(2, "Physical addresses");

        MemoryPeek(int bit, String label) {
            describe(this, bit, label);
        }
    }

    /** virDomainDestroyFlagsValues. */
    public enum Destroy implements Bit {
        GRACEFUL(1, "Graceful (let QEMU flush)");

        Destroy(int bit, String label) {
            describe(this, bit, label);
        }
    }

    /** virNodeSuspendTarget of virDomainPMSuspendForDuration: a value, not a bit. */
    public enum PmTarget implements Bit {
        MEM(0, "Suspend to RAM (S3)"), DISK(1, "Suspend to disk (S4)"), HYBRID(2, "Hybrid");

        PmTarget(int bit, String label) {
            describe(this, bit, label);
        }

        /** The target with libvirt's value {@code value}; refused when there is none. */
        public static PmTarget of(int value) {
            for (PmTarget t : values()) {
                if (t.bit() == value) {
                    return t;
                }
            }
            throw new IllegalArgumentException("no PM suspend target " + value + " (0 mem, 1 disk, 2 hybrid)");
        }
    }

    /** virDomainCoreDumpFormat: a value, not a bit. */
    public enum DumpFormat implements Bit {
        RAW(0, "Raw ELF");

        DumpFormat(int bit, String label) {
            describe(this, bit, label);
        }
    }

    /** virDomainSnapshotCreateFlags. */
    public enum SnapshotCreate implements Bit {
        REDEFINE(1, "Redefine"), CURRENT(2, "Make current"), NO_METADATA(4, "No metadata"), HALT(8, "Halt afterwards"),
        DISK_ONLY(16, "Disks only"), REUSE_EXT(32, "Reuse existing files"), QUIESCE(64, "Quiesce through the guest agent"),
        ATOMIC(128, "Atomic"), LIVE(256, "Live"), VALIDATE(512, "Validate");

        SnapshotCreate(int bit, String label) {
            describe(this, bit, label);
        }
    }

    /** virDomainSnapshotRevertFlags. */
    public enum SnapshotRevert implements Bit {
        RUNNING(1, "Running afterwards"), PAUSED(2, "Paused afterwards"), FORCE(4, "Force"), RESET_NVRAM(8, "Reset NVRAM");

        SnapshotRevert(int bit, String label) {
            describe(this, bit, label);
        }
    }

    /** virDomainBlockRebaseFlags. */
    public enum BlockRebase implements Bit {
        SHALLOW(1, "Only the top image"), REUSE_EXT(2, "Reuse an existing file"), COPY_RAW(4, "Raw copy"),
        COPY(8, "Copy"), RELATIVE(16, "Relative backing path"), COPY_DEV(32, "Copy to a block device"),
        BANDWIDTH_BYTES(64, "Bandwidth in bytes/s");

        BlockRebase(int bit, String label) {
            describe(this, bit, label);
        }
    }

    /** virDomainBlockCommitFlags. */
    public enum BlockCommit implements Bit {
        SHALLOW(1, "Only the top image"), DELETE(2, "Delete the committed files"), ACTIVE(4, "The active layer"),
        RELATIVE(8, "Relative backing path"), BANDWIDTH_BYTES(16, "Bandwidth in bytes/s");

        BlockCommit(int bit, String label) {
            describe(this, bit, label);
        }
    }

    /** virDomainBlockJobAbortFlags. */
    public enum BlockJobAbort implements Bit {
        ASYNC(1, "Do not wait"), PIVOT(2, "Pivot to the new image");

        BlockJobAbort(int bit, String label) {
            describe(this, bit, label);
        }
    }

    /** virDomainConsoleFlags of virDomainOpenConsole. */
    public enum Console implements Bit {
        FORCE(1, "Take it from the client that holds it"), SAFE(2, "Only a stream libvirt can interrupt safely");

        Console(int bit, String label) {
            describe(this, bit, label);
        }
    }

    /** virDomainGetJobStatsFlags. */
    public enum JobStats implements Bit {
        COMPLETED(1, "The job that just ended"), KEEP_COMPLETED(2, "Keep the completed figures");

        JobStats(int bit, String label) {
            describe(this, bit, label);
        }
    }
}
