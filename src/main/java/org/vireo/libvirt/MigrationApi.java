package org.vireo.libvirt;

import com.sun.jna.Pointer;
import org.vireo.model.MigrationOptions;

/**
 * virDomainMigrate3 (managed direct: this process holds both connections) and
 * virDomainMigrateToURI3 (peer-to-peer and tunnelled: the source daemon reaches the
 * destination itself). Both block until the migration ends; run them on a job's thread
 * and cancel through {@link JobApi#abort}.
 */
public final class MigrationApi {
    private final VirtConnection source;

    public MigrationApi(VirtConnection source) {
        this.source = source;
    }

    /** Migrates the domain to {@code destination} (null for the peer modes, which use the options' peer URI). */
    public void migrate(String uuid, VirtConnection destination, MigrationOptions o) throws VirtException {
        TypedParams params = params(o);
        new DomainCalls(source).onNative(uuid, dom -> {
            if (o.maxDowntimeMs() > 0 && !o.offline()) {
                // QEMU takes the downtime limit at any time; set before the first byte moves
                DomainCalls.check(NativeVirt.LIB.virDomainMigrateSetMaxDowntime(dom, o.maxDowntimeMs(), 0), "virDomainMigrateSetMaxDowntime");
            }
            if (o.mode() == MigrationOptions.Mode.DIRECT) {
                // the destination's host may drop and close its connection during the migration
                Pointer to = destination.acquire();
                try {
                    Pointer moved = NativeVirt.LIB.virDomainMigrate3(dom, to, params.pointer(), params.size(), o.flags());
                    if (moved == null) {
                        throw VirtException.lastError("virDomainMigrate3");
                    }
                    NativeVirt.LIB.virDomainFree(moved);
                } finally {
                    VirtConnection.release(to);
                }
            } else {
                DomainCalls.check(NativeVirt.LIB.virDomainMigrateToURI3(dom, o.peerUri(), params.pointer(), params.size(), o.flags()),
                    "virDomainMigrateToURI3");
            }
            return null;
        });
    }

    static TypedParams params(MigrationOptions o) {
        TypedParams p = new TypedParams();
        if (!o.migrationAddress().isEmpty() && o.mode() != MigrationOptions.Mode.TUNNELLED) {
            String a = o.migrationAddress();
            p.string("migrate_uri", a.contains("://") ? a : "tcp://" + a);
        }
        if (!o.destinationName().isEmpty()) {
            p.string("destination_name", o.destinationName());
        }
        if (!o.destinationXml().isBlank()) {
            p.string("destination_xml", o.destinationXml());
            if (o.persistDest()) {
                p.string("persistent_xml", o.destinationXml());
            }
        }
        if (o.bandwidthMiBs() > 0) {
            p.ullong("bandwidth", o.bandwidthMiBs());
        }
        for (String disk : o.disks()) {
            p.string("migrate_disks", disk);
        }
        for (String method : o.compression()) {
            p.string("compression", method);
        }
        return p;
    }
}
