package org.vireo.ui.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.vireo.host.StorageService;
import org.vireo.job.Job;
import org.vireo.model.PoolInfo;
import org.vireo.model.PoolSpec;
import org.vireo.model.VolumeInfo;
import org.vireo.model.VolumeSpec;
import org.vireo.ui.HostViewModel;

/**
 * The Storage tab of a host's page: its pools and the selected pool's volumes with the
 * domains that use them. Every call runs on the host's worker through {@link StorageService};
 * results land on the FX thread, and a generation counter drops those of an earlier host
 * or pool. Failures go to {@link #messageProperty()} in libvirt's words.
 */
public final class StorageViewModel {
    private final ObjectProperty<HostViewModel> host = new SimpleObjectProperty<>(this, "host");
    private final ObservableList<PoolInfo> pools = FXCollections.observableArrayList();
    private final ObservableList<VolumeRow> volumes = FXCollections.observableArrayList();
    private final ObjectProperty<PoolInfo> selectedPool = new SimpleObjectProperty<>(this, "selectedPool");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final Consumer<Job> jobStarted;
    private long generation;
    private long volumeGeneration;
    private Map<String, List<String>> users = Map.of();

    /** @param jobStarted told of each upload or download job (the window shows the Jobs panel) */
    public StorageViewModel(Consumer<Job> jobStarted) {
        this.jobStarted = jobStarted;
        selectedPool.addListener((o, old, now) -> {
            if (old == null || now == null || !old.name().equals(now.name())) {
                loadVolumes();
            }
        });
    }

    /** Shows {@code h}'s storage (null: none). */
    public void show(HostViewModel h) {
        host.set(h);
        pools.clear();
        volumes.clear();
        selectedPool.set(null);
        reload();
    }

    public ObjectProperty<HostViewModel> hostProperty() {
        return host;
    }

    /** Reads the pools again (and the selected pool's volumes). */
    public CompletableFuture<Void> reload() {
        HostViewModel h = host.get();
        if (h == null) {
            return CompletableFuture.completedFuture(null);
        }
        long gen = ++generation;
        StorageService s = h.storageService();
        return s.pools().thenCombine(s.volumeUsers(), (p, u) -> {
            Platform.runLater(() -> {
                if (gen != generation) {
                    return;
                }
                users = u;
                String keep = selectedPool.get() == null ? null : selectedPool.get().name();
                pools.setAll(p);
                PoolInfo again = keep == null ? null : p.stream().filter(x -> x.name().equals(keep)).findFirst().orElse(null);
                if (again == null && !p.isEmpty()) {
                    again = p.stream().filter(PoolInfo::active).findFirst().orElse(p.getFirst());
                }
                boolean same = again != null && selectedPool.get() != null && again.name().equals(selectedPool.get().name());
                selectedPool.set(again);
                if (same) {
                    loadVolumes();
                }
            });
            return (Void) null;
        }).exceptionally(e -> {
            fail("Reading the storage failed", e);
            return null;
        });
    }

    private void loadVolumes() {
        HostViewModel h = host.get();
        PoolInfo p = selectedPool.get();
        long gen = ++volumeGeneration;
        if (h == null || p == null) {
            volumes.clear();
            return;
        }
        h.storageService().volumes(p.name()).whenComplete((list, err) -> Platform.runLater(() -> {
            if (gen != volumeGeneration) {
                return;
            }
            if (err != null) {
                volumes.clear();
                fail("Reading the volumes of " + p.name() + " failed", err);
                return;
            }
            volumes.setAll(list.stream().map(v -> new VolumeRow(v, usersOf(v))).toList());
        }));
    }

