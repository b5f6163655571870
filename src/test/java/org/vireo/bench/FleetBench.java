package org.vireo.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.vireo.host.HostOptions;
import org.vireo.model.ConnectionState;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.HostViewModel;
import org.vireo.ui.MainViewModel;
import org.vireo.ui.MainWindow;
import org.vireo.ui.VireoApp;
import org.vireo.ui.fleet.FleetViewModel;
import org.vireo.ui.palette.PaletteViewModel;

/**
 * The fleet view's benchmark: H test-driver hosts of N domains in a real window (needs
 * DISPLAY), fleet view shown. Prints the FX time of one search keystroke (filter, group,
 * sort and the table's CSS and layout), of a re-sort by a live column, of a palette
 * keystroke, and the FX time per tick (snapshots applied, fleet rebuilds, pulses' CSS and
 * layout) while the fleet is sorted by CPU, for 1 x N and H x N.
 *
 * <p>Run: {@code java -cp target/vireo.jar:target/test-classes:target/lib/* org.vireo.bench.FleetBench [--hosts 5] [--domains 1000] [--seconds 30]}
 */
public final class FleetBench {
    public static void main(String[] args) throws Exception {
        int hosts = 5;
        int domains = 1000;
        int seconds = 30;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--hosts" -> hosts = Integer.parseInt(args[++i]);
                case "--domains" -> domains = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        CompletableFuture<Void> up = new CompletableFuture<>();
        Platform.startup(() -> up.complete(null));
        up.get();
        Platform.setImplicitExit(false);
        List<String> out = new ArrayList<>();
        out.add(measure(1, domains, seconds));
        out.add(measure(hosts, domains, seconds));
        System.out.println();
        System.out.println("| hosts x domains | search keystroke, FX ms (median / max) | re-sort by CPU, FX ms | palette keystroke, FX ms (median / max) | FX ms per tick, sorted by name (apply + rebuild + CSS/layout) | same, sorted by CPU | same, a host's page shown instead |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        out.forEach(System.out::println);
        Platform.exit();
        System.exit(0);
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }

    private static String measure(int hostCount, int n, int seconds) throws Exception {
        List<String> uris = new ArrayList<>();
        for (int h = 0; h < hostCount; h++) {
            uris.add("test://" + BenchHosts.write(Path.of("target", "bench", "fleet-" + h), n).toAbsolutePath());
        }
        System.out.printf("== %d host(s) x %d domains%n", hostCount, n);
        MainViewModel model = fx(() -> new MainViewModel(HostOptions.defaults(), c -> { }));
        long[] pulse = new long[2];
        Stage stage = fx(() -> {
            Scene scene = VireoApp.createScene(model, 1280, 800);
            long[] start = new long[1];
            scene.addPreLayoutPulseListener(() -> start[0] = System.nanoTime());
            scene.addPostLayoutPulseListener(() -> {
                // only pulses whose start was seen (0 once counted)
                if (start[0] != 0) {
                    pulse[0] += System.nanoTime() - start[0];
                    pulse[1]++;
                    start[0] = 0;
                }
            });
            Stage s = new Stage();
            s.setScene(scene);
            s.show();
            model.openAll(uris);
            model.fleetShownProperty().set(true);
            return s;
        });
        MainWindow window = (MainWindow) stage.getScene().getRoot();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!fx(() -> model.hosts().stream().allMatch(h -> h.getState() == ConnectionState.CONNECTED && h.domains().size() == n)
            && window.fleetView().table().getItems().size() >= hostCount * n)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not listed");
            }
            Thread.sleep(100);
        }
        FleetViewModel fleet = fx(model::fleet);
        // Xvfb's pointer rests where the window opened: re-sorts would wait for it to leave
        fx(() -> {
            fleet.setPointerInside(false);
            return null;
        });
        // typing a name, one keystroke at a time, and deleting it again
        List<Double> keys = new ArrayList<>();
        String word = "vm-00427";
        for (int round = 0; round < 3; round++) {
            for (int i = 1; i <= word.length(); i++) {
                keys.add(timed(stage, fleet, word.substring(0, i)));
            }
            for (int i = word.length() - 1; i >= 0; i--) {
                keys.add(timed(stage, fleet, word.substring(0, i)));
            }
        }
        Comparator<DomainRowViewModel> byCpu = Comparator.comparingDouble((DomainRowViewModel r) -> {
            double v = r.cpuPercentProperty().get();
            return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
        }).reversed();
        List<Double> sorts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Comparator<DomainRowViewModel> c = i % 2 == 0 ? byCpu : byCpu.thenComparing(fleet.byName());
            sorts.add(fx(() -> {
                long t0 = System.nanoTime();
                fleet.setOrder(c, true);
                stage.getScene().getRoot().applyCss();
                stage.getScene().getRoot().layout();
                return (System.nanoTime() - t0) / 1e6;
            }));
        }
        // the palette over every domain
        PaletteViewModel palette = fx(() -> new PaletteViewModel(model, new PaletteViewModel.Actions((a, r) -> { }, r -> { }, r -> { },
            r -> { }, (r, h) -> { }, h -> { }, List.of())));
        List<Double> pal = new ArrayList<>();
        String query = "sta vm-00429";
        for (int round = 0; round < 3; round++) {
            for (int i = 1; i <= query.length(); i++) {
                String q = query.substring(0, i);
                pal.add(fx(() -> {
                    long t0 = System.nanoTime();
                    palette.queryProperty().set(q);
                    return (System.nanoTime() - t0) / 1e6;
                }));
            }
            fx(() -> {
                palette.queryProperty().set("");
                return null;
            });
        }
        // steady ticks: sorted by name (ticks change no order), then by CPU (a re-sort after ticks)
        fx(() -> {
            fleet.setOrder(null, false);
            return null;
        });
        // a warm-up phase first (the JIT, the first sparkline histories): discarded
        steady(model, fleet, pulse, hostCount, Math.max(5, seconds / 2));
        String byName = steady(model, fleet, pulse, hostCount, seconds);
        fx(() -> {
            fleet.setOrder(byCpu, true);
            return null;
        });
        String byCpuTick = steady(model, fleet, pulse, hostCount, seconds);
        // the same window on the first host's page instead, for comparison
        fx(() -> {
            window.tree().select(model.hosts().getFirst());
            return null;
        });
        String hostPage = steady(model, fleet, pulse, hostCount, seconds);
        String line = String.format("| %d x %d | %.1f / %.1f | %.1f | %.1f / %.1f | %s | %s | %s |", hostCount, n,
            median(keys), max(keys), median(sorts), median(pal), max(pal), byName, byCpuTick, hostPage);
        System.out.println(line);
        fx(() -> {
            model.stopAll();
            stage.hide();
            return null;
        });
        return line;
    }

    /** FX ms per tick over {@code seconds}: snapshots applied + fleet rebuilds + the pulses' CSS and layout. */
    private static String steady(MainViewModel model, FleetViewModel fleet, long[] pulse, int hostCount, int seconds) throws Exception {
        long[] before = fx(() -> new long[] {applyNanos(model), fleet.rebuildNanos(), pulse[0], ticks(model), pulse[1]});
        Thread.sleep(seconds * 1000L);
        long[] after = fx(() -> new long[] {applyNanos(model), fleet.rebuildNanos(), pulse[0], ticks(model), pulse[1]});
        System.out.printf("   %.1f pulses/s%n", (after[4] - before[4]) / (double) seconds);
        double tickCount = Math.max(1, (after[3] - before[3]) / (double) hostCount);
        double apply = (after[0] - before[0]) / 1e6 / tickCount;
        double rebuild = (after[1] - before[1]) / 1e6 / tickCount;
        double layout = (after[2] - before[2]) / 1e6 / tickCount;
        return String.format("%.1f (%.1f + %.1f + %.1f)", apply + rebuild + layout, apply, rebuild, layout);
    }

    private static double timed(Stage stage, FleetViewModel fleet, String text) throws Exception {
        return fx(() -> {
            long t0 = System.nanoTime();
            fleet.searchProperty().set(text);
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            return (System.nanoTime() - t0) / 1e6;
        });
    }

    private static long applyNanos(MainViewModel model) {
        return model.hosts().stream().mapToLong(HostViewModel::applyNanos).sum();
    }

    private static long ticks(MainViewModel model) {
        return model.hosts().stream().mapToLong(h -> h.tickProperty().get()).sum();
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a[a.length / 2];
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
