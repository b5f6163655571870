package org.vireo.libvirt;

import com.sun.jna.Callback;
import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libvirt's event loop on a thread of its own: our implementation of libvirt's event
 * callbacks (virEventRegisterImpl) around poll(2). libvirt's default implementation is
 * GLib's default main context, which GTK iterates on the FX thread; a second thread cannot
 * iterate it (it would run GTK's work), so a GUI process that wants libvirt's events off
 * the FX thread needs an implementation that is not GLib's.
 *
 * <p>Semantics as libvirt's own poll loop had them (vireventpoll.c, libvirt before 6.x):
 * a timer of frequency 0 fires on every iteration, -1 is off; a removed handle or timer
 * is never dispatched again and its free callback runs after the iteration, outside any
 * lock. Calls from other threads wake the loop through a pipe.
 */
final class PollEventLoop {
    private static final Logger LOG = LoggerFactory.getLogger(PollEventLoop.class);
    // virEventHandleType and poll(2)'s bits
    private static final int READABLE = 1;
    private static final int WRITABLE = 2;
    private static final int ERROR = 4;
    private static final int HANGUP = 8;
    private static final short POLLIN = 0x1;
    private static final short POLLOUT = 0x4;
    private static final short POLLERR = 0x8;
    private static final short POLLHUP = 0x10;

    interface Libc extends Library {
        Libc LIB = Native.load("c", Libc.class);

        int poll(Pointer fds, int nfds, int timeout);

        int pipe2(int[] fds, int flags);

        long write(int fd, byte[] buf, long count);

        long read(int fd, byte[] buf, long count);
    }

    interface AddHandle extends Callback {
        int invoke(int fd, int events, Pointer cb, Pointer opaque, Pointer ff);
    }

    interface UpdateHandle extends Callback {
        void invoke(int watch, int events);
    }

    interface Remove extends Callback {
        int invoke(int id);
    }

    interface AddTimeout extends Callback {
        int invoke(int timeout, Pointer cb, Pointer opaque, Pointer ff);
    }

    interface UpdateTimeout extends Callback {
        void invoke(int timer, int timeout);
    }

    interface Register extends Library {
        Register LIB = Native.load("virt", Register.class);

        void virEventRegisterImpl(AddHandle addHandle, UpdateHandle updateHandle, Remove removeHandle,
                                  AddTimeout addTimeout, UpdateTimeout updateTimeout, Remove removeTimeout);
    }

    private static final int O_CLOEXEC = 02000000;
    private static final int O_NONBLOCK = 04000;

    private static final class Handle {
        final int watch;
        final int fd;
        int events;
        final Function cb;
        final Pointer opaque;
        final Pointer ff;
        boolean deleted;

        Handle(int watch, int fd, int events, Pointer cb, Pointer opaque, Pointer ff) {
            this.watch = watch;
            this.fd = fd;
            this.events = events;
            this.cb = Function.getFunction(cb);
            this.opaque = opaque;
            this.ff = ff;
        }
    }

    private static final class Timer {
        final int id;
        int frequency;
        long dueNanos;
        final Function cb;
        final Pointer opaque;
        final Pointer ff;
        boolean deleted;

        Timer(int id, int frequency, Pointer cb, Pointer opaque, Pointer ff) {
            this.id = id;
            this.cb = Function.getFunction(cb);
            this.opaque = opaque;
            this.ff = ff;
            set(frequency);
        }

        void set(int ms) {
            frequency = ms;
            dueNanos = System.nanoTime() + ms * 1_000_000L;
        }
    }

    private final Map<Integer, Handle> handles = new LinkedHashMap<>();
    private final Map<Integer, Timer> timers = new LinkedHashMap<>();
    private final int[] wake = new int[2];
    private int nextWatch = 1;
    private int nextTimer = 1;
    private Thread thread;
    private boolean woken;

    // held for as long as libvirt may call them: the process's lifetime
    private final AddHandle addHandle = this::addHandle;
    private final UpdateHandle updateHandle = this::updateHandle;
    private final Remove removeHandle = this::removeHandle;
    private final AddTimeout addTimeout = this::addTimeout;
    private final UpdateTimeout updateTimeout = this::updateTimeout;
    private final Remove removeTimeout = this::removeTimeout;

    /** Registers with libvirt (before the first connection opens) and starts the loop's thread. */
    void registerAndStart() {
        if (Libc.LIB.pipe2(wake, O_CLOEXEC | O_NONBLOCK) != 0) {
            throw new IllegalStateException("pipe2 failed: errno " + Native.getLastError());
        }
        Register.LIB.virEventRegisterImpl(addHandle, updateHandle, removeHandle, addTimeout, updateTimeout, removeTimeout);
        thread = new Thread(this::run, "libvirt-event-loop");
        thread.setDaemon(true);
        thread.start();
    }

    private synchronized int addHandle(int fd, int events, Pointer cb, Pointer opaque, Pointer ff) {
        Handle h = new Handle(nextWatch++, fd, events, cb, opaque, ff);
        handles.put(h.watch, h);
        wakeUp();
        return h.watch;
    }

    private synchronized void updateHandle(int watch, int events) {
        Handle h = handles.get(watch);
        if (h != null && !h.deleted) {
            h.events = events;
            wakeUp();
        }
    }

    private synchronized int removeHandle(int watch) {
        Handle h = handles.get(watch);
        if (h == null || h.deleted) {
            return -1;
        }
        h.deleted = true;
        wakeUp();
        return 0;
    }

    private synchronized int addTimeout(int frequency, Pointer cb, Pointer opaque, Pointer ff) {
        Timer t = new Timer(nextTimer++, frequency, cb, opaque, ff);
        timers.put(t.id, t);
        wakeUp();
        return t.id;
    }

    private synchronized void updateTimeout(int timer, int frequency) {
        Timer t = timers.get(timer);
        if (t != null && !t.deleted) {
            t.set(frequency);
            wakeUp();
        }
    }

    private synchronized int removeTimeout(int timer) {
        Timer t = timers.get(timer);
        if (t == null || t.deleted) {
            return -1;
        }
        t.deleted = true;
        wakeUp();
        return 0;
    }

    /** Makes a blocked poll return so that it sees a change made from another thread. */
    private void wakeUp() {
        if (Thread.currentThread() != thread && !woken) {
            woken = true;
            Libc.LIB.write(wake[1], new byte[] {1}, 1);
        }
    }

    private void run() {
        Memory fds = new Memory(8L * 64);
        byte[] drain = new byte[64];
        while (true) {
            List<Handle> polled = new ArrayList<>();
            int timeout;
            synchronized (this) {
                for (Handle h : handles.values()) {
                    if (!h.deleted && h.events != 0) {
                        polled.add(h);
                    }
                }
                timeout = nextTimeoutMs();
            }
            long size = 8L * (polled.size() + 1);
            if (fds.size() < size) {
                fds = new Memory(size * 2);
            }
            fds.setInt(0, wake[0]);
            fds.setShort(4, POLLIN);
            fds.setShort(6, (short) 0);
            for (int i = 0; i < polled.size(); i++) {
                Handle h = polled.get(i);
                fds.setInt(8L * (i + 1), h.fd);
                fds.setShort(8L * (i + 1) + 4, toPoll(h.events));
                fds.setShort(8L * (i + 1) + 6, (short) 0);
            }
            int n = Libc.LIB.poll(fds, polled.size() + 1, timeout);
            if (n < 0) {
                continue;   // EINTR
            }
            if ((fds.getShort(6) & POLLIN) != 0) {
                // drain first, then clear: a change after the clearing writes again, and one
                // before it is seen when the next iteration builds its set
                while (Libc.LIB.read(wake[0], drain, drain.length) > 0) {
                    // drained
                }
                synchronized (this) {
                    woken = false;
                }
            }
            dispatchTimers();
            for (int i = 0; i < polled.size(); i++) {
                short revents = fds.getShort(8L * (i + 1) + 6);
                if (revents == 0) {
                    continue;
                }
                Handle h = polled.get(i);
                synchronized (this) {
                    if (h.deleted) {
                        continue;
                    }
                }
                int events = fromPoll(revents);
                if (events != 0) {   // POLLNVAL alone: nothing libvirt asked for
                    call(() -> h.cb.invokeVoid(new Object[] {h.watch, h.fd, events, h.opaque}));
                }
            }
            cleanUp();
        }
    }

    private int nextTimeoutMs() {
        long now = System.nanoTime();
        long soonest = Long.MAX_VALUE;
        for (Timer t : timers.values()) {
            if (!t.deleted && t.frequency >= 0) {
                soonest = Math.min(soonest, t.dueNanos - now);
            }
        }
        if (soonest == Long.MAX_VALUE) {
            return -1;
        }
        return (int) Math.max(0, (soonest + 999_999) / 1_000_000);
    }

    private void dispatchTimers() {
        List<Timer> due = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (this) {
            for (Timer t : timers.values()) {
                if (!t.deleted && t.frequency >= 0 && t.dueNanos <= now) {
                    t.dueNanos = now + t.frequency * 1_000_000L;
                    due.add(t);
                }
            }
        }
        for (Timer t : due) {
            synchronized (this) {
                if (t.deleted) {
                    continue;
                }
            }
            call(() -> t.cb.invokeVoid(new Object[] {t.id, t.opaque}));
        }
    }

    /** Forgets removed handles and timers, then runs their free callbacks outside the lock. */
    private void cleanUp() {
        List<Pointer[]> frees = new ArrayList<>();
        synchronized (this) {
            handles.values().removeIf(h -> {
                if (h.deleted && h.ff != null) {
                    frees.add(new Pointer[] {h.ff, h.opaque});
                }
                return h.deleted;
            });
            timers.values().removeIf(t -> {
                if (t.deleted && t.ff != null) {
                    frees.add(new Pointer[] {t.ff, t.opaque});
                }
                return t.deleted;
            });
        }
        for (Pointer[] f : frees) {
            call(() -> Function.getFunction(f[0]).invokeVoid(new Object[] {f[1]}));
        }
    }

    private static void call(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.error("libvirt event callback threw", e);
        }
    }

    private static short toPoll(int events) {
        int p = 0;
        if ((events & READABLE) != 0) {
            p |= POLLIN;
        }
        if ((events & WRITABLE) != 0) {
            p |= POLLOUT;
        }
        if ((events & ERROR) != 0) {
            p |= POLLERR;
        }
        if ((events & HANGUP) != 0) {
            p |= POLLHUP;
        }
        return (short) p;
    }

    private static int fromPoll(short revents) {
        int e = 0;
        if ((revents & POLLIN) != 0) {
            e |= READABLE;
        }
        if ((revents & POLLOUT) != 0) {
            e |= WRITABLE;
        }
        if ((revents & POLLERR) != 0) {
            e |= ERROR;
        }
        if ((revents & POLLHUP) != 0) {
            e |= HANGUP;
        }
        return e;
    }
}
