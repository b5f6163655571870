package org.vireo.ui;

import java.util.List;
import java.util.Objects;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.vireo.settings.Settings;
import org.vireo.settings.SettingsWriter;
import org.vireo.settings.WindowState;

/** The JavaFX application: one main window over the connections the launcher chose. */
public final class VireoApp extends Application {

    /**
     * @param remember      whether adding or removing hosts is saved (not when --connect chose them)
     * @param demoUri       the demo host's URI (offered on the first-run page)
     * @param logFile       the log, for a notice's Open log (null: no such button)
     * @param desktopPrefersDark the desktop's light/dark preference, read off the FX thread
     */
    public record Plan(List<String> connections, Settings settings, SettingsWriter writer, boolean remember,
                       String demoUri, java.nio.file.Path logFile,
                       java.util.concurrent.CompletableFuture<java.util.Optional<Boolean>> desktopPrefersDark) {

        public Plan(List<String> connections, Settings settings, SettingsWriter writer, boolean remember) {
            this(connections, settings, writer, remember, "", null,
                java.util.concurrent.CompletableFuture.completedFuture(java.util.Optional.empty()));
        }
    }

    private static Plan plan;
    private MainViewModel model;

    public static void prepare(Plan p) {
        plan = p;
    }

    @Override
    public void start(Stage stage) {
        Plan p = Objects.requireNonNull(plan, "VireoApp.prepare was not called");
        model = open(stage, p, file -> getHostServices().showDocument(file.toUri().toString()));
    }

    /**
     * Builds and shows the main window on {@code stage} as the settings left it, and opens
     * the plan's connections. Tests call it twice with the same config dir to see a restart.
     */
    public static MainViewModel open(Stage stage, Plan p, java.util.function.Consumer<java.nio.file.Path> showFile) {
        MainViewModel model = new MainViewModel(p.settings().stats(), uris -> {
            if (p.remember()) {
                p.writer().update(s -> s.withConnections(uris));
            }
        });
        model.setDemoUri(p.demoUri());
        model.setOnStatsChanged(stats -> p.writer().update(s -> s.withStats(stats)));
        Theme.choiceProperty().set(p.settings().theme());
        // the desktop's preference arrives from the launcher's thread; it restyles only if it differs
        if (p.desktopPrefersDark().isDone()) {
            Theme.setDesktopPreference(p.desktopPrefersDark().join());
        } else {
            p.desktopPrefersDark().thenAccept(dark -> Platform.runLater(() -> Theme.setDesktopPreference(dark)));
        }
        Scene scene = createScene(model, p.settings().windowWidth(), p.settings().windowHeight());
        MainWindow window = (MainWindow) scene.getRoot();
        window.setOnThemeChosen(choice -> p.writer().update(s -> s.withTheme(choice)));
        window.setPaletteRecent(p.settings().paletteRecent(), keys -> p.writer().update(s -> s.withPaletteRecent(keys)));
        if (p.logFile() != null) {
            window.setOpenLog(() -> showFile.accept(p.logFile()));
        }
        stage.setTitle("Vireo");
        stage.setScene(scene);
        WindowState saved = p.settings().window();
        if (!Double.isNaN(saved.x()) && !Double.isNaN(saved.y()) && onSomeScreen(saved.x(), saved.y())) {
            stage.setX(saved.x());
            stage.setY(saved.y());
        }
        stage.setMaximized(saved.maximized());
        // PNGs rendered from icons/vireo.svg (JavaFX reads no SVG), a few KiB each, read here
        // because a stage ignores an icon still loading; the window manager picks a size
        for (int size : new int[] {32, 64, 128}) {
            stage.getIcons().add(new Image(Objects.requireNonNull(VireoApp.class.getResource("/org/vireo/vireo-" + size + ".png")).toExternalForm()));
        }
        // the size and place before maximizing, so that un-maximizing after a restart goes back there
        double[] normal = {p.settings().windowWidth(), p.settings().windowHeight(), saved.x(), saved.y()};
        javafx.beans.InvalidationListener track = o -> {
            if (!stage.isMaximized() && !stage.isIconified()) {
                normal[0] = scene.getWidth();
                normal[1] = scene.getHeight();
                normal[2] = stage.getX();
                normal[3] = stage.getY();
            }
        };
        stage.xProperty().addListener(track);
        stage.yProperty().addListener(track);
        scene.widthProperty().addListener(track);
        scene.heightProperty().addListener(track);
        Runnable remember = () -> {
            WindowState content = window.captureState();
            boolean max = stage.isMaximized();
            p.writer().update(s -> s.withWindowSize(normal[0], normal[1])
                .withWindow(content.withPlace(normal[2], normal[3], max)));
        };
        stage.setOnCloseRequest(e -> {
            if (!mayQuit(stage, model)) {
                e.consume();
                return;
            }
            remember.run();
        });
        // File > Quit (Ctrl+Q) quits as the window's close button does (and asks the same when jobs run)
        window.setOnQuit(() -> {
            if (mayQuit(stage, model)) {
                remember.run();
                stage.close();
            }
        });
        stage.show();
        // again after the native window exists, and twice more a little later: the install test
        // found a window without _NET_WM_ICON in some runs (about 1 in 3) although the icons were
        // set before show and once just after it
        Platform.runLater(() -> stage.getIcons().setAll(List.copyOf(stage.getIcons())));
        javafx.animation.Timeline iconsAgain = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
            javafx.util.Duration.seconds(1), e -> stage.getIcons().setAll(List.copyOf(stage.getIcons()))));
        iconsAgain.setCycleCount(2);
        iconsAgain.play();
        BenchProbe.attachIfAsked(model, scene, window.table());
        model.openAll(p.connections());
        window.restoreState(saved);
        return model;
    }

    private static boolean onSomeScreen(double x, double y) {
        return !javafx.stage.Screen.getScreensForRectangle(x, y, 40, 40).isEmpty();
    }

    /**
     * With jobs running, quitting asks first: libvirt aborts a migration whose client goes away.
     * With unsaved edits (an XML being written), quitting asks too: they would be lost.
     */
    public static boolean mayQuit(javafx.stage.Window owner, MainViewModel model) {
        int n = model.jobs().runningNow();
        if (n > 0 && !org.vireo.ui.dialog.ConfirmDialog.ask(owner, "Quit with " + n + (n == 1 ? " job" : " jobs") + " running?",
            "Running migrations are aborted by libvirt when Vireo exits and the guests stay where they were; "
                + "saves and dumps already handed to libvirt finish on the host, but Vireo will not show their outcome.",
            "Quit")) {
            return false;
        }
        var drafts = model.unsavedEdits().all().keySet();
        return drafts.isEmpty() || org.vireo.ui.dialog.ConfirmDialog.ask(owner, "Quit with unsaved edits?",
            "Not saved: " + String.join(", ", new java.util.TreeSet<>(drafts)) + ". Quitting discards them.", "Discard and quit");
    }

    /** The themed scene of the main window; tests build theirs the same way. */
    public static Scene createScene(MainViewModel model, double width, double height) {
        try {
            PausingPulseTimer.install();
        } catch (LinkageError e) {
            // JavaFX as named modules without the package's --add-exports: keep its own timer
            org.slf4j.LoggerFactory.getLogger(VireoApp.class).info("keeping JavaFX's own pulse timer: {}", e.toString());
        }
        Theme.ensureApplied();
        Scene scene = new Scene(new MainWindow(model), width, height);
        scene.getStylesheets().add(Theme.VIREO_CSS);
        return scene;
    }

    @Override
    public void stop() {
        if (model != null) {
            model.stopAll();
        }
    }
}
