package org.vireo.host;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vireo.job.Job;
import org.vireo.job.JobControl;
import org.vireo.job.JobKind;
import org.vireo.job.Jobs;
import org.vireo.libvirt.CreateStorageApi;
import org.vireo.libvirt.VirtConnection;
import org.vireo.libvirt.VirtException;
import org.vireo.libvirt.VmCreateApi;
import org.vireo.model.CloneXml;
import org.vireo.model.CreateChoices;
import org.vireo.model.DiskUse;
import org.vireo.model.DomainState;
import org.vireo.model.JobStats;
import org.vireo.model.PoolSummary;
import org.vireo.model.VmSpec;
import org.vireo.model.VmXml;
import org.vireo.model.VolumeSummary;

/**
 * Making, copying and removing guests on one host. Reads run on the host's worker; creating
 * and cloning run as jobs (upload progress, cancel between steps) that undo what they made
 * when they fail or are cancelled: volumes they created and the definition.
 */
public final class CreateVmService {
    private static final Logger LOG = LoggerFactory.getLogger(CreateVmService.class);
    private final HostSession session;
    private final Jobs jobs;

    public CreateVmService(HostSession session, Jobs jobs) {
        this.session = session;
        this.jobs = jobs;
    }

    public String uri() {
        return session.uri();
    }

    /** Platforms, pools with their volumes, networks and the names taken, in one trip to the worker. */
    public CompletableFuture<CreateChoices> choices() {
        return session.submit(c -> {
            VmCreateApi vm = new VmCreateApi(c);
            CreateStorageApi st = new CreateStorageApi(c);
            List<PoolSummary> pools = st.pools();
            List<VolumeSummary> volumes = new ArrayList<>();
            for (PoolSummary p : pools) {
                if (p.active()) {
                    volumes.addAll(st.volumes(p.name()));
                }
            }
            return new CreateChoices(vm.platforms(), pools, volumes, st.networks(), vm.domainNames());
        });
    }

    /** The ISO volume id of a file on the host, read through a pool (virStorageVolDownload of its head). */
    public CompletableFuture<String> isoLabel(String pathOnHost) {
        return session.submit(c -> org.vireo.host.IsoLabel.of(new CreateStorageApi(c).head(pathOnHost, IsoLabel.HEAD)));
    }

    /** "" when no domain has this name, else the reason it cannot be used. */
    public CompletableFuture<String> nameClash(String name) {
        return session.submit(c -> clash(new VmCreateApi(c), name));
    }

    private static String clash(VmCreateApi vm, String name) throws VirtException {
        // the dialogs refuse these names as typed; a caller that did not ask them is refused here, before libvirt
        org.vireo.model.DomainNames.domainProblem(name, "the guest").ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        return vm.domainNames().contains(name) ? "A domain named " + name + " already exists on this host." : "";
    }

    /** Where a new volume of a directory pool lands (the XML preview shows it before it exists). */
    public static String predictedPath(PoolSummary pool, String volume) {
        return pool == null || pool.path().isEmpty() ? volume : pool.path() + "/" + volume;
    }