    /** Domains whose disks name the volume by path, or by pool and volume name (disk type 'volume'). */
    private List<String> usersOf(VolumeInfo v) {
        List<String> out = new java.util.ArrayList<>(users.getOrDefault(v.path(), List.of()));
        for (String d : users.getOrDefault(v.pool() + "/" + v.name(), List.of())) {
            if (!out.contains(d)) {
                out.add(d);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- pool actions

    public CompletableFuture<Void> startPool(PoolInfo p) {
        return act("Started pool " + p.name(), service().startPool(p.name()));
    }

    public CompletableFuture<Void> stopPool(PoolInfo p) {
        return act("Stopped pool " + p.name(), service().stopPool(p.name()));
    }

    public CompletableFuture<Void> refreshPool(PoolInfo p) {
        return act("Refreshed pool " + p.name(), service().refreshPool(p.name()));
    }

    public CompletableFuture<Void> setAutostart(PoolInfo p, boolean on) {
        return act("Pool " + p.name() + (on ? " starts" : " does not start") + " with the host", service().setPoolAutostart(p.name(), on));
    }

    public CompletableFuture<Void> deletePool(PoolInfo p, boolean deleteDirectory) {
        return act("Deleted pool " + p.name(), service().deletePool(p.name(), deleteDirectory));
    }

    /** What is wrong with a new pool, in words (checked against the pools listed); empty when none. */
    public List<String> problems(PoolSpec spec) {
        return spec.problems(pools.stream().map(PoolInfo::name).toList());
    }

    public CompletableFuture<Void> createPool(PoolSpec spec, boolean autostart) {
        return act("Created pool " + spec.name(), service().createDirPool(spec, autostart).thenApply(p -> null));
    }

    /** Where a new pool goes by default: beside the host's other directory pools. */
    public String suggestedPoolPath(String name) {
        String base = pools.stream().filter(p -> p.type().equals("dir") && !p.targetPath().isEmpty()).map(PoolInfo::targetPath)
            .map(t -> t.contains("/") ? t.substring(0, t.lastIndexOf('/')) : t).findFirst().orElse("/var/lib/libvirt");
        return base + "/" + (name.isBlank() ? "pool" : name.strip());
    }

    // ---------------------------------------------------------------- volume actions

    public List<String> problems(VolumeSpec spec) {
        return spec.problems(volumes.stream().map(VolumeRow::name).toList());
    }

    public CompletableFuture<Void> createVolume(VolumeSpec spec) {
        PoolInfo p = selectedPool.get();
        if (p == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("No pool selected"));
        }
        return act("Created volume " + spec.name() + " in " + p.name(), service().createVolume(p.name(), spec).thenApply(v -> null));
    }

    public CompletableFuture<Void> resizeVolume(VolumeRow v, long bytes) {
        boolean shrink = bytes < v.volume().capacity();
        return act("Resized " + v.name(), service().resizeVolume(v.volume().pool(), v.name(), bytes, shrink));
    }

    /** Deletes the volume; one in use is refused by the service unless {@code evenIfInUse}. */
    public CompletableFuture<Void> deleteVolume(VolumeRow v, boolean evenIfInUse) {
        return act("Deleted volume " + v.name(), service().deleteVolume(v.volume().pool(), v.name(), evenIfInUse));
    }

    /** Uploads {@code file} into the selected pool as a new volume {@code name}; empty when it could not start. */
    public Optional<Job> upload(Path file, String name) {
        PoolInfo p = selectedPool.get();
        try {
            Job job = service().upload(file, p.name(), name);
            started(job);
            return Optional.of(job);
        } catch (Exception e) {
            message.set("Upload not started: " + e.getMessage());
            return Optional.empty();
        }
    }

    public CompletableFuture<Job> download(VolumeRow v, Path file) {
        return service().download(v.volume().pool(), v.name(), file).whenComplete((job, err) -> Platform.runLater(() -> {
            if (err != null) {
                fail("Download not started", err);
            } else {
                started(job);
            }
        }));
    }

    /** A local file's size, read off the FX thread (the file may sit on a slow mount). */
    public CompletableFuture<Long> fileSize(Path file) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return java.nio.file.Files.size(file);
            } catch (java.io.IOException e) {
                throw new CompletionException(e);
            }
        });
    }

    private void started(Job job) {
        jobStarted.accept(job);
        // the new volume shows while its bytes travel
        javafx.animation.PauseTransition soon = new javafx.animation.PauseTransition(javafx.util.Duration.millis(300));
        soon.setOnFinished(e -> loadVolumes());
        soon.play();
        // the pool's list follows the job's end (a new volume, a deleted partial one)
        job.done().whenComplete((ok, err) -> Platform.runLater(this::reload));
    }

    /** Names of the selected pool's volumes, for the backing-volume choice and name checks. */
    public List<VolumeInfo> volumeInfos() {
        return volumes.stream().map(VolumeRow::volume).toList();
    }

    // ---------------------------------------------------------------- plumbing

    private StorageService service() {
        HostViewModel h = host.get();
        if (h == null) {
            throw new IllegalStateException("No host");
        }
        return h.storageService();
    }

    private CompletableFuture<Void> act(String done, CompletableFuture<Void> call) {
        return call.whenComplete((ok, err) -> Platform.runLater(() -> {
            if (err != null) {
                fail("Not done", err);
            } else {
                message.set(done);
            }
            reload();
        }));
    }

    private void fail(String what, Throwable err) {
        Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        String text = what + ": " + cause.getMessage();
        if (Platform.isFxApplicationThread()) {
            message.set(text);
        } else {
            Platform.runLater(() -> message.set(text));
        }
    }

    public ObservableList<PoolInfo> pools() {
        return pools;
    }

    public ObservableList<VolumeRow> volumes() {
        return volumes;
    }

    public ObjectProperty<PoolInfo> selectedPoolProperty() {
        return selectedPool;
    }

    /** The last outcome or failure, in words. */
    public ReadOnlyStringProperty messageProperty() {
        return message;
    }
}
