package org.vireo.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.vireo.host.StatsPoller;
import org.vireo.model.StatsSettings;
import org.vireo.libvirt.VirtConnection;
import org.vireo.model.StatsGroup;

/**
 * The monitoring benchmark (src/scripts/bench): for test-driver hosts of N domains, and the
 * lab's QEMU guests when given, prints the bare bulk call, the whole refresh, and — from a
 * real Vireo window on that host — FX-thread time per tick, steady CPU, RSS and the time
 * from launch until the table lists every domain.
 */
public final class MonitorBench {
    private static final int RUNS = 30;

    private record Figures(String host, int domains, double bareMs, double pollMs, double fxApplyMs, double fxLayoutMs,
                           double cpuPercent, double rssMiB, double listedMs) {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = List.of(10, 100, 1000, 5000);
        int seconds = 60;
        String lab = null;
        boolean daemon = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--lab" -> lab = args[++i];
                case "--no-aot" -> App.aot = false;
                // the same hosts also served by a private libvirtd (rows "via libvirtd")
                case "--daemon" -> daemon = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = Path.of("target", "bench");
        App.aot = App.aot && App.cacheFresh();
        System.out.println(App.aot ? "app started with the AOT cache target/vireo.aot, as src/scripts/run and the package start it"
            : "app started without an AOT cache");
        List<Figures> all = new ArrayList<>();
        TestDaemon served = daemon ? TestDaemon.start(dir.resolve("testd").toAbsolutePath()) : null;
        try {
            for (int n : sizes) {
                Path file = BenchHosts.write(dir, n);
                all.add(measure("test driver", n, "test://" + file.toAbsolutePath(), seconds));
                if (served != null) {
                    all.add(measure("test driver via libvirtd", n, served.uri(file), seconds));
                }
            }
        } finally {
            if (served != null) {
                served.close();
            }
        }
        if (lab != null && !lab.isBlank()) {
            all.add(measure("lab (QEMU)", -1, lab, seconds));
        }
        String table = render(all, seconds);
        System.out.println();
        System.out.println(table);
        Files.writeString(dir.resolve("results.md"), table);
    }

    private static Figures measure(String kind, int n, String uri, int seconds) throws Exception {
        System.out.printf("== %s, %s domains: %s%n", kind, n < 0 ? "all" : n, uri);
        double[] bare = new double[RUNS];
        double[] poll = new double[RUNS];
        int count;
        try (VirtConnection conn = VirtConnection.open(uri)) {
            EnumSet<StatsGroup> groups = EnumSet.allOf(StatsGroup.class);
            StatsPoller poller = new StatsPoller(StatsSettings.defaults());
            for (int i = 0; i < 5; i++) {
                conn.bareAllDomainStats(groups);
                poller.poll(conn, uri, "bench");
            }
            count = conn.bareAllDomainStats(groups);
            for (int i = 0; i < RUNS; i++) {
                long t0 = System.nanoTime();
                conn.bareAllDomainStats(groups);
                long t1 = System.nanoTime();
                poller.poll(conn, uri, "bench");
                long t2 = System.nanoTime();
                bare[i] = (t1 - t0) / 1e6;
                poll[i] = (t2 - t1) / 1e6;
            }
        }
        System.out.printf("   bare bulk call: median %.2f ms; whole refresh: median %.2f ms%n", median(bare), median(poll));
        App app = App.launch(uri);
        try {
            double listed = app.awaitListed(120);
            System.out.printf("   listed %d domains %.0f ms after launch%n", count, listed);
            // let start-up work (JIT, first layouts) settle before the steady window
            Thread.sleep(20_000);
            app.resetFx();
            long cpu0 = app.cpuTicks();
            long wall0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long cpu1 = app.cpuTicks();
            double wall = (System.nanoTime() - wall0) / 1e9;
            double cpuPercent = (cpu1 - cpu0) / (double) App.CLOCK_TICKS / wall * 100;
            double rss = app.rssMiB();
            System.out.printf("   steady CPU %.2f %% of a core, RSS %.0f MiB, FX apply %.3f ms/tick, layout %.3f ms/tick%n",
                cpuPercent, rss, app.fxApply(), app.fxLayout());
            return new Figures(kind, count, median(bare), median(poll), app.fxApply(), app.fxLayout(), cpuPercent, rss, listed);
        } finally {
            app.stop();
        }
    }

