package org.vireo.model;

import java.util.Collection;

/** The flag words of libvirt's domain calls, as enums with their bit values. */
public final class DomainFlags {
    private DomainFlags() {
    }

    /** A flag with libvirt's bit value. */
    public interface Bit {
        int bit();

        String label();
    }

    public static int mask(Collection<? extends Bit> flags) {
        int m = 0;
        for (Bit b : flags) {
            m |= b.bit();
        }
        return m;
    }

    /** virDomainModificationImpact: which definition a change applies to. */
    public enum Affect implements Bit {
        CURRENT(0, "current"), LIVE(1, "live"), CONFIG(2, "config"), BOTH(3, "live + config");

        private final int bit;
        private final String label;

        Affect(int bit, String label) {
            this.bit = bit;
            this.label = label;
        }

        public int bit() {
            return bit;
        }

        public String label() {
            return label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** virDomainCreateFlags. */
    public enum Start implements Bit {
        PAUSED(1, "Paused"), AUTODESTROY(2, "Destroy when Vireo disconnects"), BYPASS_CACHE(4, "Bypass cache"),
        FORCE_BOOT(8, "Force boot (discard managed save)");

        private final int bit;
        private final String label;

        Start(int bit, String label) {
            this.bit = bit;
            this.label = label;
        }

        public int bit() {
            return bit;
        }

        public String label() {
            return label;
        }
    }

    /** virDomainShutdownFlagValues / virDomainRebootFlagValues (the same bits for both). */
    public enum PowerMode implements Bit {
        DEFAULT(0, "Default"), ACPI(1, "ACPI power button"), GUEST_AGENT(2, "Guest agent");

        private final int bit;
        private final String label;

        PowerMode(int bit, String label) {
            this.bit = bit;
            this.label = label;
        }

        public int bit() {
            return bit;
        }

        public String label() {
            return label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** virDomainSaveRestoreFlags. */
    public enum Save implements Bit {
        BYPASS_CACHE(1, "Bypass cache"), RUNNING(2, "Running afterwards"), PAUSED(4, "Paused afterwards");

        private final int bit;
        private final String label;

        Save(int bit, String label) {
            this.bit = bit;
            this.label = label;
        }

        public int bit() {
            return bit;
        }

        public String label() {
            return label;
        }
    }

    /** virDomainCoreDumpFlags. */
    public enum Dump implements Bit {
        CRASH(1, "Crash (stop the guest)"), LIVE(2, "Live (keep it running)"), BYPASS_CACHE(4, "Bypass cache"),
        RESET(8, "Reset afterwards"), MEMORY_ONLY(16, "Memory only");

        private final int bit;
        private final String label;

        Dump(int bit, String label) {
            this.bit = bit;
            this.label = label;
        }

        public int bit() {
            return bit;
        }

        public String label() {
            return label;
        }
    }

    /** virDomainBlockCopyFlags. */
    public enum BlockCopy implements Bit {
        SHALLOW(1, "Only the top image"), REUSE_EXT(2, "Reuse an existing file"), TRANSIENT_JOB(4, "Transient job"),
        SYNCHRONOUS_WRITES(8, "Synchronous writes");

        private final int bit;
        private final String label;

        BlockCopy(int bit, String label) {
            this.bit = bit;
            this.label = label;
        }

        public int bit() {
            return bit;
        }

        public String label() {
            return label;
        }
    }

    /** virDomainUndefineFlagsValues. */
    public enum Undefine implements Bit {
        MANAGED_SAVE(1, "Remove the managed save image"), SNAPSHOTS_METADATA(2, "Remove snapshot metadata"),
        NVRAM(4, "Remove NVRAM");

        private final int bit;
        private final String label;

        Undefine(int bit, String label) {
            this.bit = bit;
            this.label = label;
        }

        public int bit() {
            return bit;
        }

        public String label() {
            return label;
        }
    }

    /** virDomainSnapshotDeleteFlags, as the choices a person makes. */
    public enum SnapshotDelete implements Bit {
        ONLY_THIS(0, "This snapshot"), WITH_CHILDREN(1, "This snapshot and its children"),
        METADATA_ONLY(2, "Metadata only (keep the data in the images)"), CHILDREN_ONLY(4, "Only its children");

        private final int bit;
        private final String label;

        SnapshotDelete(int bit, String label) {
            this.bit = bit;
            this.label = label;
        }

        public int bit() {
            return bit;
        }

        public String label() {
            return label;
        }

        @Override
        public String toString() {
            return label;
        }
    }
}
