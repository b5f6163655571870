package org.vireo.libvirt;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.NodeInfo;
import org.libvirt.Stream;
import org.libvirt.event.LifecycleListener;
import org.vireo.model.DomainAction;
import org.vireo.model.DomainFlags;
import org.vireo.model.StatsGroup;
import org.vireo.model.DomainStatus;

/**
 * One open libvirt connection: the binding's {@link Connect} plus the project's own native
 * calls. Plain values come out; every failure is a {@link VirtException}. Not for the FX
 * thread: every method may block on the network.
 */
public final class VirtConnection implements AutoCloseable {
    private static final int UUID_BUFLEN = 37;

    private final String uri;
    private final Connect conn;
    /** Guards {@link #closed} against {@link #acquire}: no reference is taken while the close runs. */
    private final Object refs = new Object();
    private boolean closed;
    private LifecycleListener lifecycleListener;
    private MetadataEvents metadataEvents;
    /** Whether the driver runs in this process (test:///...): no transport, no host. */
    private final boolean inProcess;
    /** The last bulk call's strings, reused by the next (see FastStats.Recall). */
    private final FastStats.Recall recall = new FastStats.Recall();
    private final List<AutoCloseable> carriers = new ArrayList<>();
    /** How this class reaches one domain (lookup, check, free), like every gateway class. */
    private final DomainCalls domains = new DomainCalls(this);

    private VirtConnection(String uri, Connect conn) {
        this.uri = uri;
        this.conn = conn;
        this.inProcess = uri.matches("(?i)test:///.*");
    }

    /** Opens a read-write connection; starts libvirt's event loop first if it is not running yet. */
    public static VirtConnection open(String uri) throws VirtException {
        VirtEventLoop.ensureStarted();
        try {
            return new VirtConnection(uri, new Connect(uri, false));
        } catch (LibvirtException e) {
            throw VirtException.from(e);
        }
    }

    public String uri() {
        return uri;
    }

    /** Something that carries this connection (an SSH tunnel); closed right after the connection. */
    public void attach(AutoCloseable carrier) {
        carriers.add(carrier);
    }

    public String hostname() throws VirtException {
        return call(conn::getHostName);
    }

    public NodeFigures nodeInfo() throws VirtException {
        NodeInfo info = call(conn::nodeInfo);
        return new NodeFigures(info.model, info.memory, info.cpus, info.mhz);
    }

    /** Whether the link to the daemon still answers (keepalive has not given up on it). */
    public boolean isAlive() {
        try {
            return conn.isAlive();
        } catch (LibvirtException e) {
            return false;
        }
    }

    /** Pings the daemon every {@code intervalSeconds}; after {@code count} missed answers the connection closes. */
    public void setKeepAlive(int intervalSeconds, int count) throws VirtException {
        call(() -> conn.setKeepAlive(intervalSeconds, count));
    }

    /** {@code listener} gets the close reason (eof, keepalive, error...) when the link drops. */
    public void onClose(Consumer<String> listener) throws VirtException {
        call(() -> {
            conn.registerCloseListener((c, reason) -> listener.accept(reason.name().toLowerCase()));
            return null;
        });
    }

    public void onLifecycle(LifecycleHandler handler) throws VirtException {
        LifecycleListener listener = (dom, event) -> {
            // ids and UUIDs kept by position between bulk calls are read again after any lifecycle event
            recall.lifecycleEvent();
            try {
                handler.onLifecycle(dom.getUUIDString(), dom.getName(), event.getType().name().toLowerCase(),
                    String.valueOf(event.getDetail()).toLowerCase());
            } catch (LibvirtException e) {
                handler.onLifecycle("", "", event.getType().name().toLowerCase(), "");
            } finally {
                free(dom);
            }
            return 0;
        };
        call(() -> {
            conn.addLifecycleListener(listener);
            return null;
        });
        lifecycleListener = listener;
        recall.watching();
    }

    /** Domains whose UUID and id the bulk calls have read so far (the rest were known by position; tests). */
    long identityReads() {
        return recall.identityReads();
    }

    /**
     * {@code handler} hears of every change to a domain's title, description or metadata
     * elements, made by anyone on the host (virsh, another client): libvirt's metadata change event.
     */
    public void onMetadataChange(MetadataHandler handler) throws VirtException {
        if (metadataEvents != null) {
            metadataEvents.close();
        }
        metadataEvents = MetadataEvents.register(connPointer(), handler);
    }

