package org.vireo.ui.console;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Rectangle2D;
import javafx.scene.Cursor;
import javafx.scene.ImageCursor;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;
import org.vireo.console.Framebuffer;
import org.vireo.console.HostKeyboard;
import org.vireo.console.x11.DirectScreen;

/**
 * The guest's screen: a WritableImage over a PixelBuffer that takes only the rectangle
 * that changed since the last frame. Keys go to the guest while the view has focus (the
 * keyboard is grabbed; Ctrl+Alt releases it); the pointer is absolute when the guest has
 * a tablet; otherwise a click grabs it (hidden, held at the centre, moves sent as deltas)
 * until Ctrl+Alt releases it.
 */
final class VncView extends Region {
    enum Scale { FIT, ONE_TO_ONE, RESIZE_GUEST }

    private final GraphicalConsoleViewModel model;
    private final ImageView view = new ImageView();
    private final ObjectProperty<Scale> scale = new SimpleObjectProperty<>(this, "scale", Scale.FIT);
    private final BooleanProperty grabbed = new SimpleBooleanProperty(this, "grabbed");
    /** A guest without a tablet: the pointer is hidden and held at the screen's centre, moves go out as deltas. */
    private final BooleanProperty pointerGrabbed = new SimpleBooleanProperty(this, "pointerGrabbed");
    private javafx.scene.robot.Robot robot;
    private double centreX;
    private double centreY;
    /** Keys the guest holds down, with the scancode each went out with (a release has no text to look up again). */
    private final java.util.Map<KeyCode, int[]> down = new java.util.EnumMap<>(KeyCode.class);
    private java.util.Optional<HostKeyboard> keyboard;
    private final PauseTransition resizeLater = new PauseTransition(Duration.millis(300));
    private PixelBuffer<IntBuffer> buffer;
    private IntBuffer ints;
    private IntBuffer writes;
    private long generation = -1;
    private int fbWidth = 1;
    private int fbHeight = 1;
    // the image's size: the guest's screen, or in Fit the pane-sized copy the console thread scales
    private int imgW = 1;
    private int imgH = 1;
    // the size Fit asks the framebuffer to scale to (0: none)
    private int wantW;
    private int wantH;
    private long framesDrawn;
    private volatile long lastDrawNanos;
    private long drawNanos;
    private int buttons;
    /** The screen drawn straight to X (null where it cannot be); see {@link DirectScreen}. */
    private final DirectScreen direct = DirectScreen.create();
    /** True while frames go to the direct screen and the ImageView shows nothing (FX thread). */
    private boolean directOn;
    private final Runnable placer = this::placeDirect;
    private javafx.stage.Window xidWindow;
    private long xid;
    // where the guest's screen is drawn, in this view's coordinates
    private double shownX;
    private double shownY;
    private double shownW;
    private double shownH;
    private boolean wasShown;
    private volatile long directGeneration = -1;

