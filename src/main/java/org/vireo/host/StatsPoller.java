package org.vireo.host;

import org.vireo.model.StatsSettings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vireo.libvirt.DomainStats;
import org.vireo.libvirt.NodeCounters;
import org.vireo.model.StatsGroup;
import org.vireo.libvirt.VirtConnection;
import org.vireo.libvirt.VirtException;
import org.vireo.model.ConnectionState;
import org.vireo.model.DomainRates;
import org.vireo.model.DomainState;
import org.vireo.model.DomainStatus;
import org.vireo.model.DomainSummary;
import org.vireo.model.HostFigures;
import org.vireo.model.HostMetric;
import org.vireo.model.HostSnapshot;
import org.vireo.model.Metric;
import org.vireo.model.TimeSeries;

/**
 * One refresh of a host: a single virConnectGetAllDomainStats call for every domain and
 * the chosen groups, plus the host's own CPU and memory counters; rates from the previous
 * refresh; the figures appended to the history. Runs on the host's worker only.
 */
public final class StatsPoller {
    private static final Logger LOG = LoggerFactory.getLogger(StatsPoller.class);
    /** The balloon stats period Vireo turns on where a guest has none (seconds). */
    static final int BALLOON_PERIOD = 2;

    private final History history;
    private volatile java.util.Set<StatsGroup> groups;
    private Map<String, DomainCounters> previous = new HashMap<>();
    private NodeCounters previousNode;
    private final Set<String> balloonTried = new HashSet<>();
    private int hostCpus;

    public StatsPoller(StatsSettings settings) {
        this.history = new History(settings.historyPoints());
        this.groups = settings.groups();
    }

    public void setGroups(java.util.Set<StatsGroup> groups) {
        this.groups = groups;
    }

    /** Forgets rates and balloon attempts (a new connection starts afresh; history stays). */
    public void reset() {
        previous = new HashMap<>();
        previousNode = null;
        balloonTried.clear();
        hostCpus = 0;
    }

    public TimeSeries series(String uuid, Metric metric) {
        return history.series(uuid, metric);
    }

    public TimeSeries hostSeries(HostMetric metric) {
        return history.hostSeries(metric);
    }

    /** Whether the last listing had a domain that a job of libvirt's holds (see {@link #heldByJob}). */
    private boolean held;

    /**
     * A domain paused by a migration, save, dump or snapshot, or still starting up (the
     * destination of an incoming migration): libvirt holds its job, and a bulk call without
     * NOWAIT waits up to 30 s for it on every tick. Measured on the two-host lab: an incoming
     * migration left behind by a destination daemon killed mid-way made `virsh domstats` of
     * that domain take 30.0 s (its state alone came back).
     */
    static boolean heldByJob(DomainStats s) {
        if (s.getLong("state.state", 0) != DomainState.PAUSED.ordinal()) {
            return false;
        }
        long reason = s.getLong("state.reason", 0);
        // VIR_DOMAIN_PAUSED_MIGRATION, _SAVE, _DUMP, _SNAPSHOT, _STARTING_UP, _POSTCOPY
        return reason == 2 || reason == 3 || reason == 4 || reason == 9 || reason == 11 || reason == 12;
    }

    /** VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT: skip what a domain busy with a job would make us wait for. */
    static final int STATS_NOWAIT = 1 << 29;

    public HostSnapshot poll(VirtConnection conn, String uri, String hostname) throws VirtException {
        return poll(conn, uri, hostname, false);
    }

