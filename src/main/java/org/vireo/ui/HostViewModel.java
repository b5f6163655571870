package org.vireo.ui;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.vireo.host.DomainService;
import org.vireo.host.HostConnector;
import org.vireo.host.HostOptions;
import org.vireo.host.HostSession;
import org.vireo.model.StatsSettings;
import org.vireo.model.HostFigures;
import org.vireo.model.HostMetric;
import org.vireo.model.Metric;
import org.vireo.model.TimeSeries;
import org.vireo.model.ConnectionState;
import org.vireo.model.DomainAction;
import org.vireo.model.DomainSummary;
import org.vireo.model.HostSnapshot;

/**
 * One host in the connection tree. Its session publishes snapshots from the host's worker;
 * they reach the FX thread coalesced: however many arrive while one hop is pending, the
 * FX thread applies only the newest, once.
 */
public final class HostViewModel {
    private final String uri;
    private final HostSession session;
    private final DomainService domainService;
    private final org.vireo.host.CreateVmService createVmService;
    private final org.vireo.console.ConsoleService consoles;
    private final org.vireo.host.StorageService storageService;
    private final org.vireo.host.NetworkService networkService;
    private final StringProperty title = new SimpleStringProperty(this, "title");
    private final ObjectProperty<ConnectionState> state = new SimpleObjectProperty<>(this, "state", ConnectionState.CONNECTING);
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final StringProperty nextTry = new SimpleStringProperty(this, "nextTry", "");
    private final javafx.beans.property.BooleanProperty heldByUser = new javafx.beans.property.SimpleBooleanProperty(this, "heldByUser");
    private final ObservableList<DomainRowViewModel> domains = FXCollections.observableArrayList();
    private final Map<String, DomainRowViewModel> byUuid = new HashMap<>();
    private final AtomicReference<HostSnapshot> pending = new AtomicReference<>();
    private final ObjectProperty<HostFigures> figures = new SimpleObjectProperty<>(this, "figures", HostFigures.UNKNOWN);
    private final javafx.beans.property.LongProperty tick = new javafx.beans.property.SimpleLongProperty(this, "tick");
    private long applyNanos;
    private long appliedUpdates;

    HostViewModel(String uri, HostOptions options, HostConnector connector, org.vireo.job.Jobs jobs) {
        this.uri = uri;
        this.title.set(HostTitles.of(uri));
        this.session = new HostSession(uri, options, connector, this::offer);
        this.domainService = new DomainService(session, jobs);
        this.createVmService = new org.vireo.host.CreateVmService(session, jobs);
        this.consoles = new org.vireo.console.ConsoleService(session, connector);
        this.storageService = new org.vireo.host.StorageService(session, jobs);
        this.networkService = new org.vireo.host.NetworkService(session);
        // a title, description or tags changed through Vireo: read that domain's again
        this.domainService.setOnLabelsChanged(id -> readLabels(List.of(id)));
        // ... or outside Vireo (virsh metadata, another user's client): libvirt's event says which
        this.session.setOnMetadataChanged(this::metadataChanged);
    }

    /** Domains whose labels libvirt said changed, read together once per FX pulse (a burst of events: one read). */
    private final Set<String> metadataPending = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicBoolean metadataQueued = new java.util.concurrent.atomic.AtomicBoolean();

    /** On libvirt's event thread. */
    private void metadataChanged(String uuid) {
        metadataPending.add(uuid);
        if (metadataQueued.compareAndSet(false, true)) {
            Platform.runLater(() -> {
                metadataQueued.set(false);
                List<String> ids = List.copyOf(metadataPending);
                metadataPending.removeAll(ids);
                readLabels(ids.stream().filter(byUuid::containsKey).toList());
            });
        }
    }

    /** Re-reads the labels of every domain at most this often: for a daemon that refused the metadata change event. */
    private static final long LABELS_EVERY_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
    private long labelsReadAt = System.nanoTime();

    /** Reads title, description and tags of these domains on the host's worker; they reach their rows on the FX thread. */
    private void readLabels(java.util.Collection<String> uuids) {
        if (uuids.isEmpty()) {
            return;
        }
        domainService.labels(uuids).thenAccept(list -> Platform.runLater(() -> {
            for (org.vireo.model.DomainLabels l : list) {
                DomainRowViewModel row = byUuid.get(l.uuid());
                if (row != null) {
                    row.applyLabels(l);
                }
            }
            labelsRead.set(labelsRead.get() + 1);
        }));
    }

    private final javafx.beans.property.LongProperty labelsRead = new javafx.beans.property.SimpleLongProperty(this, "labelsRead");

    /** Counts label reads applied (the fleet view re-filters on it). */
    public javafx.beans.property.ReadOnlyLongProperty labelsReadProperty() {
        return labelsRead;
    }

    /** Replaces the tags of a domain of this host; the row shows them once written and read back. */
    public CompletableFuture<Void> setTags(DomainRowViewModel row, List<String> tags) {
        return domainService.setTags(row.uuid(), tags);
    }

    /** The host's storage pools and volumes (for the Storage tab's view model). */
    public org.vireo.host.StorageService storageService() {
        return storageService;
    }

    /** The host's virtual networks (for the Networks tab's view model). */
    public org.vireo.host.NetworkService networkService() {
        return networkService;
    }

    /** The host's service session (for view models that start jobs on it, as migration does). */
    public HostSession session() {
        return session;
    }

    /** Opens this host's graphical and serial consoles (on the consoles' own threads). */
    public org.vireo.console.ConsoleService consoles() {
        return consoles;
    }

    void start() {
        session.start();
    }

    void stop() {
        session.stop();
    }

