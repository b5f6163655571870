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
    private LifecycleListener lifecycleListener;
    private final List<AutoCloseable> carriers = new ArrayList<>();

    private VirtConnection(String uri, Connect conn) {
        this.uri = uri;
        this.conn = conn;
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
                Pointer dom = array.getPointer((long) i * TypedParams.pointerSize());
                refs.add(new DomainRef(uuidOf(dom), NativeVirt.LIB.virDomainGetName(dom), NativeVirt.LIB.virDomainGetID(dom)));
                NativeVirt.LIB.virDomainFree(dom);
            }
        } finally {
            com.sun.jna.Native.free(Pointer.nativeValue(array));
        }
        return refs;
    }

    /**
     * virConnectGetAllDomainStats: the given groups for every domain, in one round trip.
     * Drivers that leave out cpu, balloon and vcpu (the test driver reports only state) get
     * those filled from virDomainGetInfo, so callers see one shape from every driver.
     */
    public List<DomainStats> allDomainStats(Set<StatsGroup> groups, int flags) throws VirtException {
        PointerByReference out = new PointerByReference();
        int count = NativeVirt.LIB.virConnectGetAllDomainStats(connPointer(), StatsGroup.mask(groups), out, flags);
        if (count < 0) {
            throw VirtException.lastError("virConnectGetAllDomainStats");
        }
        Pointer records = out.getValue();
        boolean wantsInfo = groups.contains(StatsGroup.BALLOON) || groups.contains(StatsGroup.VCPU)
            || groups.contains(StatsGroup.CPU_TOTAL);
        List<DomainStats> stats = new ArrayList<>(count);
        try {
            int ptr = TypedParams.pointerSize();
            for (int i = 0; i < count; i++) {
                // virDomainStatsRecord: { virDomainPtr dom; virTypedParameterPtr params; int nparams; }
                Pointer record = records.getPointer((long) i * ptr);
                Pointer dom = record.getPointer(0);
                Pointer params = record.getPointer(ptr);
                int nparams = record.getInt(2L * ptr);
                DomainStats s = TypedParams.decode(uuidOf(dom), NativeVirt.LIB.virDomainGetName(dom),
                    NativeVirt.LIB.virDomainGetID(dom), params, nparams);
                stats.add(wantsInfo && !s.has("balloon.current") ? InfoFallback.fill(s, dom) : s);
            }
        } finally {
            if (records != null) {
                NativeVirt.LIB.virDomainStatsRecordListFree(records);
            }
        }
        return stats;
    }

    /** virDomainGetState: the state and libvirt's reason for it. */
    public DomainStatus domainState(String uuid) throws VirtException {
        return withDomain(uuid, dom -> {
            IntByReference state = new IntByReference();
            IntByReference reason = new IntByReference();
            if (NativeVirt.LIB.virDomainGetState(BindingPointers.of(dom), state, reason, 0) < 0) {
                throw VirtException.lastError("virDomainGetState");
            }
            return DomainStatus.of(state.getValue(), reason.getValue());
        });
    }

    public void perform(String uuid, DomainAction action) throws VirtException {
        withDomain(uuid, dom -> {
            try {
                switch (action) {
                    case START -> dom.create();
                    case PAUSE -> dom.suspend();
                    case RESUME -> dom.resume();
                    case SHUTDOWN -> dom.shutdown();
                    case REBOOT -> dom.reboot(0);
                    case FORCE_OFF -> dom.destroy();
                }
            } catch (LibvirtException e) {
                throw VirtException.from(e);
            }
            return null;
        });
    }

    /** virDomainOpenConsole on the domain's first console, as a blocking byte stream. */
    public ConsoleStream openConsole(String uuid) throws VirtException {
        Stream stream = call(() -> conn.streamNew(0));
        try {
            withDomain(uuid, dom -> {
                if (NativeVirt.LIB.virDomainOpenConsole(BindingPointers.of(dom), null, BindingPointers.of(stream), 0) < 0) {
                    throw VirtException.lastError("virDomainOpenConsole");
                }
                return null;
            });
        } catch (VirtException e) {
            ConsoleStream.release(stream);
            throw e;
        }
        return new ConsoleStream(stream);
    }

    /** virDomainOpenGraphicsFD: a socket already speaking the guest's VNC protocol (local hosts only). */
    public GraphicsSocket openGraphics(String uuid, int index) throws VirtException {
        int fd = withDomain(uuid, dom -> {
            int result = NativeVirt.LIB.virDomainOpenGraphicsFD(BindingPointers.of(dom), index, 0);
            if (result < 0) {
                throw VirtException.lastError("virDomainOpenGraphicsFD");
            }
            return result;
        });
        return new GraphicsSocket(fd);
    }

    @Override
    public void close() {
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
        try {
            conn.close();
        } catch (LibvirtException | RuntimeException ignored) {
            // as above
        }
        for (AutoCloseable carrier : carriers) {
            try {
                carrier.close();
            } catch (Exception ignored) {
                // nothing more to release
            }
        }
    }

    /** The binding's connection, for the other gateway classes (DomainApi ...); worker thread only. */
    Connect binding() {
        return conn;
    }

    private Pointer connPointer() {
        return BindingPointers.of(conn);
    }

    private static String uuidOf(Pointer dom) {
        byte[] buf = new byte[UUID_BUFLEN];
        NativeVirt.LIB.virDomainGetUUIDString(dom, buf);
        return new String(buf, 0, UUID_BUFLEN - 1, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private <T> T withDomain(String uuid, DomainCall<T> body) throws VirtException {
        Domain dom = call(() -> conn.domainLookupByUUIDString(uuid));
        try {
            return body.apply(dom);
        } finally {
            free(dom);
        }
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

    @FunctionalInterface
    private interface DomainCall<T> {
        T apply(Domain dom) throws VirtException;
    }
}
