package org.vireo.host;

import org.vireo.model.StatsSettings;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vireo.model.StatsGroup;
import org.vireo.libvirt.VirtConnection;
import org.vireo.libvirt.VirtException;
import org.vireo.model.ConnectionState;
import org.vireo.model.DomainAction;
import org.vireo.model.HostMetric;
import org.vireo.model.HostSnapshot;
import org.vireo.model.Metric;
import org.vireo.model.TimeSeries;

/**
 * One libvirt host: its connection, its worker thread and its published state.
 *
 * <p>Every libvirt call for the host runs on the host's single worker thread, so a slow or
 * dead host delays only itself. Lifecycle events trigger an immediate refresh; a periodic
 * bulk stats call covers drivers without events and feeds the CPU figures. A dropped link
 * (close event, keepalive timeout or failed call) is reported and retried with backoff.
 */
public final class HostSession {
    private static final Logger LOG = LoggerFactory.getLogger(HostSession.class);

    private final String uri;
    private final HostOptions options;
    private final Consumer<HostSnapshot> publisher;
    private final HostConnector connector;
    private final ScheduledExecutorService worker;
    private final Backoff backoff;
    private final StatsPoller poller;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    /** Long jobs (saves, migrations ...) running against this host's domains right now. */
    private final java.util.concurrent.atomic.AtomicInteger jobsRunning = new java.util.concurrent.atomic.AtomicInteger();

    // written only on the worker thread; jobs read it from theirs (libvirt connections are thread-safe)
    private volatile VirtConnection conn;
    private volatile String hostname = "";
    private ScheduledFuture<?> poll;
    private ScheduledFuture<?> retry;
    /** Calls owed to the host once it is connected again (cleanups a dropped link left undone). Worker only. */
    private final java.util.List<HostCall<?>> owed = new java.util.ArrayList<>();
    /** A connect still under way on its own thread after its deadline passed; the next try waits for it. Worker only. */
    private CompletableFuture<VirtConnection> opening;
    private volatile HostSnapshot current;
    private Duration period;
    private volatile boolean stopped;
    /** Disconnected by the user: no retries until {@link #reconnect()}. Worker thread only. */
    private boolean held;

    public HostSession(String uri, HostOptions options, Consumer<HostSnapshot> publisher) {
        this(uri, options, HostConnector.DIRECT, publisher);
    }