    VncView(GraphicalConsoleViewModel model) {
        this.model = model;
        setId("vncView");
        getStyleClass().add("vnc-view");
        setFocusTraversable(true);
        setStyle("-fx-background-color: black;");
        view.setPreserveRatio(true);
        view.setSmooth(true);
        getChildren().add(view);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        model.setOnFrame(this::draw);
        scale.addListener((o, a, b) -> {
            requestLayout();
            if (b == Scale.RESIZE_GUEST) {
                askGuestSize();
            }
        });
        resizeLater.setOnFinished(e -> askGuestSize());
        widthProperty().addListener(o -> onPaneResized());
        heightProperty().addListener(o -> onPaneResized());
        focusedProperty().addListener((o, was, is) -> {
            grabbed.set(is);
            if (!is) {
                releaseAll();
                releasePointer();
            }
        });
        model.absolutePointerProperty().addListener((o, was, absolute) -> {
            releasePointer();
            cursorShape(model.cursorProperty().get());
        });
        addEventFilter(KeyEvent.KEY_PRESSED, this::keyPressed);
        addEventFilter(KeyEvent.KEY_RELEASED, this::keyReleased);
        addEventFilter(KeyEvent.KEY_TYPED, KeyEvent::consume);
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            requestFocus();
            mouse(e);
        });
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::mouse);
        addEventHandler(MouseEvent.MOUSE_MOVED, this::mouse);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::mouse);
        addEventHandler(ScrollEvent.SCROLL, this::scroll);
        model.cursorProperty().addListener((o, a, c) -> cursorShape(c));
        if (direct != null) {
            // placed after each layout pass: tab switches, moves, resizes and notifications all come with one
            sceneProperty().addListener((o, was, now) -> {
                if (was != null) {
                    was.removePostLayoutPulseListener(placer);
                }
                if (now != null) {
                    now.addPostLayoutPulseListener(placer);
                } else {
                    direct.hide();
                }
            });
        }
    }

    ObjectProperty<Scale> scaleProperty() {
        return scale;
    }

    /** True while the pointer is held for a guest without a tablet. */
    BooleanProperty pointerGrabbedProperty() {
        return pointerGrabbed;
    }

    /** Where the pointer is held while grabbed (screen coordinates; tests). */
    javafx.geometry.Point2D pointerCentre() {
        return new javafx.geometry.Point2D(centreX, centreY);
    }

    /** True while keys go to the guest. */
    BooleanProperty grabbedProperty() {
        return grabbed;
    }

    long framesDrawn() {
        return framesDrawn + (direct == null ? 0 : direct.framesDrawn());
    }

    /** When the last changed pixels went into the image (any thread; the benchmark's latency). */
    long lastDrawNanos() {
        return Math.max(lastDrawNanos, direct == null ? 0 : direct.lastDrawNanos());
    }

    /**
     * What the screen shows (tests read it): the image JavaFX draws, or, drawn straight to X,
     * the pixels read back from the display. FX thread.
     */
    WritableImage image() {
        if (!directOn) {
            return (WritableImage) view.getImage();
        }
        if (!direct.shown() || shownW < 1 || shownH < 1) {
            return null;
        }
        javafx.geometry.Point2D p = localToScreen(shownX, shownY);
        if (p == null) {
            return null;
        }
        if (robot == null) {
            robot = new javafx.scene.robot.Robot();
        }
        return robot.getScreenCapture(null, p.getX(), p.getY(), shownW, shownH, false);
    }

    /** Where the guest's screen is drawn, in this view's coordinates. */
    javafx.geometry.Bounds shownBounds() {
        return new javafx.geometry.BoundingBox(shownX, shownY, shownW, shownH);
    }

    /** True while the X server scales the screen drawn straight to it (tests). */
    boolean serverScales() {
        return directOn && direct.scales();
    }

    /** True while the screen is drawn straight to X (tests, the benchmark). */
    boolean drawsDirect() {
        return directOn;
    }

    /**
     * Puts the direct screen where the image goes (after each layout pass, FX thread): shown
     * while this view is, the console connected and the window's pixels 1:1 with the screen's;
     * otherwise JavaFX draws the image.
     */
    private void placeDirect() {
        javafx.scene.Scene scene = getScene();
        javafx.stage.Window w = scene == null ? null : scene.getWindow();
        if (w == null) {
            return;
        }
        if (w != xidWindow) {
            xidWindow = w;
            xid = 0;
        }
        if (xid == 0 && w.isShowing()) {
            xid = StageWindows.xid(w);
        }
        boolean usable = xid != 0 && w.getRenderScaleX() == 1 && w.getRenderScaleY() == 1;
        boolean show = usable && w.isShowing() && visibleInTree()
            && model.phaseProperty().get() == GraphicalConsoleViewModel.Phase.CONNECTED;
        javafx.geometry.Point2D at = localToScene(shownX, shownY);
        int x = (int) Math.round(at.getX() + scene.getX());
        int y = (int) Math.round(at.getY() + scene.getY());
        int sw = (int) Math.round(shownW);
        int sh = (int) Math.round(shownH);
        java.util.List<int[]> holes = new java.util.ArrayList<>();
        if (show) {
            for (javafx.scene.Node n : scene.getRoot().lookupAll(".vireo-notice")) {
                if (n.isVisible() && n.getScene() == scene) {
                    javafx.geometry.Bounds b = n.localToScene(n.getLayoutBounds());
                    int hx = (int) Math.floor(b.getMinX() + scene.getX()) - x;
                    int hy = (int) Math.floor(b.getMinY() + scene.getY()) - y;
                    int hw = (int) Math.ceil(b.getWidth()) + 1;
                    int hh = (int) Math.ceil(b.getHeight()) + 1;
                    if (hx < sw && hy < sh && hx + hw > 0 && hy + hh > 0) {
                        holes.add(new int[] {hx, hy, hw, hh});
                    }
                }
            }
        }
        boolean on = usable && direct.place(xid, x, y, sw, sh, show, holes);
        if (on != directOn) {
            directOn = on;
            view.setVisible(!on);
            // who scales for Fit changes with it
            requestLayout();
            Framebuffer fb = model.framebuffer();
            if (on) {
                model.setDirectDraw(this::drawDirect);
                view.setImage(null);
                buffer = null;
            } else {
                model.setDirectDraw(null);
                generation = -1;
                if (fb != null) {
                    fb.redrawAll();
                }
            }
            kick();
        } else if (on && show && !wasShown) {
            kick();
        }
        wasShown = show;
    }


    /** The console's thread, each decoded update: straight to X; a new size goes to the FX thread's layout too. */
    private void drawDirect(Framebuffer fb) {
        long g = fb.generation();
        if (g != directGeneration) {
            directGeneration = g;
            Platform.runLater(this::draw);
        }
        direct.draw(fb);
        if (direct.broken()) {
            // no shared image to draw into (a remote X server, say): JavaFX takes over
            Platform.runLater(this::placeDirect);
        }
    }

    /** Draws the current screen now, not at the guest's next update (a new size, just shown, a switch). */
    private void kick() {
        Platform.runLater(this::draw);
    }

    private boolean visibleInTree() {
        for (javafx.scene.Node n = this; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** Lets go of the direct screen's window and image (the console closed). */
    void closeDirect() {
        if (direct != null) {
            directOn = false;
            model.setDirectDraw(null);
            direct.close();
        }
    }

    ImageView imageView() {
        return view;
    }

    /** Copies what changed into the image (FX thread, once per decoded update). */
    void draw() {
        long t0 = System.nanoTime();
        try {
            drawChanges();
        } finally {
            drawNanos += System.nanoTime() - t0;
        }
    }

    /** FX-thread time spent copying frames so far (the benchmark). */
    long drawNanos() {
        return drawNanos;
    }

    private void drawChanges() {
        Framebuffer fb = model.framebuffer();
        if (fb == null) {
            return;
        }
        fb.scaleTo(wantW, wantH);
        if (directOn) {
            int w0 = fbWidth;
            int h0 = fbHeight;
            synchronized (fb.lock()) {
                fbWidth = fb.width();
                fbHeight = fb.height();
            }
            if (fbWidth != w0 || fbHeight != h0) {
                requestLayout();
            }
            // the console's thread draws; a new Fit size shows now, not at the guest's next update
            Thread.ofVirtual().start(() -> direct.draw(fb));
            return;
        }
        long gen;
        int w;
        int h;
        synchronized (fb.lock()) {
            gen = fb.generation();
            w = fb.outWidth();
            h = fb.outHeight();
            fbWidth = fb.width();
            fbHeight = fb.height();
        }
        if (gen != generation || buffer == null) {
            ints = ByteBuffer.allocateDirect(w * h * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
            buffer = new PixelBuffer<>(w, h, ints, PixelFormat.getIntArgbPreInstance());
            // our writes go through a view of their own: the renderer moves the shared buffer's
            // position and limit while it uploads a texture, which made absolute puts fail
            writes = ints.duplicate();
            view.setImage(new WritableImage(buffer));
            generation = gen;
            imgW = w;
            imgH = h;
            requestLayout();
        }
        long g = generation;
        buffer.updateBuffer(b -> {
            int[] r = fb.copyDirty(writes, g);
            if (r == null) {
                return Rectangle2D.EMPTY;
            }
            framesDrawn++;
            lastDrawNanos = System.nanoTime();
            return new Rectangle2D(r[0], r[1], r[2], r[3]);
        });
    }

    private double factor() {
        if (scale.get() != Scale.FIT) {
            return 1;
        }
        double w = getWidth();
        double h = getHeight();
        if (w <= 0 || h <= 0) {
            return 1;
        }
        return Math.min(w / fbWidth, h / fbHeight);
    }

    @Override
    protected void layoutChildren() {
        double s = factor();
        double dw = fbWidth * s;
        double dh = fbHeight * s;
        // Fit: the framebuffer scales to whole pixels and the image is drawn 1:1 (JavaFX's
        // software renderer scaling the whole image each frame cost as much as the rest)
        // drawn straight to X with XRender, the X server scales: the framebuffer stays at the guest's size
        boolean serverScales = directOn && direct.scales();
        int tw = s == 1 || serverScales ? 0 : (int) Math.round(dw);
        int th = s == 1 || serverScales ? 0 : (int) Math.round(dh);
        if (tw != wantW || th != wantH) {
            wantW = tw;
            wantH = th;
            Platform.runLater(this::draw);
        }
        if (tw > 0 && imgW == tw && imgH == th) {
            dw = tw;
            dh = th;
        }
        view.setFitWidth(dw);
        view.setFitHeight(dh);
        shownX = Math.max(0, Math.floor((getWidth() - dw) / 2));
        shownY = Math.max(0, Math.floor((getHeight() - dh) / 2));
        shownW = dw;
        shownH = dh;
        view.resizeRelocate(shownX, shownY, dw, dh);
    }

    private void onPaneResized() {
        if (scale.get() == Scale.RESIZE_GUEST) {
            resizeLater.playFromStart();
        }
    }

    private void askGuestSize() {
        int w = (int) getWidth();
        int h = (int) getHeight();
        if (w > 64 && h > 64) {
            model.requestSize(w & ~7, h & ~7);
        }
    }

    // ---------------------------------------------------------------- keyboard

    private void keyPressed(KeyEvent e) {
        e.consume();
        KeyCode code = e.getCode();
        // the release combination: both modifiers down, the guest gets their release
        if ((code == KeyCode.ALT && e.isControlDown()) || (code == KeyCode.CONTROL && e.isAltDown())) {
            releaseAll();
            releasePointer();
            getParent().requestFocus();
            return;
        }
        int[] k = KeyCodes.of(code);
        int textSym = keysym(e, 0);
        int keysym = textSym != 0 ? textSym : k == null ? 0 : k[0];
        int scancode = k == null ? 0 : k[1];
        // a character key: the physical key that types it in the host's layout, where X can tell
        // (also keys JavaFX has no code for, such as a German keyboard's umlauts)
        if (textSym != 0 && !code.isKeypadKey()) {
            int physical = hostKeyboard().map(kb -> kb.scancode(textSym)).orElse(0);
            if (physical != 0) {
                scancode = physical;
            }
        }
        if (keysym == 0 && scancode == 0) {
            return;
        }
        int[] sent = {keysym, scancode};
        down.put(code, sent);
        model.key(true, sent[0], sent[1]);
    }

    private java.util.Optional<HostKeyboard> hostKeyboard() {
        if (keyboard == null) {
            keyboard = HostKeyboard.open();
        }
        return keyboard;
    }

    /** Lets go of the X display connection (the console closed). */
    void closeKeyboard() {
        if (keyboard != null) {
            keyboard.ifPresent(HostKeyboard::close);
            keyboard = null;
        }
    }

    private void keyReleased(KeyEvent e) {
        e.consume();
        int[] sent = down.remove(e.getCode());
        if (sent != null) {
            model.key(false, sent[0], sent[1]);
        }
    }

    /** The keysym for servers without extended keys: the typed character where there is one. */
    private static int keysym(KeyEvent e, int fallback) {
        String t = e.getText();
        if (t != null && t.codePointCount(0, t.length()) == 1) {
            int sym = HostKeyboard.keysymOf(t.codePointAt(0));
            if (sym != 0) {
                return sym;
            }
        }
        return fallback;
    }

    /** Lets go of every key the guest thinks is down (focus lost, grab released). */
    private void releaseAll() {
        for (int[] sent : down.values()) {
            model.key(false, sent[0], sent[1]);
        }
        down.clear();
    }

    // ---------------------------------------------------------------- pointer

    private void mouse(MouseEvent e) {
        e.consume();
        boolean absolute = model.absolutePointerProperty().get();
        if (!absolute && !pointerGrabbed.get()) {
            // relative pointer: nothing goes to the guest until a click grabs the pointer (that click neither)
            if (e.getEventType() == MouseEvent.MOUSE_PRESSED) {
                grabPointer();
            }
            return;
        }
        int bit = switch (e.getButton()) {
            case PRIMARY -> 1;
            case MIDDLE -> 2;
            case SECONDARY -> 4;
            default -> 0;
        };
        boolean button = false;
        if (e.getEventType() == MouseEvent.MOUSE_PRESSED) {
            buttons |= bit;
            button = true;
        } else if (e.getEventType() == MouseEvent.MOUSE_RELEASED && (buttons & bit) != 0) {
            buttons &= ~bit;
            button = true;
        }
        if (absolute) {
            sendPointer(e.getX(), e.getY(), buttons);
            return;
        }
        // grabbed: the move since the last warp, then back to the centre
        int dx = (int) Math.round(e.getScreenX() - centreX);
        int dy = (int) Math.round(e.getScreenY() - centreY);
        if (dx != 0 || dy != 0 || button) {
            model.pointer(buttons, 0x7FFF + dx, 0x7FFF + dy);
        }
        if (dx != 0 || dy != 0) {
            warp();
        }
    }

    private void grabPointer() {
        requestFocus();
        javafx.geometry.Point2D c = localToScreen(getWidth() / 2, getHeight() / 2);
        if (c == null) {
            return;
        }
        centreX = Math.round(c.getX());
        centreY = Math.round(c.getY());
        buttons = 0;
        pointerGrabbed.set(true);
        setCursor(Cursor.NONE);
        warp();
    }

    private void warp() {
        if (robot == null) {
            robot = new javafx.scene.robot.Robot();
        }
        robot.mouseMove(centreX, centreY);
    }

    /** Gives the pointer back (the release keys, focus lost, the guest got a tablet). */
    private void releasePointer() {
        if (pointerGrabbed.get()) {
            pointerGrabbed.set(false);
            if (buttons != 0) {
                buttons = 0;
                model.pointer(0, 0x7FFF, 0x7FFF);
            }
            cursorShape(model.cursorProperty().get());
        }
    }

    private void scroll(ScrollEvent e) {
        int wheel = e.getDeltaY() > 0 ? 8 : e.getDeltaY() < 0 ? 16 : 0;
        if (wheel != 0) {
            sendPointer(e.getX(), e.getY(), buttons | wheel);
            sendPointer(e.getX(), e.getY(), buttons);
        }
        e.consume();
    }

    private void sendPointer(double px, double py, int mask) {
        if (model.absolutePointerProperty().get()) {
            double s = factor();
            int x = (int) Math.round((px - view.getLayoutX()) / s);
            int y = (int) Math.round((py - view.getLayoutY()) / s);
            model.pointer(mask, Math.clamp(x, 0, fbWidth - 1), Math.clamp(y, 0, fbHeight - 1));
        } else if (pointerGrabbed.get()) {
            // the wheel while grabbed: no move
            model.pointer(mask, 0x7FFF, 0x7FFF);
        }
    }

    private void cursorShape(GraphicalConsoleViewModel.CursorShape c) {
        if (pointerGrabbed.get()) {
            return;
        }
        if (!model.absolutePointerProperty().get()) {
            // a relative pointer not grabbed is the host's own; the guest draws its pointer itself
            setCursor(Cursor.DEFAULT);
            return;
        }
        if (c == null || c.width() == 0 || c.height() == 0) {
            setCursor(Cursor.NONE);
            return;
        }
        WritableImage img = new WritableImage(c.width(), c.height());
        img.getPixelWriter().setPixels(0, 0, c.width(), c.height(), PixelFormat.getIntArgbPreInstance(), c.argb(), 0, c.width());
        setCursor(new ImageCursor(img, c.hotX(), c.hotY()));
    }
}
