package org.vireo.ui.domain;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.vireo.host.StorageService;
import org.vireo.model.PoolInfo;
import org.vireo.model.VolumeInfo;
import org.vireo.ui.HostViewModel;

/**
 * The host path picker behind Save, Restore and Core dump: the host's running storage pools
 * that are directories, and the files in the chosen one. Every call runs on the host's worker
 * through {@link StorageService}; results land on the FX thread, and a generation counter drops
 * the volumes of a pool chosen before. Failures go to {@link #messageProperty()} in libvirt's words.
 */
public final class HostPathViewModel {
    /** Pool types whose target is a directory libvirt (and QEMU) can write a file into. */
    private static final Set<String> DIRECTORY_TYPES = Set.of("dir", "fs", "netfs");

    private final StorageService storage;
    private final ObservableList<PoolInfo> pools = FXCollections.observableArrayList();
    private final ObservableList<VolumeInfo> volumes = FXCollections.observableArrayList();
    private final ObjectProperty<PoolInfo> pool = new SimpleObjectProperty<>(this, "pool");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final String hostTitle;
    private long generation;

    public HostPathViewModel(HostViewModel host) {
        this.storage = host.storageService();
        this.hostTitle = host.titleProperty().get();
        pool.addListener((o, a, p) -> loadVolumes(p));
    }

    /** The host's title, as its row in the window says it. */
    public String hostTitle() {
        return hostTitle;
    }

    public ObservableList<PoolInfo> pools() {
        return pools;
    }

    public ObservableList<VolumeInfo> volumes() {
        return volumes;
    }

    /** The chosen pool (its directory is where a new file goes). */
    public ObjectProperty<PoolInfo> poolProperty() {
        return pool;
    }

    public StringProperty messageProperty() {
        return message;
    }

    /** Reads the pools; selects the first. */
    public CompletableFuture<Void> load() {
        message.set("Reading the host's storage pools…");
        return storage.pools().handle((list, err) -> {
            Platform.runLater(() -> {
                if (err != null) {
                    message.set("Reading the storage pools failed: " + reason(err));
                    return;
                }
                List<PoolInfo> usable = list.stream().filter(HostPathViewModel::usable).toList();
                pools.setAll(usable);
                message.set(usable.isEmpty() ? "The host has no running directory pool: type the path instead, or start a pool "
                    + "on the host's Storage tab" : "");
                pool.set(usable.isEmpty() ? null : usable.getFirst());
            });
            return null;
        });
    }

    /** A running pool whose target is a directory. */
    static boolean usable(PoolInfo p) {
        return p.active() && DIRECTORY_TYPES.contains(p.type()) && p.targetPath() != null && p.targetPath().startsWith("/");
    }

    /**
     * The pool is refreshed first: a file libvirt wrote there (a save image, a core dump) is not
     * one of its volumes until the pool is read again.
     */
    private void loadVolumes(PoolInfo p) {
        long gen = ++generation;
        volumes.clear();
        if (p == null) {
            return;
        }
        storage.refreshPool(p.name()).exceptionally(e -> null).thenCompose(v -> storage.volumes(p.name()))
            .whenComplete((list, err) -> Platform.runLater(() -> {
                if (gen != generation) {
                    return;
                }
                if (err != null) {
                    message.set("Reading the files of " + p.name() + " failed: " + reason(err));
                    return;
                }
                volumes.setAll(list.stream().sorted(java.util.Comparator.comparing(VolumeInfo::name)).toList());
            }));
    }

    /** The full path on the host of {@code name} in the chosen pool's directory, or "" while none is chosen. */
    public String pathOf(String name) {
        PoolInfo p = pool.get();
        if (p == null || name.isBlank()) {
            return "";
        }
        String dir = p.targetPath().endsWith("/") ? p.targetPath().substring(0, p.targetPath().length() - 1) : p.targetPath();
        return dir + "/" + name.strip();
    }

    /** What is wrong with a file name typed for the chosen pool's directory, or null. */
    public String nameProblem(String name) {
        String t = name.strip();
        if (pool.get() == null) {
            return "Choose a pool";
        }
        if (t.isEmpty()) {
            return "Give a file name";
        }
        if (t.contains("/")) {
            return "A file name, not a path: the file goes in " + pool.get().targetPath();
        }
        if (t.equals(".") || t.equals("..")) {
            return "Give a file name, not \"" + t + "\"";
        }
        return null;
    }

    private static String reason(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
