package org.vireo.model;

import java.util.ArrayList;
import java.util.List;

/**
 * What the user chose in the migration wizard. Pure data: {@link #flags()} and
 * {@link #problems(boolean)} turn it into libvirt's flags and the combinations libvirt would
 * refuse, so the wizard can refuse them first, with the reason.
 *
 * @param mode            who drives the migration and where the data flows
 * @param offline         move only the definition of a shut-off domain
 * @param undefineSource  remove the definition from the source afterwards
 * @param persistDest     define the domain on the destination (not only run it there)
 * @param storage         copy the disks over as well (libvirt's "non-shared" storage)
 * @param disks           targets of the disks to copy (empty: all of them)
 * @param bandwidthMiBs   speed cap in MiB/s, 0 for none
 * @param maxDowntimeMs   longest pause at the switch-over, 0 for libvirt's default
 * @param compression     QEMU compression methods (xbzrle, zstd ...), empty for none
 * @param autoConverge    slow the guest's vCPUs down when it dirties memory faster than it can be sent
 * @param postCopy        allow switching to post-copy while the job runs
 * @param unsafe          migrate even where libvirt thinks the disks could be corrupted
 * @param migrationAddress where the source's QEMU sends the data (host or host:port), empty for the destination's own choice
 * @param peerUri         peer-to-peer and tunnelled: the destination's URI as the source host sees it
 * @param destinationName a new name on the destination, empty to keep it
 * @param destinationXml  a changed definition for the destination, empty to keep it
 */