    /**
     * Starts creating the guest as a job: (new disk) (upload) define, start. {@code editedXml},
     * when not null, is defined instead of the generated document, with the predicted volume
     * paths replaced by the real ones.
     */
    public Job create(VmSpec spec, String editedXml, String predictedDisk, String predictedIso) {
        VirtConnection c = connection();
        Progress progress = new Progress();
        return jobs.start(JobKind.CREATE, "Create " + spec.name(), session.uri(), "", spec.name(), progress, () -> {
            List<String> made = new ArrayList<>();
            String uuid = null;
            CreateStorageApi st = new CreateStorageApi(c);
            VmCreateApi vm = new VmCreateApi(c);
            try {
                progress.phase("Checking the name", 0, 0);
                String refusal = clash(vm, spec.name());
                if (!refusal.isEmpty()) {
                    throw new VirtException(-1, "DOM_EXIST", "DOMAIN", refusal, null);
                }
                VmSpec s = spec;
                String disk = s.source() == VmSpec.Source.IMPORT ? s.importPath() : "";
                if (s.newDisk()) {
                    progress.phase("Creating the disk " + s.diskVolumeName(), 0, 0);
                    disk = st.createVolume(s.pool(), s.diskVolumeName(), s.diskBytes(), s.diskFormat());
                    made.add(disk);
                }
                progress.check();
                if (s.source() == VmSpec.Source.ISO && s.localIso() != null && !s.localIso().isEmpty()) {
                    Path file = Path.of(s.localIso());
                    long size = java.nio.file.Files.size(file);
                    progress.phase("Uploading " + file.getFileName(), size, 0);
                    String iso;
                    try {
                        iso = st.upload(s.pool(), s.uploadVolumeName(), file, sent -> progress.phase(progress.phase(), size, sent),
                            progress::cancelled);
                    } catch (java.io.IOException e) {
                        throw new VirtException(-1, "IO", "STORAGE", "cannot read " + file + ": " + e.getMessage(), e);
                    }
                    made.add(iso);
                    s = s.withIsoPath(iso);
                }
                progress.check();
                String xml;
                if (editedXml != null) {
                    xml = editedXml;
                    if (predictedDisk != null && !predictedDisk.isEmpty() && !disk.isEmpty()) {
                        xml = xml.replace(predictedDisk, disk);
                    }
                    if (predictedIso != null && !predictedIso.isEmpty() && s.isoPath() != null) {
                        xml = xml.replace(predictedIso, s.isoPath());
                    }
                } else {
                    xml = VmXml.of(s, disk);
                }
                progress.phase("Defining " + s.name(), 0, 0);
                uuid = vm.define(xml);
                progress.check();
                progress.phase("Starting " + s.name(), 0, 0);
                vm.start(uuid);
                LOG.info("created {} ({}) on {}", s.name(), uuid, session.uri());
            } catch (VirtException | RuntimeException e) {
                undo(vm, st, uuid, made);
                throw e;
            } catch (java.io.IOException e) {
                undo(vm, st, uuid, made);
                throw new VirtException(-1, "IO", "STORAGE", e.getMessage(), e);
            } finally {
                session.requestRefresh();
            }
        });
    }

    /**
     * Copies a shut-off domain as a job: every disk copied into its own pool as a new volume
     * (virStorageVolCreateXMLFrom), then the copy defined with the new name, a new UUID and new
     * MAC addresses. CD-ROMs stay shared. Undone on failure or cancel.
     */
    public Job cloneDomain(String uuid, String sourceName, String newName) {
        VirtConnection c = connection();
        Progress progress = new Progress();
        return jobs.start(JobKind.CLONE, "Clone " + sourceName + " as " + newName, session.uri(), uuid, sourceName, progress, () -> {
            List<String> made = new ArrayList<>();
            String newUuid = null;
            CreateStorageApi st = new CreateStorageApi(c);
            VmCreateApi vm = new VmCreateApi(c);
            try {
                progress.phase("Checking", 0, 0);
                String refusal = clash(vm, newName);
                if (!refusal.isEmpty()) {
                    throw new VirtException(-1, "DOM_EXIST", "DOMAIN", refusal, null);
                }
                if (c.domainState(uuid).state() != DomainState.SHUTOFF) {
                    throw new VirtException(-1, "OPERATION_INVALID", "DOMAIN",
                        "Shut " + sourceName + " down first: its disks cannot be copied while it writes to them.", null);
                }
                String xml = vm.inactiveXml(uuid);
                List<String> paths = CloneXml.diskPaths(xml);
                List<VolumeSummary> vols = new ArrayList<>();
                long total = 0;
                for (String p : paths) {
                    VolumeSummary v = st.volumeAt(p);
                    if (v == null) {
                        throw new VirtException(-1, "NO_STORAGE_VOL", "STORAGE",
                            p + " is in no storage pool: add its directory as a pool to clone it.", null);
                    }
                    vols.add(v);
                    total += v.capacity();
                }
                Map<String, String> newPaths = new LinkedHashMap<>();
                long done = 0;
                for (int i = 0; i < vols.size(); i++) {
                    VolumeSummary v = vols.get(i);
                    String ext = v.name().contains(".") ? v.name().substring(v.name().lastIndexOf('.')) : "";
                    String name = newName + (i == 0 ? "" : "-" + (i + 1)) + ext;
                    progress.phase("Copying " + v.name() + " to " + name, total, done);
                    String path = st.cloneVolume(v.path(), name);
                    made.add(path);
                    newPaths.put(v.path(), path);
                    done += v.capacity();
                    progress.phase("Copied " + name, total, done);
                    progress.check();
                }
                progress.phase("Defining " + newName, total, done);
                newUuid = vm.define(CloneXml.of(xml, newName, newPaths));
                LOG.info("cloned {} as {} on {}", sourceName, newName, session.uri());
            } catch (VirtException | RuntimeException e) {
                undo(vm, st, newUuid, made);
                throw e;
            } finally {
                session.requestRefresh();
            }
        });
    }

