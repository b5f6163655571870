package org.vireo.ui;

import atlantafx.base.theme.PrimerLight;
import java.util.List;
import java.util.Objects;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.vireo.settings.Settings;
import org.vireo.settings.SettingsWriter;

/** The JavaFX application: one main window over the connections the launcher chose. */
public final class VireoApp extends Application {

    /**
     * @param remember whether adding or removing hosts is saved (not when --connect chose them)
     */
    public record Plan(List<String> connections, Settings settings, SettingsWriter writer, boolean remember) {
    }

    private static Plan plan;
    private MainViewModel model;

    public static void prepare(Plan p) {
        plan = p;
    }

    @Override
    public void start(Stage stage) {
        Plan p = Objects.requireNonNull(plan, "VireoApp.prepare was not called");
        model = new MainViewModel(p.settings().stats(), uris -> {
            if (p.remember()) {
                p.writer().update(s -> s.withConnections(uris));
            }
        });
        model.setOnStatsChanged(stats -> p.writer().update(s -> s.withStats(stats)));
        Scene scene = createScene(model, p.settings().windowWidth(), p.settings().windowHeight());
        stage.setTitle("Vireo");
        stage.setScene(scene);
        // PNGs rendered from icons/vireo.svg (JavaFX reads no SVG), a few KiB each, read here
        // because a stage ignores an icon still loading; the window manager picks a size
        for (int size : new int[] {32, 64, 128}) {
            stage.getIcons().add(new Image(Objects.requireNonNull(VireoApp.class.getResource("/org/vireo/vireo-" + size + ".png")).toExternalForm()));
        }
        stage.setOnCloseRequest(e -> {
            if (!mayQuit(stage, model)) {
                e.consume();
                return;
            }
            p.writer().update(s -> s.withWindowSize(scene.getWidth(), scene.getHeight()));
        });
        // Ctrl+Q quits as the window's close button does (and asks the same when jobs run)
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), () -> {
            if (mayQuit(stage, model)) {
                p.writer().update(s -> s.withWindowSize(scene.getWidth(), scene.getHeight()));
                stage.close();
            }
        });
        stage.show();
        // once more after the native window exists: the install test found a window without
        // _NET_WM_ICON in some runs although the icons were set before show
        Platform.runLater(() -> stage.getIcons().setAll(List.copyOf(stage.getIcons())));
        BenchProbe.attachIfAsked(model, scene, ((MainWindow) scene.getRoot()).table());
        model.openAll(p.connections());
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
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Scene scene = new Scene(new MainWindow(model), width, height);
        scene.getStylesheets().add(Objects.requireNonNull(VireoApp.class.getResource("/org/vireo/vireo.css")).toExternalForm());
        return scene;
    }

    @Override
    public void stop() {
        if (model != null) {
            model.stopAll();
        }
    }
}
