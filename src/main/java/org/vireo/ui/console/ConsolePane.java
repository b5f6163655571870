package org.vireo.ui.console;

import atlantafx.base.theme.Styles;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.MainViewModel;
import org.vireo.ui.dialog.ConfirmDialog;

/**
 * One domain's consoles: the graphical one and the serial one, switched with one click,
 * with Send Key, scaling, screenshot, fullscreen and detach. Used by the Console tab and
 * by detached windows; it connects while it is {@link #setLive live}.
 */
public final class ConsolePane extends BorderPane {
    public enum Mode { GRAPHICAL, SERIAL }

    private final MainViewModel main;
    private final DomainRowViewModel row;
    private final GraphicalConsoleViewModel graphics;
    private final SerialConsoleViewModel serial;
    private final VncView vnc;
    private final SerialView terminal;
    private final StackPane center = new StackPane();
    private final VBox overlay = new VBox(10);
    private final Label overlayText = new Label();
    private final Button startButton = new Button("Start");
    private final Button retryButton = new Button("Try again");
    private final Label status = new Label();
    private final Label grabHint = new Label();
    private final ToggleButton graphicalButton = new ToggleButton("Graphical");
    private final ToggleButton serialButton = new ToggleButton("Serial");
    private final ToggleButton fitButton = new ToggleButton("Fit");
    private final ToggleButton oneButton = new ToggleButton("1:1");
    private final ToggleButton resizeButton = new ToggleButton("Resize guest");
    private final MenuButton sendKey = new MenuButton("Send key");
    private final Button screenshot = new Button("Screenshot");
    private final Button fullscreen = new Button("Fullscreen");
    private final Button detach = new Button("Detach");
    private Mode mode = Mode.GRAPHICAL;
    private boolean live;
    private Runnable onDetach = () -> { };

