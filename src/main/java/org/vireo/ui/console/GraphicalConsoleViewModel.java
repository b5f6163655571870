package org.vireo.ui.console;

import java.io.EOFException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vireo.console.ConsoleService;
import org.vireo.console.Framebuffer;
import org.vireo.console.GraphicsFacts;
import org.vireo.console.GraphicsLink;
import org.vireo.console.RfbClient;
import org.vireo.console.RfbException;
import org.vireo.ui.DomainRowViewModel;

/**
 * One open graphical console of a domain: connects on a thread of its own, decodes there,
 * and reconnects by itself when the link ends while the guest runs (a reboot that restarts
 * QEMU, a migration, the host's link coming back). A guest that is off is shown as off and
 * connected to again when it runs. Properties change on the FX thread only.
 */
public final class GraphicalConsoleViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(GraphicalConsoleViewModel.class);

    public enum Phase { CONNECTING, CONNECTED, OFF, SPICE_ONLY, NO_GRAPHICS, FAILED, CLOSED }

    private volatile DomainRowViewModel row;
    private volatile ConsoleService service;
    private final Function<String, DomainRowViewModel> elsewhere;
    private final ObjectProperty<DomainRowViewModel> shownRow = new SimpleObjectProperty<>(this, "row");
    private final Function<String, CompletableFuture<char[]>> askPassword;
    private final ObjectProperty<Phase> phase = new SimpleObjectProperty<>(this, "phase", Phase.CONNECTING);
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private final StringProperty via = new SimpleStringProperty(this, "via", "");
    private final StringProperty notice = new SimpleStringProperty(this, "notice", "");
    private final BooleanProperty absolutePointer = new SimpleBooleanProperty(this, "absolutePointer", true);
    private final BooleanProperty canResize = new SimpleBooleanProperty(this, "canResize", false);
    private final IntegerProperty leds = new SimpleIntegerProperty(this, "leds", 0);
    private final ObjectProperty<Runnable> onFrame = new SimpleObjectProperty<>(this, "onFrame", () -> { });
    private final ObjectProperty<CursorShape> cursor = new SimpleObjectProperty<>(this, "cursor");
    /** Draws each decoded update on the console's thread (straight to X); null: updates go to the FX thread. */
    private volatile java.util.function.Consumer<Framebuffer> directDraw;
    private final AtomicBoolean framePending = new AtomicBoolean();
    private final AtomicLong connections = new AtomicLong();
    private final Object wake = new Object();
    private final javafx.beans.value.ChangeListener<Object> stateWatch = (o, a, b) -> stateChanged();
    private final javafx.collections.ListChangeListener<DomainRowViewModel> listing = c -> relisted();
    private volatile boolean running;
    private volatile boolean guestRuns;
    private volatile RfbClient client;
    private volatile GraphicsLink link;
    private volatile char[] password;
    private Thread thread;

    /** A pointer shape from the guest. */
    public record CursorShape(int[] argb, int width, int height, int hotX, int hotY) { }

    /**
     * @param askPassword asked (on the FX thread) for the VNC password; completes with null when cancelled
     * @param elsewhere   finds the domain (by UUID) running on another host, for following a migration; null when none
     */
    public GraphicalConsoleViewModel(DomainRowViewModel row, Function<String, CompletableFuture<char[]>> askPassword,
                                     Function<String, DomainRowViewModel> elsewhere) {
        this.row = row;
        this.service = row.host().consoles();
        this.askPassword = askPassword;
        this.elsewhere = elsewhere;
        this.shownRow.set(row);
    }

    /** The domain shown: after a migration, its row on the host it moved to. */
    public DomainRowViewModel row() {
        return row;
    }

    public javafx.beans.property.ReadOnlyObjectProperty<DomainRowViewModel> rowProperty() {
        return shownRow;
    }

    /** FX thread: when the domain stopped here but runs on another host, the console moves there. */
    private void follow() {
        if (!running || guestRuns) {
            return;
        }
        DomainRowViewModel other = elsewhere.apply(row.uuid());
        if (other == null || other == row || !other.getState().isActive()) {
            return;
        }
        LOG.info("console of {} follows it to {}", row.getName(), other.host().uri());
        switchTo(other);
    }

    /**
     * FX thread: the host listed its domains again after it dropped (its rows are new objects):
     * the console takes the domain's new row, so that it follows its state from now on.
     */
    private void relisted() {
        if (!running || row.host().domains().contains(row)) {
            return;
        }
        String uuid = row.uuid();
        row.host().domains().stream().filter(r -> r.uuid().equals(uuid)).findFirst().ifPresent(this::switchTo);
    }

    private void switchTo(DomainRowViewModel other) {
        row.statusProperty().removeListener(stateWatch);
        row.host().domains().removeListener(listing);
        row = other;
        service = other.host().consoles();
        other.statusProperty().addListener(stateWatch);
        other.host().domains().addListener(listing);
        shownRow.set(other);
        guestRuns = other.getState().isActive();
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** Starts connecting (FX thread). */
    public void start() {
        if (running && thread != null && thread.isAlive()) {
            return;
        }
        // a console that gave up (password refused, no display) starts over
        row.statusProperty().removeListener(stateWatch);
        running = true;
        guestRuns = row.getState().isActive();
        row.statusProperty().addListener(stateWatch);
        row.host().domains().removeListener(listing);
        row.host().domains().addListener(listing);
        thread = Thread.ofPlatform().daemon().name("console " + row.getName()).start(this::loop);
    }

    /** Ends the console (FX thread); the thread ends by itself. */
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        row.statusProperty().removeListener(stateWatch);
        row.host().domains().removeListener(listing);
        RfbClient c = client;
        if (c != null) {
            c.close();
        }
        GraphicsLink l = link;
        if (l != null) {
            l.close();
        }
        synchronized (wake) {
            wake.notifyAll();
        }
        char[] p = password;
        if (p != null) {
            java.util.Arrays.fill(p, '\0');
            password = null;
        }
        phase.set(Phase.CLOSED);
    }

    private void stateChanged() {
        boolean active = row.getState().isActive();
        guestRuns = active;
        if (active) {
            synchronized (wake) {
                wake.notifyAll();
            }
        } else if (phase.get() != Phase.SPICE_ONLY && phase.get() != Phase.NO_GRAPHICS) {
            set(Phase.OFF, row.getName() + " is " + row.getState().label() + ".");
        }
    }

    private void loop() {
        long backoff = 250;
        while (running) {
            if (!guestRuns) {
                set(Phase.OFF, row.getName() + " is not running.");
                // a migrated domain is off here and running on another host: look there every second
                Platform.runLater(this::follow);
                waitForWake(1000);
                continue;
            }
            set(Phase.CONNECTING, "Connecting to " + row.getName() + "…");
            long started = System.nanoTime();
            try {
                GraphicsFacts facts = service.facts(row.uuid());
                if (facts.spiceOnly()) {
                    set(Phase.SPICE_ONLY, row.getName() + " has only a SPICE display, which Vireo does not show. Its serial console works.");
                    return;
                }
                if (!facts.vnc()) {
                    set(Phase.NO_GRAPHICS, row.getName() + " has no graphical display." + (facts.serial() ? " Use its serial console." : ""));
                    return;
                }
                GraphicsLink l = service.openGraphics(row.uuid());
                link = l;
                RfbClient c = new RfbClient(l.in(), l.out(), this::password, new Events(), encodings());
                client = c;
                connections.incrementAndGet();
                Platform.runLater(() -> via.set(l.via()));
                try {
                    c.run();
                } finally {
                    c.close();
                    l.close();
                }
                if (running) {
                    LOG.info("console of {} ended; reconnecting", row.getName());
                }
                backoff = 250;
            } catch (RfbException.Cancelled e) {
                set(Phase.FAILED, "No password given: the console stays closed.");
                return;
            } catch (RfbException.AuthFailed e) {
                clearPassword();
                set(Phase.FAILED, "The VNC password was refused (" + e.getMessage() + "). Reopen the console to try again.");
                return;
            } catch (EOFException e) {
                LOG.info("console of {}: the server closed the link", row.getName());
            } catch (IOException | RfbException e) {
                if (running) {
                    LOG.info("console of {} failed: {}", row.getName(), e.getMessage());
                    set(Phase.CONNECTING, "Console link lost (" + e.getMessage() + "); reconnecting…");
                }
            } catch (org.vireo.console.ConsoleException e) {
                if (running) {
                    LOG.info("cannot open the console of {}: {}", row.getName(), e.getMessage());
                    set(guestRuns ? Phase.CONNECTING : Phase.OFF, "Cannot open the console: " + e.getMessage());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("console of {} failed", row.getName(), e);
                set(Phase.FAILED, "The console failed: " + e);
                return;
            } finally {
                client = null;
                link = null;
            }
            if (running) {
                // a link that lived long reconnects at once; repeated quick failures back off
                if ((System.nanoTime() - started) / 1_000_000 > 5_000) {
                    backoff = 250;
                }
                waitForWake(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    private static int[] encodings() {
        String spec = System.getProperty("vireo.vnc.encodings", "");
        if (spec.isBlank()) {
            return new int[] {RfbClient.ZRLE, RfbClient.HEXTILE, RfbClient.ZLIB, RfbClient.RAW};
        }
        return java.util.Arrays.stream(spec.split(",")).map(String::strip).mapToInt(s -> switch (s.toLowerCase()) {
            case "zrle" -> RfbClient.ZRLE;
            case "hextile" -> RfbClient.HEXTILE;
            case "zlib" -> RfbClient.ZLIB;
            default -> RfbClient.RAW;
        }).toArray();
    }

    private void waitForWake(long millis) {
        synchronized (wake) {
            try {
                if (running) {
                    wake.wait(millis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private char[] password() throws InterruptedException {
        char[] p = password;
        if (p != null) {
            return p.clone();
        }
        CompletableFuture<char[]> answer = new CompletableFuture<>();
        Platform.runLater(() -> askPassword.apply(row.getName()).whenComplete((pw, err) -> answer.complete(pw)));
        try {
            char[] given = answer.get();
            if (given != null) {
                password = given.clone();
            }
            return given;
        } catch (java.util.concurrent.ExecutionException e) {
            return null;
        }
    }

    private void clearPassword() {
        char[] p = password;
        password = null;
        if (p != null) {
            java.util.Arrays.fill(p, '\0');
        }
    }

    private void set(Phase p, String text) {
        Platform.runLater(() -> {
            if (running || p == Phase.CLOSED) {
                phase.set(p);
                message.set(text);
            }
        });
    }

    /**
     * Has {@code draw} take each decoded update on the console's thread instead of the FX
     * thread's onFrame (null goes back to onFrame).
     */
    public void setDirectDraw(java.util.function.Consumer<Framebuffer> draw) {
        directDraw = draw;
    }

    /** Decoder events, on the console's thread. */
    private final class Events implements RfbClient.Listener {
        // a resize QEMU passed on to the display device (status 4): the new size comes later, if at all
        private volatile boolean forwarded;

        @Override
        public void connected(String name, int width, int height) {
            set(Phase.CONNECTED, "");
        }

        @Override
        public void updated() {
            // Fit's scaled copy is brought up to date here, on the console's thread
            Framebuffer f = framebuffer();
            if (f != null) {
                f.settle();
            }
            java.util.function.Consumer<Framebuffer> d = directDraw;
            if (d != null && f != null) {
                d.accept(f);
                return;
            }
            if (framePending.compareAndSet(false, true)) {
                Platform.runLater(() -> {
                    framePending.set(false);
                    onFrame.get().run();
                });
            }
        }

        @Override
        public void cursor(int[] argb, int width, int height, int hotX, int hotY) {
            CursorShape shape = new CursorShape(argb, width, height, hotX, hotY);
            Platform.runLater(() -> cursor.set(shape));
        }

        @Override
        public void pointerType(boolean absolute) {
            Platform.runLater(() -> absolutePointer.set(absolute));
        }

        @Override
        public void leds(int state) {
            Platform.runLater(() -> leds.set(state));
        }

        @Override
        public void resized(int width, int height) {
            RfbClient c = client;
            boolean can = c != null && c.canResizeGuest();
            boolean followed = forwarded;
            forwarded = false;
            Platform.runLater(() -> {
                canResize.set(can);
                if (followed) {
                    notice.set("The guest's display is now " + width + " × " + height + ".");
                }
            });
        }

        @Override
        public void resizeAnswered(int status) {
            String text = switch (status) {
                case 0 -> "The guest's display took the new size.";
                case 1 -> "The guest's display cannot change its size.";
                case 2 -> "The guest's display has no resources for that size.";
                // QEMU's answer when the display device has no resize support (std VGA)
                case 3 -> "The guest's display cannot change its size (invalid screen layout).";
                // QEMU passes the request to the display device: it changes when the guest's driver follows
                case 4 -> "Asked the guest's display for the pane's size; it changes when the guest's video driver follows.";
                default -> "The guest answered the new size with RFB status " + status + ".";
            };
            forwarded = status == 4;
            Platform.runLater(() -> notice.set(text));
        }
    }

    // ---------------------------------------------------------------- for the view

    /** The framebuffer of the current link, or null while none is open. */
    public Framebuffer framebuffer() {
        RfbClient c = client;
        return c == null ? null : c.framebuffer();
    }

    /** Called on the FX thread once per decoded update (coalesced). */
    public void setOnFrame(Runnable r) {
        onFrame.set(r == null ? () -> { } : r);
    }

    public void key(boolean down, int keysym, int scancode) {
        RfbClient c = client;
        if (c != null) {
            c.key(down, keysym, scancode);
        }
    }

    /** Presses the keys in order and releases them in reverse (Send Key). */
    public void sendKeys(int... scancodes) {
        for (int s : scancodes) {
            key(true, 0, s);
        }
        for (int i = scancodes.length - 1; i >= 0; i--) {
            key(false, 0, scancodes[i]);
        }
    }

    public void pointer(int buttons, int x, int y) {
        lastPointer = new int[] {buttons, x, y};
        pointersSent.incrementAndGet();
        RfbClient c = client;
        if (c != null) {
            c.pointer(buttons, x, y);
        }
    }

    public void requestSize(int w, int h) {
        RfbClient c = client;
        if (c != null && c.canResizeGuest()) {
            c.requestDesktopSize(w, h);
        }
    }

    /** Starts the domain (the Start button of a guest that is off). */
    public void startGuest(org.vireo.ui.MainViewModel main) {
        main.perform(org.vireo.model.DomainAction.START, java.util.List.of(row));
    }

    /** Whether keys go out as QEMU extended key events (scancodes). */
    public boolean hasExtendedKeys() {
        RfbClient c = client;
        return c != null && c.hasExtendedKeys();
    }

    public long updatesDecoded() {
        RfbClient c = client;
        return c == null ? 0 : c.updates();
    }

    public long bytesIn() {
        RfbClient c = client;
        return c == null ? 0 : c.bytesIn();
    }

    /** Links opened so far (a reconnect adds one). */
    public long connections() {
        return connections.get();
    }

    public ObjectProperty<Phase> phaseProperty() {
        return phase;
    }

    public StringProperty messageProperty() {
        return message;
    }

    /** What the guest answered to the last resize request. */
    public StringProperty noticeProperty() {
        return notice;
    }

    public StringProperty viaProperty() {
        return via;
    }

    private volatile int[] lastPointer;
    private final java.util.concurrent.atomic.AtomicLong pointersSent = new java.util.concurrent.atomic.AtomicLong();

    /** The last pointer event sent {buttons, x, y} (relative ones are offsets from 0x7FFF), or null (tests). */
    public int[] lastPointer() {
        return lastPointer;
    }

    /** Pointer events sent so far (tests). */
    public long pointersSent() {
        return pointersSent.get();
    }

    public BooleanProperty absolutePointerProperty() {
        return absolutePointer;
    }

    public BooleanProperty canResizeProperty() {
        return canResize;
    }

    public IntegerProperty ledsProperty() {
        return leds;
    }

    public ObjectProperty<CursorShape> cursorProperty() {
        return cursor;
    }
}
