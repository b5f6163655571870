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

    /** In a GUI process: GTK's main loop dispatches libvirt's events (see VirtEventLoop). */
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
            worker.shutdown();
        });
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
        publish(new HostSnapshot(uri, hostname, ConnectionState.CONNECTING, "", current.domains(), current.figures(), System.nanoTime()));
        VirtConnection opened = null;
        try {
            opened = connector.open(uri);
            enableKeepAlive(opened);
            VirtConnection self = opened;
            opened.onClose(reason -> worker.execute(() -> {
                if (conn == self) {
                    lost("connection closed (" + reason + ")");
                }
            }));
            opened.onLifecycle((uuid, name, event, detail) -> requestRefresh());
            conn = opened;
            backoff.reset();
            LOG.info("connected to {} ({})", uri, hostname);
            refresh();
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
        publish(HostSnapshot.disconnected(uri, reason));
        if (!permanent && !stopped && !held) {
            Duration wait = backoff.next();
            LOG.info("{} unreachable ({}): next try in {} ms", uri, reason, wait.toMillis());
            retry = worker.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
        }
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