    /**
     * @param jobsRunning a save, dump or migration holds a domain's job: without NOWAIT the
     *                    bulk call would wait for it, and the host's worker with it (measured:
     *                    one tick in a 2 s save, a Force off of another guest queued behind it).
     *                    Only then, since NOWAIT also skips block figures of a guest busy with I/O;
     *                    and while a domain of the last listing is held by a job of libvirt's own
     *                    (see {@link #heldByJob}).
     */
    public HostSnapshot poll(VirtConnection conn, String uri, String hostname, boolean jobsRunning) throws VirtException {
        if (hostCpus == 0) {
            hostCpus = conn.nodeInfo().cpus();
        }
        List<DomainStats> stats = conn.allDomainStats(groups, jobsRunning || held ? STATS_NOWAIT : 0);
        held = stats.stream().anyMatch(StatsPoller::heldByJob);
        long now = System.nanoTime();
        NodeCounters node = conn.nodeCounters();
        return record(stats, node, now, System.currentTimeMillis(), conn, uri, hostname);
    }

    /**
     * The first listing of a new connection: one bulk call without the cpu-total group, whose
     * figures here would only be a rate's starting point. On a freshly started (or upgraded)
     * QEMU daemon, cpu-total makes libvirtd build its host capabilities, probing every QEMU
     * binary it has no cached capabilities for (its cache monitor figures read them): about
     * 4 s for qemu-system-i386 under TCG, measured on the lab. The other groups need no probe.
     * Leaves rates, history and balloon attempts alone; the full refresh follows at once.
     */
    public HostSnapshot list(VirtConnection conn, String uri, String hostname) throws VirtException {
        if (hostCpus == 0) {
            hostCpus = conn.nodeInfo().cpus();
        }
        java.util.EnumSet<StatsGroup> cheap = java.util.EnumSet.copyOf(groups);
        cheap.remove(StatsGroup.CPU_TOTAL);
        // NOWAIT: a listing waits for no domain's job (an incoming migration holds one for good)
        List<DomainStats> stats = conn.allDomainStats(cheap, STATS_NOWAIT);
        held = stats.stream().anyMatch(StatsPoller::heldByJob);
        List<DomainSummary> domains = new ArrayList<>(stats.size());
        long guestsMem = 0;
        for (DomainStats s : stats) {
            DomainStatus status = DomainStatus.of((int) s.getLong("state.state", 0), (int) s.getLong("state.reason", 0));
            long memCurrent = s.getLong("balloon.current", 0);
            long used = memoryUsed(s, memCurrent);
            if (status.state().isActive()) {
                guestsMem += used;
            }
            domains.add(new DomainSummary(s.uuid(), s.name(), s.id(), status, (int) s.getLong("vcpu.current", 0),
                memCurrent, s.getLong("balloon.maximum", 0), used, 0, DomainRates.UNKNOWN));
        }
        HostFigures figures = new HostFigures(hostCpus, Double.NaN, -1, -1, Double.NaN, guestsMem, Double.NaN, Double.NaN);
        return new HostSnapshot(uri, hostname, ConnectionState.CONNECTED, "", domains, figures, System.nanoTime(), 0);
    }