    public void reconnect() {
        heldByUser.set(false);
        session.reconnect();
    }

    /** Closes the connection and keeps it closed until {@link #reconnect()} (the host menu's Disconnect). */
    public void disconnect() {
        heldByUser.set(true);
        session.disconnectNow();
    }

    /** Disconnected by the user (not by a failure): the page offers Connect. */
    public javafx.beans.property.ReadOnlyBooleanProperty heldByUserProperty() {
        return heldByUser;
    }

    /** Asks the host for fresh figures now (View > Refresh). */
    public void refresh() {
        if (getState() == ConnectionState.CONNECTED) {
            session.requestRefresh();
        } else if (!heldByUser.get()) {
            reconnect();
        }
    }

    /** This computer's own daemon does not answer: libvirt not installed or not running (the first-run page). */
    public boolean daemonMissing() {
        return org.vireo.model.LocalDaemon.missing(uri, error.get());
    }

    CompletableFuture<Void> perform(DomainRowViewModel row, DomainAction action) {
        return session.perform(row.uuid(), action);
    }

    /** Called on the host's worker thread. */
    private void offer(HostSnapshot snapshot) {
        if (pending.getAndSet(snapshot) == null) {
            Platform.runLater(() -> apply(pending.getAndSet(null)));
        }
    }

    private void apply(HostSnapshot s) {
        long t0 = System.nanoTime();
        applyOn(s);
        applyNanos += System.nanoTime() - t0;
    }

    private void applyOn(HostSnapshot s) {
        appliedUpdates++;
        state.set(s.state());
        error.set(s.error());
        nextTry.set(nextTryText(s.nextTryAtMillis()));
        if (s.state() == ConnectionState.DISCONNECTED) {
            // a host that is gone shows no stale guests; they come back with the connection
            byUuid.clear();
            domains.clear();
            return;
        }
        if (s.state() != ConnectionState.CONNECTED) {
            return;
        }
        mergeDomains(s.domains());
        if (System.nanoTime() - labelsReadAt > LABELS_EVERY_NANOS) {
            labelsReadAt = System.nanoTime();
            readLabels(List.copyOf(byUuid.keySet()));
        }
        figures.set(s.figures());
        tick.set(tick.get() + 1);
    }

    TimeSeries series(String uuid, Metric metric) {
        return session.series(uuid, metric);
    }

    public TimeSeries hostSeries(HostMetric metric) {
        return session.hostSeries(metric);
    }

    void updateStats(StatsSettings settings) {
        session.updateStats(settings);
    }

    public ReadOnlyObjectProperty<HostFigures> figuresProperty() {
        return figures;
    }

    /** Counts applied refreshes: what host charts redraw on. */
    public javafx.beans.property.ReadOnlyLongProperty tickProperty() {
        return tick;
    }

    /** FX-thread time spent applying this host's snapshots so far, ns (for the benchmark). */
    public long applyNanos() {
        return applyNanos;
    }

    private void mergeDomains(List<DomainSummary> fresh) {
        List<DomainRowViewModel> added = new java.util.ArrayList<>();
        List<String> started = new java.util.ArrayList<>();
        for (DomainSummary d : fresh) {
            DomainRowViewModel row = byUuid.get(d.uuid());
            if (row == null) {
                row = new DomainRowViewModel(this, d);
                byUuid.put(d.uuid(), row);
                added.add(row);
            } else {
                boolean wasActive = row.getState().isActive();
                row.update(d);
                if (!wasActive && row.getState().isActive()) {
                    // a domain that starts gets its addresses (the 2-minute read finds a late lease)
                    started.add(row.uuid());
                }
            }
        }
        // every fresh domain has a row now: more rows than fresh domains means some are gone
        if (byUuid.size() > fresh.size()) {
            Set<String> seen = new HashSet<>(fresh.size() * 2);
            for (DomainSummary d : fresh) {
                seen.add(d.uuid());
            }
            byUuid.keySet().retainAll(seen);
            domains.removeIf(r -> !seen.contains(r.uuid()));
        }
        if (!added.isEmpty()) {
            domains.addAll(added);
            readLabels(added.stream().map(DomainRowViewModel::uuid).toList());
        }
        readLabels(started);
    }

    /** The daemon's host name once learned, else empty (from the host's worker; any thread). */
    public String hostname() {
        return session.hostname();
    }

    public String uri() {
        return uri;
    }

    /** The domain pages' calls on this host (for view models; views never see it). */
    /** Creating, cloning and deleting guests on this host (the create-VM wizard's service). */
    public org.vireo.host.CreateVmService createVmService() {
        return createVmService;
    }

    public DomainService domainService() {
        return domainService;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title;
    }

    public ConnectionState getState() {
        return state.get();
    }

    public ReadOnlyObjectProperty<ConnectionState> stateProperty() {
        return state;
    }

    public String getError() {
        return error.get();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error;
    }

    /** "23:41:05": when an unreachable host is tried next, while it waits for that; else empty. */
    public ReadOnlyStringProperty nextTryProperty() {
        return nextTry;
    }

    private static final java.time.format.DateTimeFormatter CLOCK = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss");

    static String nextTryText(long atMillis) {
        if (atMillis <= 0) {
            return "";
        }
        // a clock time, not a countdown: it stays true without redrawing every second
        return java.time.Instant.ofEpochMilli(atMillis).atZone(java.time.ZoneId.systemDefault()).format(CLOCK);
    }

    public ObservableList<DomainRowViewModel> domains() {
        return domains;
    }

    /** How many coalesced snapshots the FX thread has applied (for tests and the benchmark). */
    public long appliedUpdates() {
        return appliedUpdates;
    }

    @Override
    public String toString() {
        return title.get();
    }
}
