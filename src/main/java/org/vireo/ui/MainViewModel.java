package org.vireo.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.vireo.host.HostConnector;
import org.vireo.host.HostOptions;
import org.vireo.model.StatsSettings;
import org.vireo.host.HostSession;
import org.vireo.model.DomainAction;
import org.vireo.ssh.SshConnector;
import org.vireo.ssh.SshEnvironment;
import org.vireo.ssh.SshSessions;
import org.vireo.ui.ssh.SshPromptViewModel;

/** The main window's state: the hosts, the selected host, the filter, and the actions. */
public final class MainViewModel {
    /** A URI needs a scheme (qemu:, test:, qemu+ssh: ...); libvirt judges the rest and says what is wrong. */

    private HostOptions options;
    private final UnsavedEdits unsavedEdits = new UnsavedEdits();
    private final ObjectProperty<StatsSettings> stats = new SimpleObjectProperty<>(this, "stats");
    private Consumer<StatsSettings> statsChanged = s -> { };
    private final Consumer<List<String>> connectionsChanged;
    /** SSH: the dialogs' side of the prompts, one session per remote host, the connector that picks by scheme. */
    private final SshPromptViewModel sshPrompts = new SshPromptViewModel();
    private final SshSessions sshSessions;
    private final HostConnector connector;
    private final ObservableList<HostViewModel> hosts = FXCollections.observableArrayList();
    /** Long operations of every host: migrations, saves, dumps (the Jobs panel). */
    private final org.vireo.job.Jobs jobs = new org.vireo.job.Jobs();
    private final org.vireo.ui.job.JobsViewModel jobsView = new org.vireo.ui.job.JobsViewModel(jobs);
    private final ObjectProperty<HostViewModel> selectedHost = new SimpleObjectProperty<>(this, "selectedHost");
    private final ObjectProperty<DomainRowViewModel> selectedDomain = new SimpleObjectProperty<>(this, "selectedDomain");
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    /** Errors the user can act on, newest last (the notification area). */
    private final ObservableList<Notice> notices = FXCollections.observableArrayList();
    private String demoUri = "";
    private final ObjectProperty<FilteredList<DomainRowViewModel>> visibleDomains =
        new SimpleObjectProperty<>(this, "visibleDomains", new FilteredList<>(FXCollections.observableArrayList()));

    /** With the default polling and keepalive settings. */
    /** With the given refresh settings and default keepalive. */
    public MainViewModel(StatsSettings stats, Consumer<List<String>> connectionsChanged) {
        this(HostOptions.defaults().withStats(stats), connectionsChanged);
    }

    public MainViewModel(Consumer<List<String>> connectionsChanged) {
        this(HostOptions.defaults(), connectionsChanged);
    }

    /**
     * @param connectionsChanged told the new list of URIs whenever a host is added or removed
     *                           (it persists them, off the FX thread)
     */
    public MainViewModel(HostOptions options, Consumer<List<String>> connectionsChanged) {
        this(options, connectionsChanged, SshEnvironment.ofUser());
    }

    /** @param ssh where SSH finds its config, keys, known_hosts and agent (tests use a lab's) */
    public MainViewModel(HostOptions options, Consumer<List<String>> connectionsChanged, SshEnvironment ssh) {
        // this process has a GTK window: its main loop must be the only one iterating GLib's
        HostSession.dispatchEventsOnApplicationLoop();
        this.options = options;
        this.stats.set(options.stats());
        this.connectionsChanged = connectionsChanged;
        this.sshSessions = new SshSessions(ssh, sshPrompts);
        // qemu+ssh:// goes through Vireo's own SSH session, everything else straight to libvirt
        this.connector = new SshConnector(sshSessions);
        selectedHost.addListener((obs, old, host) -> {
            FilteredList<DomainRowViewModel> list =
                new FilteredList<>(host == null ? FXCollections.observableArrayList() : host.domains());
            list.setPredicate(predicate(filter.get()));
            visibleDomains.set(list);
        });
        filter.addListener((obs, old, text) -> visibleDomains.get().setPredicate(predicate(text)));
    }

    /** Opens the given connections without reporting them as a change. */
    public void openAll(List<String> uris) {
        for (String uri : uris) {
            open(uri);
        }
        if (selectedHost.get() == null && !hosts.isEmpty()) {
            selectedHost.set(hosts.getFirst());
        }
        // with several hosts the window opens on all of their domains
        if (hosts.size() > 1) {
            fleetShown.set(true);
        }
    }

    private final javafx.beans.property.BooleanProperty fleetShown = new javafx.beans.property.SimpleBooleanProperty(this, "fleetShown");
    private org.vireo.ui.fleet.FleetViewModel fleet;