    /** Decode, rates, history: everything after the calls (the benchmark times it apart). */
    HostSnapshot record(List<DomainStats> stats, NodeCounters node, long now, long epochMillis,
                        VirtConnection conn, String uri, String hostname) {
        long t = history.begin(epochMillis);
        Map<String, DomainCounters> current = new HashMap<>(stats.size() * 2);
        List<DomainSummary> domains = new ArrayList<>(stats.size());
        double guestsCpu = 0;
        long guestsMem = 0;
        double guestsDisk = 0;
        double guestsNet = 0;
        for (DomainStats s : stats) {
            DomainStatus status = DomainStatus.of((int) s.getLong("state.state", 0), (int) s.getLong("state.reason", 0));
            DomainCounters counters = DomainCounters.of(s, now);
            DomainRates rates = status.state().isActive()
                ? Rates.between(previous.get(s.uuid()), counters, hostCpus) : DomainRates.UNKNOWN;
            if (status.state().isActive()) {
                current.put(s.uuid(), counters);
            }
            long memCurrent = s.getLong("balloon.current", 0);
            long used = memoryUsed(s, memCurrent);
            if (status.state() == DomainState.RUNNING && conn != null && !s.has("balloon.unused")
                && s.has("balloon.current") && balloonTried.add(s.uuid())) {
                enableBalloonStats(conn, s);
            }
            domains.add(new DomainSummary(s.uuid(), s.name(), s.id(), status, (int) s.getLong("vcpu.current", 0),
                memCurrent, s.getLong("balloon.maximum", 0), used, counters.cpuTimeNs(), rates));
            History.DomainSeries series = history.domain(s.uuid(), t);
            series.put(t, Metric.CPU, rates.cpuPercent());
            series.put(t, Metric.MEMORY, status.state().isActive() ? used : Double.NaN);
            series.put(t, Metric.DISK_READ, rates.diskReadBps());
            series.put(t, Metric.DISK_WRITE, rates.diskWriteBps());
            series.put(t, Metric.DISK_IOPS, rates.diskIops());
            series.put(t, Metric.NET_RX, rates.netRxBps());
            series.put(t, Metric.NET_TX, rates.netTxBps());
            if (status.state().isActive()) {
                guestsCpu += nanToZero(rates.cpuHostPercent());
                guestsMem += used;
                guestsDisk += nanToZero(rates.diskBps());
                guestsNet += nanToZero(rates.netBps());
            }
        }
        previous = current;
        if (!history.unchanged(stats.size())) {
            Set<String> uuids = HashSet.newHashSet(stats.size());
            for (DomainStats s : stats) {
                uuids.add(s.uuid());
            }
            history.retain(uuids);
        }
        HostFigures figures = hostFigures(node, guestsCpu, guestsMem, guestsDisk, guestsNet);
        history.putHost(t, HostMetric.CPU, figures.cpuPercent());
        history.putHost(t, HostMetric.MEMORY, figures.memUsedKiB() < 0 ? Double.NaN : figures.memUsedKiB());
        history.putHost(t, HostMetric.GUESTS_CPU, guestsCpu);
        history.putHost(t, HostMetric.GUESTS_MEMORY, guestsMem);
        history.putHost(t, HostMetric.GUESTS_DISK, guestsDisk);
        history.putHost(t, HostMetric.GUESTS_NET, guestsNet);
        history.publish(t);
        return new HostSnapshot(uri, hostname, ConnectionState.CONNECTED, "", domains, figures, now, 0);
    }

    private HostFigures hostFigures(NodeCounters node, double guestsCpu, long guestsMem,
                                    double guestsDisk, double guestsNet) {
        double cpu = Double.NaN;
        if (node != null && node.hasCpu() && previousNode != null && previousNode.hasCpu()) {
            long total = node.totalNs() - previousNode.totalNs();
            long busy = node.busyNs() - previousNode.busyNs();
            if (total > 0 && busy >= 0) {
                cpu = Math.min(100.0, 100.0 * busy / total);
            }
        }
        if (node != null) {
            previousNode = node;
        }
        boolean mem = node != null && node.hasMemory();
        return new HostFigures(hostCpus, cpu, mem ? node.memTotalKiB() : -1, mem ? node.memUsedKiB() : -1,
            guestsCpu, guestsMem, guestsDisk, guestsNet);
    }

    /** Memory the guest uses: from the balloon driver's own figures when it gives them. */
    static long memoryUsed(DomainStats s, long current) {
        long available = s.getLong("balloon.available", -1);
        long unused = s.getLong("balloon.unused", -1);
        if (available > 0 && unused >= 0 && unused <= available) {
            return available - unused;
        }
        return current;
    }

    private void enableBalloonStats(VirtConnection conn, DomainStats s) {
        try {
            conn.setMemoryStatsPeriod(s.uuid(), BALLOON_PERIOD);
            LOG.info("turned on balloon stats (every {} s) for {} on {}", BALLOON_PERIOD, s.name(), conn.uri());
        } catch (VirtException e) {
            LOG.debug("no balloon stats for {}: {}", s.name(), e.getMessage());
        }
    }

    private static double nanToZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}
