package org.vireo.libvirt;

import com.sun.jna.Pointer;
import java.util.Set;
import org.libvirt.KeycodeSet;
import org.vireo.model.DomainAction;
import org.vireo.model.DomainFlags;
import org.vireo.model.DomainFlags.Destroy;
import org.vireo.model.DomainFlags.DumpFormat;
import org.vireo.model.DomainFlags.PmTarget;
import org.vireo.model.DomainFlags.PowerMode;

/**
 * A domain's life: start, shut down, reboot, reset, force off, pause, resume, save and restore,
 * managed save, core dump, PM suspend and wake-up, NMI, keys, undefine. The only class that
 * starts, stops, pauses or resumes a domain: the main window's actions come here too
 * ({@link #perform}). Runs on a host worker or an action's own thread.
 */
public final class LifecycleApi {
    private final DomainCalls calls;

    public LifecycleApi(VirtConnection connection) {
        this.calls = new DomainCalls(connection);
    }

    /** One of the main window's everyday actions, each with libvirt's default behaviour. */
    public void perform(String uuid, DomainAction action) throws VirtException {
        switch (action) {
            case START -> start(uuid, Set.of());
            case PAUSE -> suspend(uuid);
            case RESUME -> resume(uuid);
            case SHUTDOWN -> shutdown(uuid, PowerMode.DEFAULT);
            case REBOOT -> reboot(uuid, PowerMode.DEFAULT);
            case FORCE_OFF -> destroy(uuid, false);
        }
    }

    public void start(String uuid, Set<DomainFlags.Start> flags) throws VirtException {
        calls.on(uuid, dom -> dom.create(DomainFlags.mask(flags)));
    }

    public void shutdown(String uuid, PowerMode mode) throws VirtException {
        calls.call(uuid, "virDomainShutdownFlags", p -> NativeVirt.LIB.virDomainShutdownFlags(p, mode.bit()));
    }

    public void reboot(String uuid, PowerMode mode) throws VirtException {
        calls.call(uuid, "virDomainReboot", p -> NativeVirt.LIB.virDomainReboot(p, mode.bit()));
    }

    public void reset(String uuid) throws VirtException {
        calls.on(uuid, dom -> {
            dom.reset();
            return null;
        });
    }

    /** virDomainDestroyFlags; graceful asks QEMU to flush and exit rather than killing it. */
    public void destroy(String uuid, boolean graceful) throws VirtException {
        int flags = DomainFlags.mask(graceful ? Set.of(Destroy.GRACEFUL) : Set.of());
        calls.call(uuid, "virDomainDestroyFlags", p -> NativeVirt.LIB.virDomainDestroyFlags(p, flags));
    }

    public void suspend(String uuid) throws VirtException {
        calls.on(uuid, dom -> {
            dom.suspend();
            return null;
        });
    }

    public void resume(String uuid) throws VirtException {
        calls.on(uuid, dom -> {
            dom.resume();
            return null;
        });
    }

    /** virDomainPMSuspendForDuration through the guest agent; {@code seconds} 0: until woken. */
    public void pmSuspend(String uuid, PmTarget target, long seconds) throws VirtException {
        calls.call(uuid, "virDomainPMSuspendForDuration", p -> NativeVirt.LIB.virDomainPMSuspendForDuration(p, target.bit(), seconds, 0));
    }

    public void pmWakeup(String uuid) throws VirtException {
        calls.call(uuid, "virDomainPMWakeup", p -> NativeVirt.LIB.virDomainPMWakeup(p, 0));
    }

    public void save(String uuid, String file, Set<DomainFlags.Save> flags) throws VirtException {
        calls.call(uuid, "virDomainSaveFlags", p -> NativeVirt.LIB.virDomainSaveFlags(p, file, null, DomainFlags.mask(flags)));
    }

    /** virDomainRestoreFlags: a connection-level call; the file names its domain. */
    public void restore(String file, Set<DomainFlags.Save> flags) throws VirtException {
        Pointer conn = calls.connection().acquire(); // a job: the worker may close the connection meanwhile
        try {
            DomainCalls.check(NativeVirt.LIB.virDomainRestoreFlags(conn, file, null, DomainFlags.mask(flags)), "virDomainRestoreFlags");
        } finally {
            VirtConnection.release(conn);
        }
    }

    public void managedSave(String uuid, Set<DomainFlags.Save> flags) throws VirtException {
        calls.call(uuid, "virDomainManagedSave", p -> NativeVirt.LIB.virDomainManagedSave(p, DomainFlags.mask(flags)));
    }

    public void removeManagedSave(String uuid) throws VirtException {
        calls.call(uuid, "virDomainManagedSaveRemove", p -> NativeVirt.LIB.virDomainManagedSaveRemove(p, 0));
    }

    /**
     * Removes the managed-save image of a domain that is running: a managed save ends with the
     * domain shut off, so an active domain's image is one that did not finish (its daemon died
     * under it and, restarted, resumed the guest). Left there, the next start would restore that
     * old memory over disks the guest has written since. Returns whether an image was removed.
     */
    public boolean removeStaleManagedSave(String uuid) throws VirtException {
        return calls.on(uuid, dom -> {
            if (dom.isActive() != 1) {
                return false;
            }
            var p = BindingPointers.of(dom);
            if (DomainCalls.check(NativeVirt.LIB.virDomainHasManagedSaveImage(p, 0), "virDomainHasManagedSaveImage") != 1) {
                return false;
            }
            DomainCalls.check(NativeVirt.LIB.virDomainManagedSaveRemove(p, 0), "virDomainManagedSaveRemove");
            return true;
        });
    }

    /** virDomainCoreDumpWithFormat, raw ELF. */
    public void coreDump(String uuid, String file, Set<DomainFlags.Dump> flags) throws VirtException {
        calls.call(uuid, "virDomainCoreDumpWithFormat",
            p -> NativeVirt.LIB.virDomainCoreDumpWithFormat(p, file, DumpFormat.RAW.bit(), DomainFlags.mask(flags)));
    }

    public void injectNmi(String uuid) throws VirtException {
        calls.call(uuid, "virDomainInjectNMI", p -> NativeVirt.LIB.virDomainInjectNMI(p, 0));
    }

    /** virDomainSendKey; {@code codeSet} is a virKeycodeSet name (LINUX, XT, USB, ...). */
    public void sendKey(String uuid, String codeSet, int holdMs, int[] keys) throws VirtException {
        calls.on(uuid, dom -> {
            dom.sendKey(KeycodeSet.valueOf(codeSet), holdMs, keys);
            return null;
        });
    }

    public void undefine(String uuid, Set<DomainFlags.Undefine> flags) throws VirtException {
        calls.on(uuid, dom -> {
            dom.undefine(DomainFlags.mask(flags));
            return null;
        });
    }
}
