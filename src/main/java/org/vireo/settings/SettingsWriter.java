package org.vireo.settings;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies changes to the settings and writes them on its own thread, so the FX thread never waits on the disk. */
public final class SettingsWriter {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsWriter.class);
    private final SettingsStore store;
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "settings-writer");
        t.setDaemon(true);
        return t;
    });
    private Settings settings;

    public SettingsWriter(SettingsStore store, Settings initial) {
        this.store = store;
        this.settings = initial;
    }

    public void update(UnaryOperator<Settings> change) {
        io.execute(() -> {
            settings = change.apply(settings);
            try {
                store.save(settings);
            } catch (IOException e) {
                LOG.warn("cannot save settings to {}: {}", store.file(), e.getMessage());
            }
        });
    }

    /** Waits for pending writes; called once at exit, off the FX thread. */
    public void flush() {
        io.shutdown();
        try {
            io.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