    /** True while the fleet view (every domain of every host) is shown instead of a host's page. */
    public javafx.beans.property.BooleanProperty fleetShownProperty() {
        return fleetShown;
    }

    /** The fleet view's model, made on first use. */
    public org.vireo.ui.fleet.FleetViewModel fleet() {
        if (fleet == null) {
            fleet = new org.vireo.ui.fleet.FleetViewModel(this);
        }
        return fleet;
    }

    /** Checks the URI's shape, opens it and remembers it; empty when accepted, else the reason. */
    public Optional<String> addConnection(String rawUri) {
        String uri = rawUri == null ? "" : rawUri.strip();
        Optional<String> problem = uriProblem(uri);
        if (problem.isPresent()) {
            return problem;
        }
        if (find(uri).isPresent()) {
            return Optional.of(uri + " is already in the list.");
        }
        HostViewModel host = open(uri);
        selectedHost.set(host);
        connectionsChanged.accept(uris());
        return Optional.empty();
    }

    public void removeConnection(HostViewModel host) {
        if (host == null) {
            return;
        }
        removeQuietly(host);
        // a password kept for its reconnects goes with it (unless another host uses the same account)
        sshSessions.forget(host.uri(), uris());
        connectionsChanged.accept(uris());
    }

    private void removeQuietly(HostViewModel host) {
        hosts.remove(host);
        host.stop();
        dismiss("host:" + host.uri());
        if (selectedDomain.get() != null && selectedDomain.get().host() == host) {
            selectedDomain.set(null);
        }
        if (selectedHost.get() == host) {
            selectedHost.set(hosts.isEmpty() ? null : hosts.getFirst());
        }
        if (hosts.size() < 2) {
            fleetShown.set(false);
        }
    }

    /** Runs the action on every selected domain it applies to; failures land in {@link #messageProperty()}. */
    public void perform(DomainAction action, List<DomainRowViewModel> rows) {
        for (DomainRowViewModel row : List.copyOf(rows)) {
            if (!action.appliesTo(row.getState())) {
                continue;
            }
            String name = row.getName();
            message.set(action.label() + " " + name + "…");
            row.host().perform(row, action).whenComplete((ok, err) -> Platform.runLater(() -> {
                String key = "action:" + row.uuid();
                if (err == null) {
                    message.set(action.label() + " " + name + ": done");
                    dismiss(key);
                } else {
                    message.set(action.label() + " " + name + " failed: " + reason(err));
                    notify(new Notice(key, action.label() + " " + name + " failed", reason(err),
                        action.label() + " " + name + " (" + row.uuid() + ") on " + row.host().uri() + " failed: " + reason(err),
                        List.of(new Notice.Action("retry", "Retry", () -> perform(action, List.of(row))))));
                }
            }));
        }
    }

    /** Shows a notice, replacing one with the same key (an unchanged one stays as it is). */
    public void notify(Notice notice) {
        for (int i = 0; i < notices.size(); i++) {
            if (notices.get(i).key().equals(notice.key())) {
                if (!notices.get(i).equals(notice)) {
                    notices.set(i, notice);
                }
                return;
            }
        }
        notices.add(notice);
    }

    public void dismiss(String key) {
        notices.removeIf(n -> n.key().equals(key));
    }

    public ObservableList<Notice> notices() {
        return notices;
    }

    /** The demo host's URI (the launcher's file), offered on the first-run page. */
    public void setDemoUri(String uri) {
        this.demoUri = uri == null ? "" : uri;
    }

    public String demoUri() {
        return demoUri;
    }

    /** Opens the demo host (or selects it when it is already there). */
    public void openDemo() {
        if (demoUri.isEmpty()) {
            tell("No demo host in this run.");
            return;
        }
        find(demoUri).ifPresentOrElse(selectedHost::set, () -> addConnection(demoUri));
    }

    /**
     * Replaces a connection with another URI at the same place in the list (the host
     * menu's Edit); empty when accepted, else the reason, as {@link #addConnection}.
     */
    public Optional<String> replaceConnection(HostViewModel host, String rawUri) {
        String uri = rawUri == null ? "" : rawUri.strip();
        if (uri.equals(host.uri())) {
            return Optional.empty();
        }
        Optional<String> problem = uriProblem(uri);
        if (problem.isPresent()) {
            return problem;
        }
        if (find(uri).isPresent()) {
            return Optional.of(uri + " is already in the list.");
        }
        int at = hosts.indexOf(host);
        removeQuietly(host);
        sshSessions.forget(host.uri(), List.of(uri));
        HostViewModel fresh = open(uri);
        hosts.remove(fresh);
        hosts.add(Math.max(0, Math.min(at, hosts.size())), fresh);
        selectedHost.set(fresh);
        connectionsChanged.accept(uris());
        return Optional.empty();
    }

