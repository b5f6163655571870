package org.vireo.ui.host;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.vireo.host.NetworkService;
import org.vireo.model.DhcpLease;
import org.vireo.model.NetworkInfo;
import org.vireo.model.NetworkSpec;
import org.vireo.ui.HostViewModel;

/**
 * The Networks tab of a host's page: its virtual networks and the selected one's DHCP leases.
 * Calls run on the host's worker through {@link NetworkService}; results land on the FX
 * thread, older ones dropped by a generation counter.
 */
public final class NetworksViewModel {
    private final ObjectProperty<HostViewModel> host = new SimpleObjectProperty<>(this, "host");
    private final ObservableList<NetworkInfo> networks = FXCollections.observableArrayList();
    private final ObservableList<DhcpLease> leases = FXCollections.observableArrayList();
    private final ObjectProperty<NetworkInfo> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private long generation;
    private long leaseGeneration;

    public NetworksViewModel() {
        selected.addListener((o, a, n) -> loadLeases());
    }

    public void show(HostViewModel h) {
        host.set(h);
        networks.clear();
        leases.clear();
        selected.set(null);
        reload();
    }

    public CompletableFuture<Void> reload() {
        HostViewModel h = host.get();
        if (h == null) {
            return CompletableFuture.completedFuture(null);
        }
        long gen = ++generation;
        return h.networkService().networks().handle((list, err) -> {
            Platform.runLater(() -> {
                if (gen != generation) {
                    return;
                }
                if (err != null) {
                    fail("Reading the networks failed", err);
                    return;
                }
                String keep = selected.get() == null ? null : selected.get().name();
                networks.setAll(list);
                NetworkInfo again = keep == null ? null : list.stream().filter(n -> n.name().equals(keep)).findFirst().orElse(null);
                if (again == null && !list.isEmpty()) {
                    again = list.getFirst();
                }
                selected.set(again);
            });
            return null;
        });
    }

    private void loadLeases() {
        HostViewModel h = host.get();
        NetworkInfo n = selected.get();
        long gen = ++leaseGeneration;
        if (h == null || n == null || !n.active()) {
            leases.clear();
            return;
        }
        h.networkService().leases(n.name()).whenComplete((list, err) -> Platform.runLater(() -> {
            if (gen != leaseGeneration) {
                return;
            }
            leases.setAll(err == null ? list : List.of());
        }));
    }

    public CompletableFuture<Void> start(NetworkInfo n) {
        return act("Started network " + n.name(), service().start(n.name()));
    }

    public CompletableFuture<Void> stop(NetworkInfo n) {
        return act("Stopped network " + n.name(), service().stop(n.name()));
    }

    public CompletableFuture<Void> setAutostart(NetworkInfo n, boolean on) {
        return act("Network " + n.name() + (on ? " starts" : " does not start") + " with the host", service().setAutostart(n.name(), on));
    }

    public CompletableFuture<Void> delete(NetworkInfo n) {
        return act("Deleted network " + n.name(), service().delete(n.name()));
    }

    public List<String> problems(NetworkSpec spec) {
        return spec.problems(networks.stream().map(NetworkInfo::name).toList());
    }

    public CompletableFuture<Void> create(NetworkSpec spec, boolean start, boolean autostart) {
        return act("Created network " + spec.name(), service().create(spec, start, autostart).thenApply(n -> null));
    }

    private NetworkService service() {
        HostViewModel h = host.get();
        if (h == null) {
            throw new IllegalStateException("No host");
        }
        return h.networkService();
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
        message.set(what + ": " + cause.getMessage());
    }

    public ObservableList<NetworkInfo> networks() {
        return networks;
    }

    public ObservableList<DhcpLease> leases() {
        return leases;
    }

    public ObjectProperty<NetworkInfo> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }
}
