package org.vireo;

import java.io.IOException;
import java.util.List;
import javafx.application.Application;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vireo.settings.AppDirs;
import org.vireo.settings.DemoHost;
import org.vireo.settings.Settings;
import org.vireo.settings.SettingsStore;
import org.vireo.settings.SettingsWriter;
import org.vireo.ui.VireoApp;

/**
 * The entry point. Kept apart from the {@link Application} subclass so that Vireo starts
 * from a plain classpath. Reads settings and prepares the demo host before the window
 * exists, so the FX thread never touches the disk.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("vireo: " + e.getMessage());
            System.err.println(LaunchOptions.usage());
            System.exit(2);
            return;
        }
        if (SoftwareRendering.asked(options)) {
            SoftwareRendering.apply();
        }
        AppDirs dirs = AppDirs.fromEnvironment(options.configDir());
        // before the first logger: logback reads this for its file appender
        System.setProperty("vireo.log.file", dirs.logFile().toString());
        Logger log = LoggerFactory.getLogger(Launcher.class);

        // light or dark as the desktop prefers: read beside the rest of the start-up, never on the FX thread
        java.util.concurrent.CompletableFuture<java.util.Optional<Boolean>> prefersDark =
            java.util.concurrent.CompletableFuture.supplyAsync(() -> org.vireo.settings.DesktopTheme.ofUser().prefersDark());
        SettingsStore store = new SettingsStore(dirs.config());
        Settings saved = store.load().orElse(null);
        String demoUri;
        try {
            demoUri = DemoHost.install(dirs.cache());
        } catch (IOException e) {
            log.warn("cannot prepare the demo host in {}: {}", dirs.cache(), e.getMessage());
            demoUri = "test:///default";
        }
        List<String> connections;
        if (!options.connect().isEmpty()) {
            connections = options.connect();
        } else if (saved != null) {
            connections = saved.connections();
        } else {
            connections = List.of("qemu:///system", demoUri);
        }
        Settings settings = saved != null ? saved
            : new Settings(connections, Settings.DEFAULT_WIDTH, Settings.DEFAULT_HEIGHT);
        SettingsWriter writer = new SettingsWriter(store, settings);
        log.info("Vireo starting; settings {}, log {}", store.file(), dirs.logFile());

        VireoApp.prepare(new VireoApp.Plan(connections, settings, writer, options.connect().isEmpty(), demoUri,
            dirs.logFile(), prefersDark));
        Application.launch(VireoApp.class);
        writer.flush();
        System.exit(0);
    }
}