    private static String render(List<Figures> all, int seconds) {
        StringBuilder b = new StringBuilder();
        b.append("| host | domains | bare bulk call (ms, median) | whole refresh (ms, median) | refresh / bare | FX apply (ms/tick) | FX CSS+layout (ms/tick) | steady CPU (% of a core, ")
            .append(seconds).append(" s at 1 s) | RSS (MiB) | launch to all listed (ms) |\n");
        b.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Figures f : all) {
            b.append(String.format("| %s | %d | %.2f | %.2f | %.1fx | %.3f | %.3f | %.2f | %.0f | %.0f |%n", f.host(), f.domains(),
                f.bareMs(), f.pollMs(), f.pollMs() / Math.max(1e-9, f.bareMs()), f.fxApplyMs(), f.fxLayoutMs(),
                f.cpuPercent(), f.rssMiB(), f.listedMs()));
        }
        return b.toString();
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    /** A real Vireo process on one host, with -Dvireo.bench=true so that it reports its figures. */
    private static final class App {
        static final long CLOCK_TICKS = 100;
        static final Path CACHE = Path.of("target", "vireo.aot");
        static boolean aot = true;
        private final Process process;
        private final long startNanos;
        private final CompletableFuture<Double> listed = new CompletableFuture<>();
        private final List<double[]> fx = new ArrayList<>();

        private App(Process process, long startNanos) {
            this.process = process;
            this.startNanos = startNanos;
            Thread reader = new Thread(this::read, "app-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** Whether target/vireo.aot (written by src/scripts/bench's training start) is newer than the jar. */
        static boolean cacheFresh() throws IOException {
            Path jar = Path.of("target", "vireo.jar");
            return Files.exists(CACHE) && Files.getLastModifiedTime(CACHE).compareTo(Files.getLastModifiedTime(jar)) > 0;
        }

        static App launch(String uri) throws IOException {
            return launch(uri, aot ? "-XX:AOTCache=" + CACHE : null);
        }

        static App launch(String uri, String cacheOption) throws IOException {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(Files.readAllLines(Path.of("src", "scripts", "jvm-options")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList());
            cmd.add("-Dvireo.bench=true");
            if (cacheOption != null) {
                cmd.add(cacheOption);
            }
            // e.g. VIREO_BENCH_APP_OPTS=-XX:StartFlightRecording=filename=app.jfr,settings=profile to profile the app
            String extra = System.getenv("VIREO_BENCH_APP_OPTS");
            if (extra != null && !extra.isBlank()) {
                cmd.addAll(Arrays.asList(extra.trim().split("\\s+")));
            }
            cmd.addAll(List.of("-cp", "target/vireo.jar:target/lib/*", "org.vireo.Launcher",
                "--connect", uri, "--config-dir", Files.createTempDirectory("vireo-bench").toString()));
            long t0 = System.nanoTime();
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            // as src/scripts/run sets it: software rendering needs no GL in GTK
            pb.environment().putIfAbsent("GDK_GL", "disable");
            Process p = pb.start();
            return new App(p, t0);
        }

        private void read() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("[bench] listed")) {
                        listed.complete((System.nanoTime() - startNanos) / 1e6);
                    } else if (line.startsWith("[bench] fx")) {
                        double apply = Double.parseDouble(line.replaceAll(".*apply=([0-9.]+).*", "$1"));
                        double layout = Double.parseDouble(line.replaceAll(".*layout=([0-9.]+).*", "$1"));
                        synchronized (fx) {
                            fx.add(new double[] {apply, layout});
                        }
                    }
                }
            } catch (IOException e) {
                listed.completeExceptionally(e);
            }
        }

        double awaitListed(int seconds) throws Exception {
            return listed.get(seconds, TimeUnit.SECONDS);
        }

        void resetFx() {
            synchronized (fx) {
                fx.clear();
            }
        }

        double fxApply() {
            synchronized (fx) {
                return fx.stream().mapToDouble(a -> a[0]).average().orElse(Double.NaN);
            }
        }

        double fxLayout() {
            synchronized (fx) {
                return fx.stream().mapToDouble(a -> a[1]).average().orElse(Double.NaN);
            }
        }

        long cpuTicks() throws IOException {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the command: state is field 3, utime 14 and stime 15 (1-based in proc(5))
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }

        double rssMiB() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
            return Double.NaN;
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
