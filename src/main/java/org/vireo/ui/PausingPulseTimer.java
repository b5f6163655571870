package org.vireo.ui;

import java.lang.reflect.Field;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JavaFX's pulse timer, made to stop while nothing moves. JavaFX asks its timer to pause
 * 250 ms after the last change and to resume on the next one, but on Linux (GTK) pausing is
 * a no-op: the timer wakes the FX thread 60 times a second for ever, about half a percent
 * of a core on this kind of machine for a window in which nothing changes (an idle bare
 * JavaFX window measures 0.52 %; see README, Figures). This timer keeps JavaFX's period and
 * runs its pulse task from a thread of its own, as JavaFX's Windows and macOS timers do,
 * and really stops when paused; it also stops itself after three idle periods instead of
 * JavaFX's 250 ms (a once-a-second tick would otherwise keep it running a quarter of the
 * time). JavaFX resumes it whenever a pulse or an animation is asked for. Installed once at start-up over the GTK one; if JavaFX's
 * internals are not what this expects, the GTK timer stays and the app works as before.
 */
public final class PausingPulseTimer extends com.sun.glass.ui.Timer {
    private static final Logger LOG = LoggerFactory.getLogger(PausingPulseTimer.class);
    private static volatile PausingPulseTimer installed;

    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pulse-timer");
        t.setDaemon(true);
        t.setPriority(Thread.MAX_PRIORITY);
        return t;
    });
    private final AtomicLong fired = new AtomicLong();
    private final Object toolkit;
    private final java.util.function.BooleanSupplier idle;
    private int idleFires;
    private Runnable task;
    private int periodMillis;
    private ScheduledFuture<?> ticking;

    private PausingPulseTimer(Runnable task, Object toolkit, java.util.function.BooleanSupplier idle) {
        super(task);
        this.toolkit = toolkit;
        this.idle = idle;
    }

    /**
     * Puts this timer in place of JavaFX's GTK pulse timer. Call on the FX thread once the
     * toolkit runs. Returns whether it did; -Dvireo.gtkPulseTimer=true keeps JavaFX's own.
     */
    public static synchronized boolean install() {
        if (installed != null) {
            return true;
        }
        if (Boolean.getBoolean("vireo.gtkPulseTimer")) {
            return false;
        }
        try {
            Object toolkit = com.sun.javafx.tk.Toolkit.getToolkit();
            Field timerField = toolkit.getClass().getDeclaredField("pulseTimer");
            timerField.setAccessible(true);
            Object current = timerField.get(toolkit);
            if (current == null || !current.getClass().getName().equals("com.sun.glass.ui.gtk.GtkTimer")) {
                return false;
            }
            com.sun.glass.ui.Timer gtk = (com.sun.glass.ui.Timer) current;
            Field runnableField = com.sun.glass.ui.Timer.class.getDeclaredField("runnable");
            runnableField.setAccessible(true);
            Field periodField = com.sun.glass.ui.Timer.class.getDeclaredField("period");
            periodField.setAccessible(true);
            int period = (int) Math.round(periodField.getDouble(gtk));
            if (period <= 0) {
                return false;
            }
            Field animation = field(toolkit, "animationRunning");
            Field requested = field(toolkit, "nextPulseRequested");
            Field running = field(toolkit, "pulseRunning");
            Object animationTask = animation.get(toolkit);
            Object requestTask = requested.get(toolkit);
            Field state = field(animationTask, "isRunning");
            java.util.concurrent.atomic.AtomicBoolean pulse = (java.util.concurrent.atomic.AtomicBoolean) running.get(toolkit);
            java.util.function.BooleanSupplier idle = () -> {
                try {
                    return !state.getBoolean(animationTask) && !state.getBoolean(requestTask) && !pulse.get();
                } catch (IllegalAccessException e) {
                    return false;
                }
            };
            PausingPulseTimer timer = new PausingPulseTimer((Runnable) runnableField.get(gtk), toolkit, idle);
            // the toolkit pauses and resumes its timer under its own lock
            synchronized (toolkit) {
                timer.start(period);
                timerField.set(toolkit, timer);
                gtk.stop();
            }
            installed = timer;
            LOG.debug("pulse timer: {} ms, paused while idle", period);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.info("keeping JavaFX's own pulse timer: {}", e.toString());
            return false;
        }
    }

    private static Field field(Object owner, String name) throws NoSuchFieldException {
        Field f = owner.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    /** The installed timer, or null. */
    public static PausingPulseTimer installed() {
        return installed;
    }

    /** How many times the timer has fired since it was installed (tests see it stop). */
    public long fired() {
        return fired.get();
    }

    @Override
    protected long _start(Runnable runnable) {
        throw new UnsupportedOperationException("a pulse timer has a period");
    }

    @Override
    protected synchronized long _start(Runnable runnable, int period) {
        this.task = runnable;
        this.periodMillis = period;
        schedule();
        return 1;
    }

    @Override
    protected synchronized void _stop(long handle) {
        cancel();
    }

    @Override
    protected synchronized void _pause(long handle) {
        cancel();
    }

    @Override
    protected synchronized void _resume(long handle) {
        if (ticking == null && task != null) {
            schedule();
        }
    }

    private void schedule() {
        cancel();
        Runnable run = task;
        idleFires = 0;
        ticking = clock.scheduleAtFixedRate(() -> {
            fired.incrementAndGet();
            run.run();
            if (!idle.getAsBoolean()) {
                idleFires = 0;
            } else if (++idleFires >= 3) {
                pauseIfIdle();
            }
        }, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops ticking if JavaFX still wants no pulse. Under the toolkit's lock, the one its
     * resume takes: a request made meanwhile either is seen here or resumes the timer after.
     */
    private void pauseIfIdle() {
        synchronized (toolkit) {
            if (idle.getAsBoolean()) {
                synchronized (this) {
                    cancel();
                }
            }
        }
    }

    private void cancel() {
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
    }
}