public record MigrationOptions(Mode mode, boolean offline, boolean undefineSource, boolean persistDest, Storage storage,
                               List<String> disks, long bandwidthMiBs, long maxDowntimeMs, List<String> compression,
                               boolean autoConverge, boolean postCopy, boolean unsafe, String migrationAddress,
                               String peerUri, String destinationName, String destinationXml) {
    public enum Mode {
        DIRECT("Managed direct", "Vireo talks to both hosts; the guest's data flows from host to host."),
        PEER_TO_PEER("Peer-to-peer", "Vireo talks to the source only; the source host's libvirt connects to the destination."),
        TUNNELLED("Tunnelled", "Peer-to-peer, with the data carried inside the libvirt connection between the hosts.");

        private final String label;
        private final String description;

        Mode(String label, String description) {
            this.label = label;
            this.description = description;
        }

        public String label() {
            return label;
        }

        public String description() {
            return description;
        }
    }

    public enum Storage {
        SHARED("Shared (nothing copied)"), FULL("Copy whole disks"), INCREMENTAL("Copy disk changes (destination has the base)");

        private final String label;

        Storage(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    // VIR_MIGRATE_* (libvirt-domain.h)
    public static final int LIVE = 1;
    public static final int PEER2PEER = 2;
    public static final int TUNNELLED = 4;
    public static final int PERSIST_DEST = 8;
    public static final int UNDEFINE_SOURCE = 16;
    public static final int NON_SHARED_DISK = 64;
    public static final int NON_SHARED_INC = 128;
    public static final int UNSAFE = 512;
    public static final int OFFLINE = 1024;
    public static final int COMPRESSED = 2048;
    public static final int ABORT_ON_ERROR = 4096;
    public static final int AUTO_CONVERGE = 8192;
    public static final int POSTCOPY = 1 << 15;

    public MigrationOptions {
        disks = List.copyOf(disks);
        compression = List.copyOf(compression);
        migrationAddress = migrationAddress == null ? "" : migrationAddress.strip();
        peerUri = peerUri == null ? "" : peerUri.strip();
        destinationName = destinationName == null ? "" : destinationName.strip();
        destinationXml = destinationXml == null ? "" : destinationXml;
    }

    /** Live, managed direct, kept on both sides as virt-manager's default: persistent on the destination, source undefined. */
    public static MigrationOptions defaults(boolean active) {
        return new MigrationOptions(Mode.DIRECT, !active, true, true, Storage.SHARED, List.of(), 0, 0, List.of(),
            false, false, false, "", "", "", "");
    }

    public MigrationOptions withOffline(boolean value) {
        return new MigrationOptions(mode, value, undefineSource, persistDest, storage, disks, bandwidthMiBs, maxDowntimeMs,
            compression, autoConverge, postCopy, unsafe, migrationAddress, peerUri, destinationName, destinationXml);
    }

    public MigrationOptions withMode(Mode value) {
        return new MigrationOptions(value, offline, undefineSource, persistDest, storage, disks, bandwidthMiBs, maxDowntimeMs,
            compression, autoConverge, postCopy, unsafe, migrationAddress, peerUri, destinationName, destinationXml);
    }

    public MigrationOptions withMigrationAddress(String value) {
        return new MigrationOptions(mode, offline, undefineSource, persistDest, storage, disks, bandwidthMiBs, maxDowntimeMs,
            compression, autoConverge, postCopy, unsafe, value, peerUri, destinationName, destinationXml);
    }

    public MigrationOptions withPeerUri(String value) {
        return new MigrationOptions(mode, offline, undefineSource, persistDest, storage, disks, bandwidthMiBs, maxDowntimeMs,
            compression, autoConverge, postCopy, unsafe, migrationAddress, value, destinationName, destinationXml);
    }

    public MigrationOptions withDestinationName(String value) {
        return new MigrationOptions(mode, offline, undefineSource, persistDest, storage, disks, bandwidthMiBs, maxDowntimeMs,
            compression, autoConverge, postCopy, unsafe, migrationAddress, peerUri, value, destinationXml);
    }

    public int flags() {
        int f = ABORT_ON_ERROR;
        f |= offline ? OFFLINE : LIVE;
        if (mode != Mode.DIRECT) {
            f |= PEER2PEER;
        }
        if (mode == Mode.TUNNELLED) {
            f |= TUNNELLED;
        }
        if (persistDest) {
            f |= PERSIST_DEST;
        }
        if (undefineSource) {
            f |= UNDEFINE_SOURCE;
        }
        if (storage == Storage.FULL) {
            f |= NON_SHARED_DISK;
        } else if (storage == Storage.INCREMENTAL) {
            f |= NON_SHARED_INC;
        }
        if (unsafe) {
            f |= UNSAFE;
        }
        if (!compression.isEmpty()) {
            f |= COMPRESSED;
        }
        if (autoConverge) {
            f |= AUTO_CONVERGE;
        }
        if (postCopy) {
            f |= POSTCOPY;
        }
        return f;
    }

    /** The combinations libvirt refuses, as sentences; empty when libvirt would accept them. */
    public List<String> problems(boolean domainActive) {
        List<String> p = new ArrayList<>();
        if (offline && domainActive) {
            p.add("Offline migration moves a shut-off domain's definition; this domain is running: choose live migration.");
        }
        if (!offline && !domainActive) {
            p.add("The domain is shut off: only offline migration (its definition) is possible.");
        }
        if (offline && !persistDest) {
            p.add("Offline migration needs \"persistent on the destination\": otherwise nothing would be left there.");
        }
        if (offline && storage != Storage.SHARED) {
            p.add("Offline migration copies no disks: choose shared storage or start the domain.");
        }
        if (offline && postCopy) {
            p.add("Post-copy needs a running domain.");
        }
        if (mode == Mode.TUNNELLED && storage != Storage.SHARED) {
            p.add("Tunnelled migration cannot copy storage (libvirt refuses NON_SHARED_DISK with TUNNELLED).");
        }
        if (mode == Mode.TUNNELLED && postCopy) {
            p.add("Tunnelled migration cannot switch to post-copy.");
        }
        if (mode == Mode.TUNNELLED && !migrationAddress.isEmpty()) {
            p.add("Tunnelled migration carries the data in libvirt's own connection: it takes no migration address.");
        }
        if (mode != Mode.DIRECT && peerUri.isEmpty()) {
            p.add(mode.label() + " needs the destination's URI as the source host sees it (for example qemu+ssh://hostB/system).");
        }
        if (postCopy && !compression.isEmpty()) {
            p.add("Post-copy cannot be combined with compression.");
        }
        p.addAll(fieldProblems());
        return p;
    }

    /** What is wrong with the typed fields alone (names, URI, address, figures); the service refuses these before libvirt. */
    public List<String> fieldProblems() {
        List<String> p = new ArrayList<>();
        if (bandwidthMiBs < 0 || maxDowntimeMs < 0) {
            p.add("Bandwidth and downtime cannot be negative.");
        }
        if (!destinationName.isEmpty()) {
            DomainNames.domainProblem(destinationName, "the domain on the destination").ifPresent(why -> p.add("Name on the destination: " + why));
        }
        if (!peerUri.isEmpty()) {
            ConnectionUri.problem(peerUri).ifPresent(why -> p.add("Destination URI: " + why));
        }
        if (!migrationAddress.isEmpty()) {
            addressProblem(migrationAddress).ifPresent(p::add);
        }
        return p;
    }

    private static final java.util.regex.Pattern ADDRESS =
        java.util.regex.Pattern.compile("(?:tcp://)?([A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\\[[0-9A-Fa-f:.]+\\])(?::(\\d{1,5}))?");

    /** A migration address is what QEMU listens on: tcp://host[:port] or host[:port]. */
    static java.util.Optional<String> addressProblem(String address) {
        var m = ADDRESS.matcher(address);
        if (!m.matches()) {
            return java.util.Optional.of("Migration address: write it as tcp://host:port or host:port (e.g. tcp://10.0.0.2:49152).");
        }
        if (m.group(2) != null) {
            int port = Integer.parseInt(m.group(2));
            if (port < 1 || port > 65535) {
                return java.util.Optional.of("Migration address: the port must be 1 to 65535, not " + port + ".");
            }
        }
        return java.util.Optional.empty();
    }

    /** What will happen, in words, for the last page of the wizard. */
    public String describe(String domain, String source, String destination) {
        StringBuilder s = new StringBuilder();
        String target = destinationName.isEmpty() ? domain : destinationName;
        if (offline) {
            s.append("The definition of the shut-off domain ").append(domain).append(" is copied from ").append(source)
                .append(" to ").append(destination).append(" as ").append(target).append(". Nothing runs and no disk is copied.");
        } else {
            s.append(domain).append(" keeps running while its memory is copied from ").append(source).append(" to ")
                .append(destination).append("; it pauses only for the final switch-over")
                .append(maxDowntimeMs > 0 ? " (at most " + maxDowntimeMs + " ms)" : "").append(", then runs on ")
                .append(destination).append(target.equals(domain) ? "" : " as " + target).append('.');
        }
        s.append("\n").append(mode.description());
        if (!migrationAddress.isEmpty()) {
            s.append(" Data goes to ").append(migrationAddress).append('.');
        }
        if (storage != Storage.SHARED) {
            s.append("\nDisks copied: ").append(disks.isEmpty() ? "all" : String.join(", ", disks))
                .append(storage == Storage.INCREMENTAL ? " (changes only)." : " (whole).");
        }
        if (bandwidthMiBs > 0) {
            s.append("\nSpeed capped at ").append(bandwidthMiBs).append(" MiB/s.");
        }
        if (!compression.isEmpty()) {
            s.append("\nCompressed with ").append(String.join(", ", compression)).append('.');
        }
        if (autoConverge) {
            s.append("\nIf the guest dirties memory faster than it can be sent, its vCPUs are slowed down.");
        }
        if (postCopy) {
            s.append("\nYou can switch to post-copy while it runs: from then on the guest runs on the destination and "
                + "a network failure would lose it.");
        }
        s.append(persistDest ? "\nThe domain will be defined (persistent) on " + destination + '.'
            : "\nThe domain will run on " + destination + " without a definition there (transient).");
        s.append(undefineSource ? " Its definition on " + source + " is removed." : " Its definition stays on " + source + '.');
        if (unsafe) {
            s.append("\nUnsafe: libvirt's check against disks that could be corrupted is skipped.");
        }
        if (!destinationXml.isEmpty()) {
            s.append("\nThe destination gets the edited XML.");
        }
        s.append("\nIf the migration fails or is cancelled, ").append(domain).append(" stays ")
            .append(offline ? "defined" : "running").append(" on ").append(source).append('.');
        return s.toString();
    }
}