    /**
     * Why {@code uri} cannot be opened, before anything reaches libvirt: its shape
     * (ConnectionUri), and for SSH the parameters Vireo's SSH transport takes.
     */
    public static Optional<String> uriProblem(String uri) {
        return org.vireo.ssh.SshTarget.problem(uri);
    }

    /** The stats refresh settings now in force. */
    public javafx.beans.property.ReadOnlyObjectProperty<StatsSettings> statsProperty() {
        return stats;
    }

    /** Told the new settings when the user changes them (it persists them, off the FX thread). */
    public void setOnStatsChanged(Consumer<StatsSettings> listener) {
        this.statsChanged = listener;
    }

    /** Applies new refresh settings to every host now (history length to hosts added from now on). */
    public void applyStats(StatsSettings settings) {
        options = options.withStats(settings);
        stats.set(settings);
        for (HostViewModel host : hosts) {
            host.updateStats(settings);
        }
        statsChanged.accept(settings);
        message.set("Refresh every " + settings.interval().toMillis() / 1000.0 + " s, keeping "
            + settings.historyKept().toMinutes() + " min");
    }

    public void stopAll() {
        for (HostViewModel host : hosts) {
            host.stop();
        }
        sshSessions.closeAll();
    }

    /** Every host's long jobs, for the Jobs panel and the quit guard. */
    /** What the user typed on the domain pages and has not saved yet. */
    public UnsavedEdits unsavedEdits() {
        return unsavedEdits;
    }

    public org.vireo.ui.job.JobsViewModel jobs() {
        return jobsView;
    }

    /** The SSH prompts; the main window attaches its dialogs here. */
    public SshPromptViewModel sshPrompts() {
        return sshPrompts;
    }

    /** SSH handshakes made so far (tests and the benchmark count them). */
    public int sshHandshakes() {
        return sshSessions.handshakes();
    }

    public Optional<HostViewModel> find(String uri) {
        return hosts.stream().filter(h -> h.uri().equals(uri)).findFirst();
    }

    public List<String> uris() {
        List<String> list = new ArrayList<>();
        for (HostViewModel h : hosts) {
            list.add(h.uri());
        }
        return list;
    }

    private HostViewModel open(String uri) {
        HostViewModel host = new HostViewModel(uri, options, connector, jobs);
        // a domain that disappears (undefined, a transient one stopped, the host gone) takes its open page with it
        host.domains().addListener((javafx.collections.ListChangeListener<DomainRowViewModel>) c -> {
            DomainRowViewModel open = selectedDomain.get();
            if (open != null && open.host() == host && !host.domains().contains(open)) {
                selectedDomain.set(null);
            }
        });
        // a host that cannot connect says so in a notice with Retry; connecting takes it away
        javafx.beans.InvalidationListener connectNotice = o -> {
            String key = "host:" + uri;
            if (host.getState() == org.vireo.model.ConnectionState.DISCONNECTED && !host.getError().isEmpty() && hosts.contains(host)) {
                String title = host.daemonMissing() ? "libvirt is not running on this computer" : "Cannot connect to " + host.titleProperty().get();
                String text = host.daemonMissing() ? "Install " + org.vireo.model.LocalDaemon.PACKAGE + " or start libvirtd / virtqemud; "
                    + "the host's page has the commands." : host.getError();
                notify(new Notice(key, title, text, uri + ": " + host.getError(),
                    List.of(new Notice.Action("retry", "Retry", host::reconnect))));
            } else if (host.getState() == org.vireo.model.ConnectionState.CONNECTED) {
                dismiss(key);
            }
        };
        host.stateProperty().addListener(connectNotice);
        host.errorProperty().addListener(connectNotice);
        hosts.add(host);
        host.start();
        return host;
    }

    private static Predicate<DomainRowViewModel> predicate(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String needle = text.strip().toLowerCase();
        return row -> row.getName().toLowerCase().contains(needle);
    }

    private static String reason(Throwable err) {
        Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null ? err.getCause() : err;
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    public ObservableList<HostViewModel> hosts() {
        return hosts;
    }

    public ObjectProperty<HostViewModel> selectedHostProperty() {
        return selectedHost;
    }

    /** The domain whose page is open; null shows the selected host's table. */
    public ObjectProperty<DomainRowViewModel> selectedDomainProperty() {
        return selectedDomain;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    /** Puts a line into the status line (for results whose page has closed, such as an undefined domain's). */
    public void tell(String text) {
        message.set(text);
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ObjectProperty<FilteredList<DomainRowViewModel>> visibleDomainsProperty() {
        return visibleDomains;
    }
}