    public HostSession(String uri, HostOptions options, HostConnector connector, Consumer<HostSnapshot> publisher) {
        this.uri = uri;
        this.connector = connector;
        this.options = options;
        this.publisher = publisher;
        this.backoff = new Backoff(options.maxBackoff());
        this.poller = new StatsPoller(options.stats());
        this.period = options.pollInterval();
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "host " + uri);
            t.setDaemon(true);
            return t;
        });
        this.current = HostSnapshot.connecting(uri);
    }

    public String uri() {
        return uri;
    }

    /** In a GUI process: libvirt's events must not run GLib's default loop on a thread (see VirtEventLoop). */
    public static void dispatchEventsOnApplicationLoop() {
        org.vireo.libvirt.VirtEventLoop.useApplicationLoop();
    }

    /** The latest published state; safe from any thread. */
    public HostSnapshot current() {
        return current;
    }

    public void start() {
        worker.execute(this::connect);
    }

    /** Drops any pending retry and connects now (the user's "reconnect"). */
    public void reconnect() {
        worker.execute(() -> {
            held = false;
            disconnect();
            backoff.reset();
            connect();
        });
    }

    /** Closes the connection and stays disconnected, without retrying, until {@link #reconnect()} (the user's "disconnect"). */
    public void disconnectNow() {
        worker.execute(() -> {
            held = true;
            disconnect();
            publish(HostSnapshot.disconnected(uri, ""));
        });
    }

    /**
     * Runs a lifecycle action beside the worker (a Force off takes about 1.5 s while QEMU
     * exits; the host's ticks go on meanwhile); the future fails with libvirt's error.
     */
    public CompletableFuture<Void> perform(String domainUuid, DomainAction action) {
        VirtConnection c = conn;
        if (c == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("Not connected to " + uri));
        }
        return CompletableFuture.runAsync(() -> {
            LOG.info("{} on {} at {}", action, domainUuid, uri);
            try {
                c.perform(domainUuid, action);
            } catch (VirtException e) {
                LOG.warn("{} failed on {}: {} ({}/{})", action, uri, e.getMessage(), e.codeName(), e.errorDomain());
                throw new java.util.concurrent.CompletionException(e);
            }
        }, ACTIONS).whenComplete((ok, err) -> requestRefresh());
    }

    /** Lifecycle actions of every host, each on a thread of its own while it lasts. */
    private static final java.util.concurrent.ExecutorService ACTIONS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "host action");
        t.setDaemon(true);
        return t;
    });

    /**
     * Runs {@code call} on the worker now if the host is connected, else as soon as it is
     * again: what a dropped link kept a job from undoing (the volume of an upload cut short).
     */
    public void whenConnected(HostCall<?> call) {
        worker.execute(() -> {
            owed.add(call);
            if (conn != null && conn.isAlive()) {
                runOwed();
            }
        });
    }

    private void runOwed() {
        java.util.List<HostCall<?>> due = java.util.List.copyOf(owed);
        owed.clear();
        for (HostCall<?> call : due) {
            try {
                call.run(conn);
            } catch (VirtException | RuntimeException e) {
                LOG.warn("owed call on {} failed: {}", uri, e.getMessage());
            }
        }
    }

    /** Any gateway call for this host, run on its worker. */
    public <T> CompletableFuture<T> submit(HostCall<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            if (stopped) {
                throw new java.util.concurrent.RejectedExecutionException();
            }
            worker.execute(() -> submitted(call, result));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the host was closed: a page's late follow-up call (e.g. the addresses after the overview) fails like any other
            result.completeExceptionally(new IllegalStateException("The connection to " + uri + " is closed"));
        }
        return result;
    }

    /** Runs one call on the worker thread. */
    private <T> void submitted(HostCall<T> call, CompletableFuture<T> result) {
        if (conn == null) {
            result.completeExceptionally(new IllegalStateException("Not connected to " + uri));
            return;
        }
        try {
            result.complete(call.run(conn));
        } catch (VirtException e) {
            LOG.warn("libvirt call failed on {}: {} ({}/{})", uri, e.getMessage(), e.codeName(), e.errorDomain());
            result.completeExceptionally(e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // a request refused before it reached libvirt (a bad spec, a volume in use)
            LOG.info("refused on {}: {}", uri, e.getMessage());
            result.completeExceptionally(e);
        } catch (RuntimeException e) {
            LOG.error("call failed on {}", uri, e);
            result.completeExceptionally(e);
        }
    }

    /**
     * The open connection, for a job's own thread (a migration, a save), or null while
     * disconnected. Long calls use it beside the worker so the host keeps ticking.
     */
    public VirtConnection connection() {
        return conn;
    }

    /** A job on one of this host's domains started; until {@link #jobEnded()} the ticks do not wait for busy domains. */
    public void jobStarted() {
        jobsRunning.incrementAndGet();
    }

    public void jobEnded() {
        jobsRunning.decrementAndGet();
    }

    /** The daemon's host name once learned, else empty. */
    public String hostname() {
        return hostname;
    }

    /** Closes the connection and ends the worker; returns at once. */
    public void stop() {
        stopped = true;
        worker.execute(() -> {
            disconnect();
            if (opening != null) {
                // an open that outlived its deadline: close what it makes, if it ever makes it
                opening.thenAccept(VirtConnection::close);
                opening = null;
            }
            worker.shutdown();
        });
    }

    private volatile Consumer<String> metadataChanged = uuid -> { };

    /**
     * Who hears that a domain's title, description or Vireo tags changed on the host, whoever
     * changed them (libvirt's metadata change event; called on libvirt's event thread).
     */
    public void setOnMetadataChanged(Consumer<String> listener) {
        this.metadataChanged = listener;
    }

    /** Registers libvirt's metadata change event; a driver without it leaves the periodic label read to find changes. */
    private void watchMetadata(VirtConnection opened) {
        try {
            opened.onMetadataChange((uuid, type, nsuri) -> {
                // other programs' metadata elements are not ours to read
                if (!uuid.isEmpty() && (type != org.vireo.libvirt.MetadataHandler.ELEMENT
                    || org.vireo.model.DomainTags.NAMESPACE.equals(nsuri))) {
                    metadataChanged.accept(uuid);
                }
            });
        } catch (VirtException e) {
            LOG.info("no metadata change events from {}: {} ({})", uri, e.getMessage(), e.codeName());
        }
    }

    /** Coalesces bursts of events into one refresh on the worker. */
    public void requestRefresh() {
        if (!stopped && refreshQueued.compareAndSet(false, true)) {
            worker.execute(() -> {
                refreshQueued.set(false);
                refresh();
            });
        }
    }

    private void connect() {
        retry = null;
        if (stopped || held || conn != null) {
            return;
        }
        // the dialogs and --connect check a URI as it is typed; one from anywhere else (a hand-edited
        // settings file, a caller of this class) gets the same check before libvirt sees it
        java.util.Optional<String> malformed = org.vireo.model.ConnectionUri.problem(uri);
        if (malformed.isPresent()) {
            LOG.warn("not connecting to {}: {}", uri, malformed.get());
            failed(malformed.get(), true);
            return;
        }
        publish(new HostSnapshot(uri, hostname, ConnectionState.CONNECTING, "", current.domains(), current.figures(), System.nanoTime(), 0));
        VirtConnection opened = null;
        try {
            opened = openWithinTimeout();
            enableKeepAlive(opened);
            VirtConnection self = opened;
            opened.onClose(reason -> worker.execute(() -> {
                if (conn == self) {
                    lost("connection closed (" + reason + ")");
                }
            }));
            opened.onLifecycle((uuid, name, event, detail) -> requestRefresh());
            watchMetadata(opened);
            conn = opened;
            backoff.reset();
            LOG.info("connected to {} ({})", uri, hostname);
            runOwed();
            // list first without the call that can keep a fresh daemon probing QEMU for
            // seconds (see StatsPoller.list); the full refresh runs right after
            list();
            worker.execute(this::refresh);
            schedulePoll();
            // after the first listing: the daemon resolves its own name, which can take seconds
            // where its resolver has no network (seen in the SSH lab)
            worker.execute(this::learnHostname);
        } catch (VirtException e) {
            if (opened != null) {
                opened.close();
            }
            LOG.warn("cannot connect to {}: {} ({}/{})", uri, e.getMessage(), e.codeName(), e.errorDomain());
            failed(e.getMessage(), ConnectErrors.isPermanent(e));
        } catch (RuntimeException e) {
            if (opened != null) {
                opened.close();
            }
            LOG.error("cannot connect to {}", uri, e);
            failed(String.valueOf(e.getMessage()), true);
        }
    }

    /**
     * The connector's open, on a thread of its own, waited for at most the connect timeout.
     * An open that overruns keeps its thread (libvirt cannot be interrupted); the next try
     * waits for that same open instead of starting another, so a silent host holds one thread.
     */
    private VirtConnection openWithinTimeout() throws VirtException {
        if (opening == null) {
            CompletableFuture<VirtConnection> f = new CompletableFuture<>();
            Thread.ofPlatform().daemon().name("open " + uri).start(() -> {
                try {
                    f.complete(connector.open(uri));
                } catch (Throwable e) {
                    f.completeExceptionally(e);
                }
            });
            opening = f;
        }
        Duration limit = options.connectTimeout();
        try {
            VirtConnection c = opening.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            opening = null;
            return c;
        } catch (java.util.concurrent.TimeoutException e) {
            throw new VirtException(-1, "VIREO_CONNECT_TIMEOUT", "RPC", "No answer within " + limit.toSeconds()
                + " s (the connect timeout): the host accepts no connection or does not answer on it", e);
        } catch (java.util.concurrent.ExecutionException e) {
            opening = null;
            Throwable c = e.getCause();
            if (c instanceof VirtException v) {
                throw v;
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VirtException(-1, "VIREO_CONNECT_TIMEOUT", "RPC", "connect interrupted", e);
        }
    }

    private void learnHostname() {
        if (conn == null) {
            return;
        }
        try {
            hostname = conn.hostname();
        } catch (VirtException e) {
            LOG.debug("no hostname from {}: {}", uri, e.getMessage());
        }
    }

    private void enableKeepAlive(VirtConnection c) {
        try {
            c.setKeepAlive(options.keepAliveSeconds(), options.keepAliveCount());
        } catch (VirtException e) {
            // in-process drivers (test://) have no link to keep alive
            LOG.debug("no keepalive on {}: {}", uri, e.getMessage());
        }
    }

    private void list() {
        try {
            publish(poller.list(conn, uri, hostname));
        } catch (VirtException e) {
            // the full refresh right after reports and handles the failure
            LOG.debug("first listing of {} failed: {}", uri, e.getMessage());
        }
    }

    private void refresh() {
        if (conn == null) {
            return;
        }
        try {
            publish(poller.poll(conn, uri, hostname, jobsRunning.get() > 0));
        } catch (VirtException e) {
            LOG.warn("refresh of {} failed: {} ({}/{})", uri, e.getMessage(), e.codeName(), e.errorDomain());
            if (!conn.isAlive()) {
                lost(e.getMessage());
            }
        }
    }

    private void lost(String reason) {
        LOG.warn("lost {}: {}", uri, reason);
        disconnect();
        failed(reason, false);
    }

    private void failed(String reason, boolean permanent) {
        if (permanent || stopped || held) {
            publish(HostSnapshot.disconnected(uri, reason));
            return;
        }
        Duration wait = backoff.next();
        long at = System.currentTimeMillis() + wait.toMillis();
        LOG.info("{} unreachable ({}): next try in {} ms", uri, reason, wait.toMillis());
        // published before it is scheduled: the view never shows a try that already happened as the next one
        publish(HostSnapshot.retrying(uri, reason, at));
        retry = worker.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void disconnect() {
        if (poll != null) {
            poll.cancel(false);
            poll = null;
        }
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
        if (conn != null) {
            VirtConnection old = conn;
            conn = null;
            old.close();
        }
        poller.reset();
    }

    private void schedulePoll() {
        long ms = period.toMillis();
        // fixed delay: a slow host delays its own next tick and never queues a burst of them
        poll = worker.scheduleWithFixedDelay(this::refresh, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Applies new stats settings: interval and groups now (history length at the next start). */
    public void updateStats(StatsSettings settings) {
        worker.execute(() -> {
            poller.setGroups(settings.groups());
            if (!settings.interval().equals(period)) {
                period = settings.interval();
                if (poll != null) {
                    poll.cancel(false);
                    schedulePoll();
                }
            }
        });
    }

    /** A domain's recent figures of one metric; safe from any thread. */
    public TimeSeries series(String domainUuid, Metric metric) {
        return poller.series(domainUuid, metric);
    }

    /** The host's recent figures of one metric; safe from any thread. */
    public TimeSeries hostSeries(HostMetric metric) {
        return poller.hostSeries(metric);
    }

    private void publish(HostSnapshot snapshot) {
        current = snapshot;
        publisher.accept(snapshot);
    }

    /** A gateway call made on the host's worker with its open connection. */
    @FunctionalInterface
    public interface HostCall<T> {
        T run(VirtConnection conn) throws VirtException;
    }
}
