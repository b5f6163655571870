package org.vireo.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import org.vireo.model.DomainStatus;

/**
 * What the event storm benchmark reads from a running Vireo (with -Dvireo.bench.storm=true
 * beside -Dvireo.bench=true): when a row's state was on screen, and how late the FX thread
 * runs what it is handed.
 *
 * <p>"[bench] shown NAME STATE NANOS": the pulse after a row's state changed (the layout that
 * put the new state into the cell) ended at NANOS, System.nanoTime() (CLOCK_MONOTONIC, so
 * comparable with the benchmark's own clock on the same machine).
 * "[bench] late MS ...": every 50 ms a plain thread hands the FX thread a runnable with
 * Platform.runLater; its lateness is the time from the hand-over to its run.
 */
final class StormProbe {
    private static final long PING_MS = 50;
    private final ConcurrentLinkedQueue<String> out = new ConcurrentLinkedQueue<>();
    private final List<String> changed = new ArrayList<>();
    private final ConcurrentLinkedQueue<Double> late = new ConcurrentLinkedQueue<>();

    private StormProbe() {
    }

    static void attachIfAsked(MainViewModel model, Scene scene) {
        if (!Boolean.getBoolean("vireo.bench.storm")) {
            return;
        }
        StormProbe probe = new StormProbe();
        ChangeListener<DomainStatus> onStatus = (obs, old, now) -> {
            DomainRowViewModel row = (DomainRowViewModel) ((javafx.beans.property.ReadOnlyProperty<?>) obs).getBean();
            probe.changed.add(row.getName() + " " + now.state().name().toLowerCase());
        };
        ListChangeListener<DomainRowViewModel> onRows = c -> {
            while (c.next()) {
                for (DomainRowViewModel r : c.getAddedSubList()) {
                    r.statusProperty().addListener(onStatus);
                }
            }
        };
        for (HostViewModel h : model.hosts()) {
            h.domains().addListener(onRows);
        }
        model.hosts().addListener((ListChangeListener<HostViewModel>) c -> {
            while (c.next()) {
                for (HostViewModel h : c.getAddedSubList()) {
                    h.domains().addListener(onRows);
                    h.domains().forEach(r -> r.statusProperty().addListener(onStatus));
                }
            }
        });
        scene.addPostLayoutPulseListener(() -> {
            if (!probe.changed.isEmpty()) {
                long now = System.nanoTime();
                for (String c : probe.changed) {
                    probe.out.add("[bench] shown " + c + " " + now);
                }
                probe.changed.clear();
            }
        });
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "storm-probe");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> {
            long posted = System.nanoTime();
            Platform.runLater(() -> probe.late.add((System.nanoTime() - posted) / 1e6));
        }, PING_MS, PING_MS, TimeUnit.MILLISECONDS);
        // printing off the FX thread, in batches
        timer.scheduleWithFixedDelay(probe::flush, 200, 200, TimeUnit.MILLISECONDS);
    }

    private void flush() {
        StringBuilder b = new StringBuilder();
        String line;
        while ((line = out.poll()) != null) {
            b.append(line).append('\n');
        }
        Double ms;
        StringBuilder l = new StringBuilder();
        while ((ms = late.poll()) != null) {
            l.append(' ').append(String.format("%.3f", ms));
        }
        if (!l.isEmpty()) {
            b.append("[bench] late").append(l).append('\n');
        }
        if (!b.isEmpty()) {
            System.out.print(b);
            System.out.flush();
        }
    }
}