    public ConsolePane(MainViewModel main, DomainRowViewModel row) {
        this.main = main;
        this.row = row;
        setId("consolePane");
        graphics = new GraphicalConsoleViewModel(row, this::askPassword, uuid -> main.hosts().stream()
            .flatMap(h -> h.domains().stream())
            .filter(r -> r.uuid().equals(uuid) && r.getState().isActive())
            .findFirst().orElse(null));
        serial = new SerialConsoleViewModel(row, this::askTakeOver);
        vnc = new VncView(graphics);
        terminal = new SerialView(serial);

        graphicalButton.setId("consoleGraphicalButton");
        serialButton.setId("consoleSerialButton");
        ToggleGroup modes = new ToggleGroup();
        graphicalButton.setToggleGroup(modes);
        serialButton.setToggleGroup(modes);
        graphicalButton.setSelected(true);
        graphicalButton.setOnAction(e -> setMode(Mode.GRAPHICAL));
        serialButton.setOnAction(e -> setMode(Mode.SERIAL));
        HBox modeBox = new HBox(graphicalButton, serialButton);
        graphicalButton.getStyleClass().add(Styles.LEFT_PILL);
        serialButton.getStyleClass().add(Styles.RIGHT_PILL);

        fitButton.setId("consoleFitButton");
        oneButton.setId("consoleOneToOneButton");
        resizeButton.setId("consoleResizeGuestButton");
        ToggleGroup scales = new ToggleGroup();
        for (ToggleButton b : new ToggleButton[] {fitButton, oneButton, resizeButton}) {
            b.setToggleGroup(scales);
        }
        fitButton.getStyleClass().add(Styles.LEFT_PILL);
        oneButton.getStyleClass().add(Styles.CENTER_PILL);
        resizeButton.getStyleClass().add(Styles.RIGHT_PILL);
        fitButton.setSelected(true);
        fitButton.setOnAction(e -> vnc.scaleProperty().set(VncView.Scale.FIT));
        oneButton.setOnAction(e -> vnc.scaleProperty().set(VncView.Scale.ONE_TO_ONE));
        resizeButton.setOnAction(e -> vnc.scaleProperty().set(VncView.Scale.RESIZE_GUEST));
        resizeButton.disableProperty().bind(graphics.canResizeProperty().not());
        scales.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
            }
        });
        HBox scaleBox = new HBox(fitButton, oneButton, resizeButton);

        sendKey.setId("sendKeyMenu");
        sendKey.getItems().add(keyItem("Ctrl+Alt+Del", KeyCodes.CTRL, KeyCodes.ALT, KeyCodes.DEL));
        sendKey.getItems().add(keyItem("Ctrl+Alt+Backspace", KeyCodes.CTRL, KeyCodes.ALT, KeyCodes.BACKSPACE));
        for (int n = 1; n <= 12; n++) {
            sendKey.getItems().add(keyItem("Ctrl+Alt+F" + n, KeyCodes.CTRL, KeyCodes.ALT, KeyCodes.f(n)));
        }
        sendKey.getItems().add(keyItem("Alt+SysRq", KeyCodes.ALT, KeyCodes.SYSRQ));
        sendKey.getItems().add(keyItem("Print Screen", KeyCodes.PRINT));
        screenshot.setId("consoleScreenshotButton");
        screenshot.setOnAction(e -> chooseScreenshotFile());
        fullscreen.setId("consoleFullscreenButton");
        detach.setId("consoleDetachButton");
        detach.setOnAction(e -> onDetach.run());
        for (var n : new javafx.scene.Node[] {sendKey, screenshot, fullscreen, detach}) {
            n.getStyleClass().add(Styles.SMALL);
        }

        status.setId("consoleStatus");
        status.getStyleClass().add(Styles.TEXT_MUTED);
        grabHint.setId("consoleGrabHint");
        grabHint.getStyleClass().add(Styles.TEXT_SMALL);
        grabHint.textProperty().bind(Bindings.when(vnc.pointerGrabbedProperty())
            .then("Pointer grabbed: Ctrl+Alt releases it")
            .otherwise(Bindings.when(vnc.grabbedProperty())
                .then("Keyboard grabbed: Ctrl+Alt releases it").otherwise("Click the screen to type into it")));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, modeBox, scaleBox, sendKey, screenshot, fullscreen, detach, grow, grabHint);
        bar.setAlignment(Pos.CENTER_LEFT);
        // when the bar is short, the hint gives way (ellipsis), not the buttons
        for (javafx.scene.Node n : List.of(modeBox, scaleBox, sendKey, screenshot, fullscreen, detach)) {
            ((Region) n).setMinWidth(Region.USE_PREF_SIZE);
        }
        grabHint.setMinWidth(0);
        bar.setPadding(new Insets(6, 8, 6, 8));
        setTop(bar);

        overlay.setId("consoleOverlay");
        overlay.setAlignment(Pos.CENTER);
        overlayText.setId("consoleMessage");
        overlayText.setWrapText(true);
        overlayText.setStyle("-fx-text-fill: #ddd;");
        startButton.setId("consoleStartButton");
        startButton.getStyleClass().add(Styles.ACCENT);
        startButton.setOnAction(e -> graphics.startGuest(main));
        Button toSerial = new Button("Serial console");
        toSerial.setId("consoleOverlaySerialButton");
        toSerial.setOnAction(e -> setMode(Mode.SERIAL));
        retryButton.setId("consoleRetryButton");
        retryButton.setOnAction(e -> graphics.start());
        overlay.getChildren().addAll(overlayText, startButton, toSerial, retryButton);
        center.getChildren().addAll(vnc, terminal, overlay);
        center.setStyle("-fx-background-color: black;");
        setCenter(center);
        HBox foot = new HBox(status);
        foot.setPadding(new Insets(2, 8, 2, 8));
        setBottom(foot);

        graphics.phaseProperty().addListener(o -> refresh());
        graphics.messageProperty().addListener(o -> refresh());
        serial.phaseProperty().addListener(o -> refresh());
        serial.messageProperty().addListener(o -> refresh());
        graphics.viaProperty().addListener(o -> refresh());
        graphics.rowProperty().addListener(o -> refresh());
        graphics.noticeProperty().addListener(o -> refresh());
        refresh();
    }

    private MenuItem keyItem(String label, int... scancodes) {
        MenuItem item = new MenuItem(label);
        item.setId("sendKey-" + label.replace('+', '-').replace(' ', '-'));
        item.setOnAction(e -> graphics.sendKeys(scancodes));
        return item;
    }

    /** Connects the shown console while live; disconnects both when not. */
    public void setLive(boolean on) {
        if (on == live) {
            return;
        }
        live = on;
        if (on) {
            if (mode == Mode.GRAPHICAL) {
                graphics.start();
            } else {
                serial.start();
            }
        } else {
            graphics.stop();
            serial.stop();
            terminal.close();
            vnc.closeKeyboard();
            vnc.closeDirect();
        }
        refresh();
    }

    public void setMode(Mode m) {
        mode = m;
        graphicalButton.setSelected(m == Mode.GRAPHICAL);
        serialButton.setSelected(m == Mode.SERIAL);
        if (live) {
            if (m == Mode.GRAPHICAL) {
                serial.stop();
                terminal.close();
                graphics.start();
                vnc.requestFocus();
            } else {
                graphics.stop();
                serial.start();
            }
        }
        refresh();
    }

    public Mode mode() {
        return mode;
    }

    public DomainRowViewModel row() {
        return row;
    }

    void setOnDetach(Runnable r) {
        onDetach = r;
    }

    Button fullscreenButton() {
        return fullscreen;
    }

    Button detachButton() {
        return detach;
    }

    private void refresh() {
        boolean g = mode == Mode.GRAPHICAL;
        vnc.setVisible(g);
        terminal.setVisible(!g);
        for (var n : new javafx.scene.Node[] {sendKey, screenshot, fitButton, oneButton}) {
            n.setDisable(!g);
        }
        grabHint.setVisible(g);
        String text;
        boolean showOverlay;
        boolean showStart = false;
        if (g) {
            GraphicalConsoleViewModel.Phase p = graphics.phaseProperty().get();
            showOverlay = p != GraphicalConsoleViewModel.Phase.CONNECTED;
            showStart = p == GraphicalConsoleViewModel.Phase.OFF && !graphics.row().getState().isActive();
            text = graphics.messageProperty().get();
            String notice = graphics.noticeProperty().get();
            status.setText(p == GraphicalConsoleViewModel.Phase.CONNECTED
                ? "Connected to " + graphics.row().host().titleProperty().get() + " through " + graphics.viaProperty().get()
                    + (notice.isEmpty() ? "" : " · " + notice) : text);
        } else {
            SerialConsoleViewModel.Phase p = serial.phaseProperty().get();
            showOverlay = p != SerialConsoleViewModel.Phase.CONNECTED;
            text = serial.messageProperty().get();
            status.setText(p == SerialConsoleViewModel.Phase.CONNECTED ? "Serial console of " + row.getName() : text);
        }
        overlay.setVisible(showOverlay && live);
        overlayText.setText(text);
        startButton.setVisible(showStart);
        startButton.setManaged(showStart);
        boolean retry = g && graphics.phaseProperty().get() == GraphicalConsoleViewModel.Phase.FAILED;
        retryButton.setVisible(retry);
        retryButton.setManaged(retry);
        overlay.getChildren().get(2).setVisible(g && graphics.phaseProperty().get() == GraphicalConsoleViewModel.Phase.SPICE_ONLY
            || g && graphics.phaseProperty().get() == GraphicalConsoleViewModel.Phase.NO_GRAPHICS);
    }

    private CompletableFuture<char[]> askPassword(String domain) {
        Dialog<char[]> d = new Dialog<>();
        d.initOwner(getScene() == null ? null : getScene().getWindow());
        d.setTitle("VNC password");
        d.setHeaderText("The console of " + domain + " asks for a password.");
        PasswordField field = new PasswordField();
        field.setId("vncPasswordField");
        d.getDialogPane().setContent(field);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.getDialogPane().setId("vncPasswordDialog");
        d.setResultConverter(b -> b == ButtonType.OK ? field.getText().toCharArray() : null);
        Platform.runLater(field::requestFocus);
        char[] pw = d.showAndWait().orElse(null);
        field.clear();
        return CompletableFuture.completedFuture(pw);
    }

    private CompletableFuture<Boolean> askTakeOver(String domain) {
        Window owner = getScene() == null ? null : getScene().getWindow();
        boolean yes = ConfirmDialog.ask(owner, "Take over the serial console?",
            "Another client (virsh console, another Vireo) holds the serial console of " + domain
                + ". Taking it disconnects that client.", "Take over");
        return CompletableFuture.completedFuture(yes);
    }

    private void chooseScreenshotFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save a screenshot of " + row.getName());
        chooser.setInitialFileName(row.getName() + "-screen.png");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        File f = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            saveScreenshot(f.toPath());
        }
    }

    /** Writes the guest's screen as it is now to a PNG, off the FX thread; completes with the file. */
    public CompletableFuture<Path> saveScreenshot(Path file) {
        // the guest's screen at its own size (in Fit the image shown is a scaled copy)
        org.vireo.console.Framebuffer fb = graphics.framebuffer();
        CompletableFuture<Path> done = new CompletableFuture<>();
        if (fb == null || vnc.framesDrawn() == 0) {
            done.completeExceptionally(new IllegalStateException("no screen yet"));
            return done;
        }
        int w;
        int h;
        int[] pixels;
        synchronized (fb.lock()) {
            w = fb.width();
            h = fb.height();
            pixels = fb.snapshot();
        }
        Thread.ofPlatform().daemon().name("screenshot").start(() -> {
            try (var out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file))) {
                PngWriter.write(pixels, w, h, out);
                done.complete(file);
                Platform.runLater(() -> status.setText("Screenshot saved to " + file));
            } catch (java.io.IOException e) {
                done.completeExceptionally(e);
                Platform.runLater(() -> status.setText("Cannot save the screenshot: " + e.getMessage()));
            }
        });
        return done;
    }

    // ---------------------------------------------------------------- for tests and the benchmark

    public GraphicalConsoleViewModel graphics() {
        return graphics;
    }

    public SerialConsoleViewModel serial() {
        return serial;
    }

    /** Updates the view has drawn so far. */
    public long framesDrawn() {
        return vnc.framesDrawn();
    }

    /** FX-thread nanoseconds spent taking frames into the image so far. */
    public long drawNanos() {
        return vnc.drawNanos();
    }

    /** When changed pixels last went into the image (any thread). */
    public long lastDrawNanos() {
        return vnc.lastDrawNanos();
    }

    /** The pixels on screen now (a copy). */
    public WritableImage shownImage() {
        return vnc.image();
    }

    /** True while the pointer is grabbed (a guest without a tablet). */
    public javafx.beans.property.ReadOnlyBooleanProperty pointerGrabbedProperty() {
        return vnc.pointerGrabbedProperty();
    }

    /** Where a grabbed pointer is held (screen coordinates). */
    public javafx.geometry.Point2D pointerCentre() {
        return vnc.pointerCentre();
    }

    /** Where the guest's screen is drawn, in {@link #screenNode()}'s coordinates (both ways of drawing). */
    public javafx.geometry.Bounds screenBounds() {
        return vnc.shownBounds();
    }

    /** True while the guest's screen is drawn straight to X rather than by JavaFX. */
    public boolean drawsDirect() {
        return vnc.drawsDirect();
    }

    /** True while the X server scales the screen (XRender) rather than the console's thread. */
    public boolean serverScales() {
        return vnc.serverScales();
    }

    public javafx.scene.image.ImageView imageView() {
        return vnc.imageView();
    }

    public String terminalText() {
        return terminal.text();
    }

    public javafx.scene.Node screenNode() {
        return vnc;
    }

    public javafx.scene.Node terminalFocusNode() {
        return terminal.focusNode();
    }
}
