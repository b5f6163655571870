package org.vireo.ui;

import java.lang.management.ManagementFactory;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import org.vireo.model.ConnectionState;

/**
 * Prints what the benchmark reads from a running Vireo, when started with -Dvireo.bench=true:
 * when the table first lists every domain of the selected host, and every 10 s the FX
 * thread's time per tick (applying snapshots, plus CSS and layout of the pulses).
 */
final class BenchProbe {
    private final MainViewModel model;
    private long pulseNanos;
    private long pulses;
    private long layoutStart;
    private boolean listed;
    private long lastReport = System.nanoTime();
    private long lastApplyNanos;
    private long lastApplied;
    private long lastPulseNanos;
    private long lastPulses;

    private BenchProbe(MainViewModel model) {
        this.model = model;
    }

    static void attachIfAsked(MainViewModel model, Scene scene, javafx.scene.control.TableView<?> table) {
        if (!Boolean.getBoolean("vireo.bench")) {
            return;
        }
        BenchProbe probe = new BenchProbe(model);
        StormProbe.attachIfAsked(model, scene);
        scene.addPreLayoutPulseListener(() -> probe.layoutStart = System.nanoTime());
        scene.addPostLayoutPulseListener(() -> {
            probe.pulseNanos += System.nanoTime() - probe.layoutStart;
            probe.pulses++;
        });
        ListChangeListener<Object> check = c -> probe.checkListed(table);
        table.getItems().addListener(check);
        // an invalidation listener: the table swaps between lists that are equal while empty
        table.itemsProperty().addListener((javafx.beans.Observable o) -> table.getItems().addListener(check));
        // a plain timer thread, not a JavaFX animation: a running animation makes JavaFX pulse
        // 60 times a second and would skew the very figures measured here
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-probe");
            t.setDaemon(true);
            return t;
        }).scheduleAtFixedRate(() -> javafx.application.Platform.runLater(() -> probe.report(System.nanoTime())),
            10, 10, java.util.concurrent.TimeUnit.SECONDS);
    }

    private void checkListed(javafx.scene.control.TableView<?> table) {
        HostViewModel host = model.selectedHostProperty().get();
        if (!listed && host != null && host.getState() == ConnectionState.CONNECTED
            && !host.domains().isEmpty() && table.getItems().size() == host.domains().size()) {
            listed = true;
            long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.out.println("[bench] listed " + table.getItems().size() + " domains " + sinceStart + " ms after JVM start");
        }
    }

    private void report(long now) {
        long applyNanos = 0;
        long applied = 0;
        for (HostViewModel h : model.hosts()) {
            applyNanos += h.applyNanos();
            applied += h.appliedUpdates();
        }
        long ticks = applied - lastApplied;
        long pulseCount = pulses - lastPulses;
        double applyMs = ticks == 0 ? 0 : (applyNanos - lastApplyNanos) / 1e6 / ticks;
        double layoutMs = ticks == 0 ? 0 : (pulseNanos - lastPulseNanos) / 1e6 / ticks;
        System.out.printf("[bench] fx ticks=%d apply=%.3f ms/tick layout=%.3f ms/tick pulses=%d%n",
            ticks, applyMs, layoutMs, pulseCount);
        lastReport = now;
        lastApplyNanos = applyNanos;
        lastApplied = applied;
        lastPulseNanos = pulseNanos;
        lastPulses = pulses;
    }
}
