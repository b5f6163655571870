package org.vireo.ui;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;
import org.vireo.settings.Settings;
import org.vireo.settings.SettingsStore;
import org.vireo.settings.SettingsWriter;
import org.vireo.support.Fx;

/**
 * One run of the application as the launcher makes it: settings read from a settings dir (or
 * new ones with {@code connections}), VireoApp.open on a new stage; quit as File > Quit does.
 * For tests of what survives a restart. In this package because quitting is package-private.
 */
record AppRun(Stage stage, MainViewModel model, SettingsWriter writer) {
    static AppRun launch(Path configDir, List<String> connections) {
        SettingsStore store = new SettingsStore(configDir);
        Settings settings = store.load().orElse(new Settings(connections, Settings.DEFAULT_WIDTH, Settings.DEFAULT_HEIGHT));
        SettingsWriter writer = new SettingsWriter(store, settings);
        VireoApp.Plan plan = new VireoApp.Plan(settings.connections(), settings, writer, true);
        try {
            // building the whole window the first time in this JVM can take longer than Fx.get waits
            return WaitForAsyncUtils.asyncFx(() -> {
                Stage stage = new Stage();
                return new AppRun(stage, VireoApp.open(stage, plan, f -> { }), writer);
            }).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot open the window", e);
        }
    }

    MainWindow window() {
        return (MainWindow) stage.getScene().getRoot();
    }

    /** Quits, waits up to {@code wait} for the window to close, stops the hosts and writes the settings. */
    void quit(Duration wait) {
        Fx.run(() -> window().quit());
        Fx.await(wait, "window closed", () -> !stage.isShowing());
        Fx.run(model::stopAll);
        writer.flush();
    }
}