    /** virConnectListAllDomains: every domain, active and inactive, in one call. */
    public List<DomainRef> listAllDomains() throws VirtException {
        PointerByReference out = new PointerByReference();
        int count = NativeVirt.LIB.virConnectListAllDomains(connPointer(), out, 0);
        if (count < 0) {
            throw VirtException.lastError("virConnectListAllDomains");
        }
        Pointer array = out.getValue();
        List<DomainRef> refs = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                Pointer dom = array.getPointer((long) i * com.sun.jna.Native.POINTER_SIZE);
                refs.add(new DomainRef(uuidOf(dom), NativeVirt.LIB.virDomainGetName(dom), NativeVirt.LIB.virDomainGetID(dom)));
                NativeVirt.LIB.virDomainFree(dom);
            }
        } finally {
            com.sun.jna.Native.free(Pointer.nativeValue(array));
        }
        return refs;
    }

    /**
     * virConnectGetAllDomainStats: the given groups for every domain, in one round trip (see
     * {@link FastStats}). Drivers that leave out cpu, balloon and vcpu get those filled from
     * virDomainGetInfo.
     */
    public List<DomainStats> allDomainStats(Set<StatsGroup> groups, int flags) throws VirtException {
        // filled in process only: over RPC virDomainGetInfo is a round trip per domain per tick
        // (5000 domains served by a libvirtd: a 605 ms refresh); only the test driver needs it
        boolean wantsInfo = (groups.contains(StatsGroup.BALLOON) || groups.contains(StatsGroup.VCPU)
            || groups.contains(StatsGroup.CPU_TOTAL)) && inProcess;
        List<DomainStats> stats;
        // one caller at a time per connection: the recalled strings are not shared
        synchronized (recall) {
            stats = FastStats.allDomainStats(Pointer.nativeValue(connPointer()), StatsGroup.mask(groups), flags, wantsInfo, recall);
        }
        if (stats == null) {
            throw VirtException.lastError("virConnectGetAllDomainStats");
        }
        return stats;
    }

    /**
     * virNodeGetCPUStats (all CPUs) and virNodeGetMemoryStats (all cells): the host's own
     * counters. Drivers that lack one leave its fields at -1.
     */
    public NodeCounters nodeCounters() {
        java.util.Map<String, Long> cpu = nodeStats(true);
        java.util.Map<String, Long> mem = nodeStats(false);
        return new NodeCounters(cpu.getOrDefault("kernel", -1L), cpu.getOrDefault("user", -1L),
            cpu.getOrDefault("idle", -1L), cpu.getOrDefault("iowait", -1L),
            mem.getOrDefault("total", -1L), mem.getOrDefault("free", -1L),
            mem.getOrDefault("buffers", -1L), mem.getOrDefault("cached", -1L));
    }

    private java.util.Map<String, Long> nodeStats(boolean cpu) {
        // virNodeCPUStats and virNodeMemoryStats: { char field[80]; unsigned long long value; }
        final int entry = 88;
        final int allCpusOrCells = cpu ? -1 : -1;
        IntByReference n = new IntByReference(0);
        int rc = cpu ? NativeVirt.LIB.virNodeGetCPUStats(connPointer(), allCpusOrCells, null, n, 0)
            : NativeVirt.LIB.virNodeGetMemoryStats(connPointer(), allCpusOrCells, null, n, 0);
        if (rc < 0 || n.getValue() <= 0) {
            NativeVirt.LIB.virResetLastError();
            return java.util.Map.of();
        }
        try (com.sun.jna.Memory params = new com.sun.jna.Memory((long) entry * n.getValue())) {
            rc = cpu ? NativeVirt.LIB.virNodeGetCPUStats(connPointer(), allCpusOrCells, params, n, 0)
                : NativeVirt.LIB.virNodeGetMemoryStats(connPointer(), allCpusOrCells, params, n, 0);
            if (rc < 0) {
                NativeVirt.LIB.virResetLastError();
                return java.util.Map.of();
            }
            java.util.Map<String, Long> values = new java.util.HashMap<>();
            for (int i = 0; i < n.getValue(); i++) {
                values.put(params.getString((long) i * entry, "US-ASCII"), params.getLong((long) i * entry + 80));
            }
            return values;
        }
    }

    /**
     * virDomainSetMemoryStatsPeriod on the live guest: without a period the balloon driver
     * reports no usage figures (virt-manager turns it on for the same reason).
     */
    public void setMemoryStatsPeriod(String uuid, int seconds) throws VirtException {
        domains.call(uuid, "virDomainSetMemoryStatsPeriod",
            dom -> NativeVirt.LIB.virDomainSetMemoryStatsPeriod(dom, seconds, DomainFlags.Affect.LIVE.bit()));
    }

    /**
     * Only the bulk call and its free, nothing decoded: the floor the benchmark compares a
     * whole refresh against. Returns the number of records.
     */
    public int bareAllDomainStats(Set<StatsGroup> groups) throws VirtException {
        PointerByReference out = new PointerByReference();
        int count = NativeVirt.LIB.virConnectGetAllDomainStats(connPointer(), StatsGroup.mask(groups), out, 0);
        if (count < 0) {
            throw VirtException.lastError("virConnectGetAllDomainStats");
        }
        if (out.getValue() != null) {
            NativeVirt.LIB.virDomainStatsRecordListFree(out.getValue());
        }
        return count;
    }

    /** virDomainGetState: the state and libvirt's reason for it. */
    public DomainStatus domainState(String uuid) throws VirtException {
        IntByReference state = new IntByReference();
        IntByReference reason = new IntByReference();
        domains.call(uuid, "virDomainGetState", dom -> NativeVirt.LIB.virDomainGetState(dom, state, reason, 0));
        return DomainStatus.of(state.getValue(), reason.getValue());
    }

    /** One of the main window's lifecycle actions, done by {@link LifecycleApi} (the one place that does them). */
    public void perform(String uuid, DomainAction action) throws VirtException {
        new LifecycleApi(this).perform(uuid, action);
    }

    /** virDomainOpenConsole on the domain's first console, as a blocking byte stream. */
    public ConsoleStream openConsole(String uuid) throws VirtException {
        return openConsole(uuid, Set.of());
    }

    /** virDomainOpenConsole with flags (FORCE: take it from another client). */
    public ConsoleStream openConsole(String uuid, Set<DomainFlags.Console> flags) throws VirtException {
        int mask = DomainFlags.mask(flags);
        Stream stream = call(() -> conn.streamNew(0));
        try {
            domains.call(uuid, "virDomainOpenConsole", dom -> NativeVirt.LIB.virDomainOpenConsole(dom, null, BindingPointers.of(stream), mask));
        } catch (VirtException e) {
            ConsoleStream.release(stream);
            throw e;
        }
        return new ConsoleStream(stream);
    }

    /** virDomainOpenGraphicsFD: a socket already speaking the guest's VNC protocol (local hosts only). */
    public GraphicsSocket openGraphics(String uuid, int index) throws VirtException {
        int fd = domains.call(uuid, "virDomainOpenGraphicsFD", dom -> NativeVirt.LIB.virDomainOpenGraphicsFD(dom, index, 0));
        return new GraphicsSocket(fd);
    }

    @Override
    public void close() {
        try {
            if (metadataEvents != null) {
                metadataEvents.close();
                metadataEvents = null;
            }
        } catch (RuntimeException ignored) {
            // the link may already be gone; closing is all that is left to do
        }
        try {
            if (lifecycleListener != null) {
                conn.removeLifecycleListener(lifecycleListener);
            }
        } catch (LibvirtException | RuntimeException ignored) {
            // the link may already be gone; closing is all that is left to do
        }
        try {
            conn.unregisterCloseListener();
        } catch (LibvirtException | RuntimeException ignored) {
            // as above
        }
        synchronized (refs) {
            closed = true;
            try {
                conn.close();
            } catch (LibvirtException | RuntimeException ignored) {
                // as above
            }
        }
        for (AutoCloseable carrier : carriers) {
            try {
                carrier.close();
            } catch (Exception ignored) {
                // nothing more to release
            }
        }
    }

    /** The binding's connection, for the other gateway classes (OverviewApi, HardwareApi ...); worker thread only. */
    Connect binding() {
        return conn;
    }

    Pointer connPointer() {
        return BindingPointers.of(conn);
    }

    /**
     * The native connection with a libvirt reference of the caller's own, for a call made off
     * the host's worker (a job, its figures, a migration's destination). Closing the connection
     * frees it once its last reference goes: without one of its own, a call that overlapped the
     * close (the daemon dies, the worker closes the link while a job looks its domain up)
     * wrote into freed memory, and the process died later in malloc (the fault suite's
     * DaemonKillFaultTest, about one run in five). Give it back with {@link #release}.
     */
    Pointer acquire() throws VirtException {
        synchronized (refs) {
            Pointer p = closed ? null : BindingPointers.of(conn);
            if (p == null) {
                throw new VirtException(12, "VIR_ERR_INVALID_CONN", "VIR_FROM_RPC", "internal error: client socket is closed", null);
            }
            NativeVirt.LIB.virConnectRef(p);
            return p;
        }
    }

    static void release(Pointer acquired) {
        NativeVirt.LIB.virConnectClose(acquired);
    }

    private static String uuidOf(Pointer dom) {
        byte[] buf = new byte[UUID_BUFLEN];
        NativeVirt.LIB.virDomainGetUUIDString(dom, buf);
        return new String(buf, 0, UUID_BUFLEN - 1, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static void free(Domain dom) {
        try {
            dom.free();
        } catch (LibvirtException ignored) {
            // freeing a handle cannot fail in a way the user could act on
        }
    }

    private static <T> T call(BindingCall<T> body) throws VirtException {
        try {
            return body.call();
        } catch (LibvirtException e) {
            throw VirtException.from(e);
        }
    }

    @FunctionalInterface
    private interface BindingCall<T> {
        T call() throws LibvirtException;
    }
}
