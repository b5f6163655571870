package org.vireo.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.vireo.job.Job;
import org.vireo.job.JobKind;
import org.vireo.job.Jobs;
import org.vireo.job.TransferControl;
import org.vireo.libvirt.HardwareApi;
import org.vireo.libvirt.DomainRef;
import org.vireo.libvirt.StorageApi;
import org.vireo.libvirt.VirtConnection;
import org.vireo.libvirt.VirtException;
import org.vireo.model.PoolInfo;
import org.vireo.model.PoolSpec;
import org.vireo.model.VolumeInfo;
import org.vireo.model.VolumeSpec;

/**
 * A host's storage pools and volumes: every call runs {@link StorageApi} on the host's worker
 * and completes with the value or libvirt's error; uploads and downloads run as jobs on their
 * own threads with the host's connection (the Jobs panel shows bytes moved and a cancel).
 * Specs are checked again on the worker against the host's current names before anything is sent.
 */
public final class StorageService {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StorageService.class);
    private final HostSession session;
    private final Jobs jobs;

    public StorageService(HostSession session, Jobs jobs) {
        this.session = session;
        this.jobs = jobs;
    }

    public String uri() {
        return session.uri();
    }

    private static StorageApi api(VirtConnection c) {
        return new StorageApi(c);
    }

    public CompletableFuture<List<PoolInfo>> pools() {
        return session.submit(c -> api(c).pools());
    }

    public CompletableFuture<List<VolumeInfo>> volumes(String pool) {
        return session.submit(c -> api(c).volumes(pool));
    }

    public CompletableFuture<String> poolXml(String pool) {
        return session.submit(c -> api(c).poolXml(pool));
    }

    public CompletableFuture<Void> startPool(String pool) {
        return run(c -> api(c).startPool(pool));
    }

    public CompletableFuture<Void> stopPool(String pool) {
        return run(c -> api(c).stopPool(pool));
    }

    public CompletableFuture<Void> refreshPool(String pool) {
        return run(c -> api(c).refreshPool(pool));
    }

    public CompletableFuture<Void> setPoolAutostart(String pool, boolean on) {
        return run(c -> api(c).setPoolAutostart(pool, on));
    }

    /** Stops and undefines the pool; with {@code deleteData} also removes its (empty) directory. */
    public CompletableFuture<Void> deletePool(String pool, boolean deleteData) {
        return run(c -> api(c).deletePool(pool, deleteData));
    }

    /** Defines, builds, starts a directory pool (and sets autostart); refused when the spec has problems. */
    public CompletableFuture<PoolInfo> createDirPool(PoolSpec spec, boolean autostart) {
        return session.submit(c -> {
            StorageApi api = api(c);
            List<String> problems = spec.problems(api.pools().stream().map(PoolInfo::name).toList());
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join(" ", problems));
            }
            return api.createDirPool(spec, autostart);
        });
    }

    public CompletableFuture<VolumeInfo> createVolume(String pool, VolumeSpec spec) {
        return session.submit(c -> {
            StorageApi api = api(c);
            List<String> problems = spec.problems(api.volumes(pool).stream().map(VolumeInfo::name).toList());
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join(" ", problems));
            }
            return api.createVolume(pool, spec);
        });
    }

    public CompletableFuture<Void> resizeVolume(String pool, String volume, long capacity, boolean shrink) {
        if (capacity <= 0) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("Size: must be more than 0."));
        }
        return run(c -> api(c).resizeVolume(pool, volume, capacity, shrink));
    }

    /**
     * Deletes a volume. One that a domain's disk uses is refused ({@link VolumeInUseException})
     * unless {@code evenIfInUse}: the check is made on the worker right before the delete.
     */
    public CompletableFuture<Void> deleteVolume(String pool, String volume, boolean evenIfInUse) {
        return run(c -> {
            StorageApi api = api(c);
            if (!evenIfInUse) {
                VolumeInfo v = api.volume(pool, volume);
                Map<String, List<String>> all = users(c);
                List<String> users = new ArrayList<>(all.getOrDefault(v.path(), List.of()));
                all.getOrDefault(pool + "/" + volume, List.of()).stream().filter(d -> !users.contains(d)).forEach(users::add);
                if (!users.isEmpty()) {
                    throw new VolumeInUseException(volume, users);
                }
            }
            api.deleteVolume(pool, volume);
        });
    }

    /**
     * Which domains use each path: disk source path (or "pool/volume" for disks of type
     * volume) → domain names, from every domain's XML (one call per domain).
     */
    public CompletableFuture<Map<String, List<String>>> volumeUsers() {
        return session.submit(StorageService::users);
    }

    static Map<String, List<String>> users(VirtConnection c) throws VirtException {
        Map<String, List<String>> out = new HashMap<>();
        HardwareApi domains = new HardwareApi(c);
        for (DomainRef d : c.listAllDomains()) {
            String xml;
            try {
                xml = domains.xml(d.uuid(), java.util.Set.of());
            } catch (VirtException e) {
                continue; // undefined meanwhile
            }
            for (String path : StorageApi.diskSources(xml)) {
                List<String> names = out.computeIfAbsent(path, k -> new ArrayList<>());
                if (!names.contains(d.name())) {
                    names.add(d.name());
                }
            }
        }
        return out;
    }

    /**
     * Uploads a file from this computer into {@code pool} as a new raw volume named
     * {@code volume}, sized to the file, as a job: bytes sent of the file's size, cancel aborts
     * the stream; a cancelled or failed upload deletes the volume it made.
     */
    public Job upload(Path file, String pool, String volume) {
        VirtConnection c = connected();
        TransferControl control = new TransferControl(-1);
        return jobs.start(JobKind.UPLOAD, "Upload " + file.getFileName() + " to " + pool + "/" + volume, session.uri(),
            "", "", control, () -> {
                long size;
                try {
                    size = Files.size(file);
                } catch (IOException e) {
                    throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
                }
                control.total(size);
                StorageApi api = new StorageApi(c);
                VolumeSpec spec = new VolumeSpec(volume, Math.max(size, 1), "raw", "", "");
                List<String> problems = spec.problems(api.volumes(pool).stream().map(VolumeInfo::name).toList());
                if (!problems.isEmpty()) {
                    throw new IllegalArgumentException(String.join(" ", problems));
                }
                api.createVolume(pool, spec);
                session.requestRefresh();
                try {
                    api.upload(pool, volume, file, control::progress, control::cancelled);
                    // a dir pool probes the file's format again (an uploaded qcow2 or ISO shows as such)
                    api.refreshPool(pool);
                } catch (VirtException | RuntimeException e) {
                    try {
                        api.deleteVolume(pool, volume);
                    } catch (VirtException | RuntimeException notNow) {
                        if (!c.isAlive()) {
                            // the link dropped under the upload: the half-written volume goes once the host is back
                            LOG.info("upload of {}/{} on {} cut: the volume is deleted when the host is back", pool, volume, session.uri());
                            session.whenConnected(again -> {
                                new StorageApi(again).deleteVolume(pool, volume);
                                session.requestRefresh();
                                return null;
                            });
                        }
                        // the upload's error is the one to show
                    }
                    throw e;
                }
            });
    }

    /** Downloads a volume into a file on this computer as a job (bytes received of the volume's size). */
    public CompletableFuture<Job> download(String pool, String volume, Path file) {
        return session.submit(c -> new StorageApi(c).downloadSize(pool, volume)).thenApply(size -> {
            VirtConnection c = connected();
            TransferControl control = new TransferControl(size);
            return jobs.start(JobKind.DOWNLOAD, "Download " + pool + "/" + volume + " to " + file.getFileName(), session.uri(),
                "", "", control, () -> new StorageApi(c).download(pool, volume, file, control::progress, control::cancelled));
        });
    }

    private VirtConnection connected() {
        VirtConnection c = session.connection();
        if (c == null) {
            throw new IllegalStateException("Not connected to " + session.uri());
        }
        return c;
    }

    private CompletableFuture<Void> run(VoidCall call) {
        return session.submit(c -> {
            call.run(c);
            return null;
        });
    }

    @FunctionalInterface
    interface VoidCall {
        void run(VirtConnection c) throws VirtException;
    }

    /** A delete refused because domains use the volume. */
    public static final class VolumeInUseException extends IllegalStateException {
        private final List<String> domains;

        public VolumeInUseException(String volume, List<String> domains) {
            super(volume + " is used by " + String.join(", ", domains) + ": not deleted.");
            this.domains = List.copyOf(domains);
        }

        public List<String> domains() {
            return domains;
        }
    }
}