    /** The domain's disks with what the delete dialog needs: in a pool? used by other domains? */
    public CompletableFuture<List<DiskUse>> disksOf(String uuid) {
        return session.submit(c -> {
            VmCreateApi vm = new VmCreateApi(c);
            CreateStorageApi st = new CreateStorageApi(c);
            Map<String, String> all = vm.allXml();
            Map<String, String> names = new HashMap<>();
            for (var r : c.listAllDomains()) {
                names.put(r.uuid(), r.name());
            }
            List<DiskUse> out = new ArrayList<>();
            for (String[] d : CloneXml.allDisks(all.getOrDefault(uuid, vm.inactiveXml(uuid)))) {
                List<String> others = new ArrayList<>();
                for (var e : all.entrySet()) {
                    if (!e.getKey().equals(uuid) && CloneXml.allDisks(e.getValue()).stream().anyMatch(o -> o[2].equals(d[2]))) {
                        others.add(names.getOrDefault(e.getKey(), e.getKey()));
                    }
                }
                out.add(new DiskUse(d[0], d[1], d[2], st.volumeAt(d[2]) != null, others));
            }
            return out;
        });
    }

    /**
     * Stops the domain if it runs, removes its definition (with managed save, snapshot
     * metadata and NVRAM), then deletes the chosen volumes; a volume another domain uses is
     * kept whatever was asked (checked again here, not only in the dialog).
     */
    public CompletableFuture<List<String>> delete(String uuid, List<String> volumePaths) {
        return session.<List<String>>submit(c -> {
            VmCreateApi vm = new VmCreateApi(c);
            CreateStorageApi st = new CreateStorageApi(c);
            vm.destroyIfRunning(uuid);
            vm.undefine(uuid);
            Map<String, String> rest = vm.allXml();
            List<String> kept = new ArrayList<>();
            for (String p : volumePaths) {
                boolean used = rest.values().stream().anyMatch(x -> CloneXml.allDisks(x).stream().anyMatch(d -> d[2].equals(p)));
                if (used) {
                    kept.add(p);
                    continue;
                }
                st.deleteVolume(p);
            }
            return kept;
        }).whenComplete((ok, err) -> session.requestRefresh());
    }

    private void undo(VmCreateApi vm, CreateStorageApi st, String uuid, List<String> made) {
        if (uuid != null) {
            try {
                vm.destroyIfRunning(uuid);
                vm.undefine(uuid);
            } catch (VirtException e) {
                LOG.warn("could not remove the half-made domain {}: {}", uuid, e.getMessage());
            }
        }
        for (String path : made.reversed()) {
            try {
                st.deleteVolume(path);
            } catch (VirtException e) {
                LOG.warn("could not delete {} after a failed create: {}", path, e.getMessage());
            }
        }
    }

    private VirtConnection connection() {
        VirtConnection c = session.connection();
        if (c == null) {
            throw new IllegalStateException("Not connected to " + session.uri());
        }
        return c;
    }

    /** A create or clone job's figures: its step in words and bytes done of total; cancel asks between steps. */
    private static final class Progress implements JobControl {
        private final AtomicReference<JobStats> stats = new AtomicReference<>(JobStats.EMPTY);
        private volatile boolean cancelled;
        private volatile String phase = "";
        private volatile long phaseStart = System.nanoTime();

        void phase(String text, long total, long done) {
            if (!text.equals(phase)) {
                phaseStart = System.nanoTime();
            }
            phase = text;
            Map<String, Object> v = new HashMap<>();
            v.put("phase", text);
            if (total > 0) {
                v.put("data_total", total);
                v.put("data_processed", done);
                v.put("data_remaining", total - done);
                // speed and time left of this step (the Jobs panel shows them as it does a migration's)
                double seconds = (System.nanoTime() - phaseStart) / 1e9;
                if (seconds > 0.2 && done > 0) {
                    long bps = (long) (done / seconds);
                    v.put("disk_bps", bps);
                    v.put("time_remaining", (long) ((total - done) / (double) bps * 1000));
                }
            }
            stats.set(new JobStats(1, v));
        }

        String phase() {
            return phase;
        }

        boolean cancelled() {
            return cancelled;
        }

        void check() throws VirtException {
            if (cancelled) {
                throw new VirtException(-1, "OPERATION_ABORTED", "NONE", "cancelled at: " + phase, null);
            }
        }

        @Override
        public JobStats poll() {
            return stats.get();
        }

        @Override
        public void abort() {
            cancelled = true;
        }
    }
}
