package org.vireo.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.libvirt.Connect;
import org.libvirt.Domain;

/**
 * The event storm benchmark (src/scripts/bench --storm): a private libvirtd's shared test
 * driver (test:///default, src/lab/testd.sh) with N running domains, a real Vireo window on
 * it, and this process changing domain states at a fixed rate (suspend, then later resume,
 * round robin) through its own connection, so that every change reaches Vireo as a libvirt
 * lifecycle event. Prints the FX thread's lateness (runLater pings every 50 ms, see the
 * app's StormProbe) in a quiet window and in the storm, and event-to-screen latency: from
 * the change's call returning here to the end of the pulse that laid out the row's new state.
 *
 * <p>Arguments: [N] [changes per second] [seconds per window] [event loop: gtk|thread]
 * (default 5000 200 30 and the app's own default).
 */
public final class EventStormBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        String loop = args.length > 3 ? args[3] : "";
        Path dir = Path.of("target", "bench").toAbsolutePath();
        Files.createDirectories(dir);
        try (TestDaemon daemon = TestDaemon.start(dir.resolve("storm-testd"))) {
            Connect conn = new Connect(daemon.defaultUri());
            long t0 = System.nanoTime();
            List<Domain> domains = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                domains.add(conn.domainCreateXML(String.format("""
                    <domain type="test"><name>storm-%05d</name><memory unit="MiB">512</memory><vcpu>1</vcpu>
                    <os><type arch="x86_64">hvm</type></os></domain>""", i), 0));
            }
            System.out.printf("== event storm: %d domains (made in %.1f s), %d changes/s, %d s windows, event loop %s%n",
                n, (System.nanoTime() - t0) / 1e9, rate, seconds, loop.isEmpty() ? "(app default)" : loop);
            App app = App.launch(daemon.defaultUri(), loop);
            try {
                app.listed.get(300, TimeUnit.SECONDS);
                Thread.sleep(20_000);   // start-up work settles
                app.clearLate();
                long cpu0 = app.cpuTicks();
                Thread.sleep(seconds * 1000L);
                double quietCpu = (app.cpuTicks() - cpu0) / (double) seconds;
                double[] quiet = app.late();
                app.clearLate();
                cpu0 = app.cpuTicks();
                long period = 1_000_000_000L / rate;
                long start = System.nanoTime();
                int made = 0;
                boolean[] paused = new boolean[n];
                for (long k = 0; ; k++) {
                    long due = start + k * period;
                    if (due - start >= seconds * 1_000_000_000L) {
                        break;
                    }
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    int i = (int) (k % n);
                    if (paused[i]) {
                        domains.get(i).resume();
                    } else {
                        domains.get(i).suspend();
                    }
                    paused[i] = !paused[i];
                    app.made(String.format("storm-%05d %s", i, paused[i] ? "paused" : "running"), System.nanoTime());
                    made++;
                }
                double stormSeconds = (System.nanoTime() - start) / 1e9;
                double stormCpu = (app.cpuTicks() - cpu0) / stormSeconds;
                double[] storm = app.late();
                app.awaitShown(made, 30);
                double[] e2s = app.latencies();
                System.out.printf("   FX lateness quiet: %s; app CPU %.0f %% of a core%n", stats(quiet), quietCpu);
                System.out.printf("   FX lateness storm: %s; app CPU %.0f %% of a core; %d changes in %.1f s%n",
                    stats(storm), stormCpu, made, stormSeconds);
                System.out.printf("   event to screen:   %s; %d of %d changes shown%n", stats(e2s), e2s.length, made);
                System.out.printf("| %d | %s | %s | %s | %s |%n", n, loop.isEmpty() ? "default" : loop,
                    pct(quiet), pct(storm), pct(e2s));
            } finally {
                app.stop();
                conn.close();
            }
        }
    }

    private static String stats(double[] ms) {
        if (ms.length == 0) {
            return "no samples";
        }
        double[] s = ms.clone();
        Arrays.sort(s);
        return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d samples)", q(s, 0.5), q(s, 0.99), s[s.length - 1], s.length);
    }

    private static String pct(double[] ms) {
        if (ms.length == 0) {
            return "-";
        }
        double[] s = ms.clone();
        Arrays.sort(s);
        return String.format("%.1f / %.1f / %.1f", q(s, 0.5), q(s, 0.99), s[s.length - 1]);
    }

    private static double q(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    /** A real Vireo process with the bench probes on. */
    private static final class App {
        final Process process;
        final CompletableFuture<Void> listed = new CompletableFuture<>();
        private final List<Double> late = new ArrayList<>();
        private final Map<String, ArrayDeque<Long>> pending = new HashMap<>();
        private final Map<String, ArrayDeque<Long>> shownEarly = new HashMap<>();
        private final List<Double> latencies = new ArrayList<>();

        private App(Process process) {
            this.process = process;
            Thread reader = new Thread(this::read, "app-output");
            reader.setDaemon(true);
            reader.start();
        }

        static App launch(String uri, String loop) throws IOException {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(Files.readAllLines(Path.of("src", "scripts", "jvm-options")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList());
            cmd.add("-Dvireo.bench=true");
            cmd.add("-Dvireo.bench.storm=true");
            if (!loop.isEmpty()) {
                cmd.add("-Dvireo.events=" + loop);
            }
            String cp = System.getenv().getOrDefault("VIREO_BENCH_APP_CP", "target/vireo.jar:target/lib/*");
            cmd.addAll(List.of("-cp", cp, "org.vireo.Launcher",
                "--connect", uri, "--config-dir", Files.createTempDirectory("vireo-bench").toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().putIfAbsent("GDK_GL", "disable");
            return new App(pb.start());
        }

        private void read() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("[bench] listed")) {
                        listed.complete(null);
                    } else if (line.startsWith("[bench] late ")) {
                        synchronized (this) {
                            for (String v : line.substring("[bench] late ".length()).split(" ")) {
                                late.add(Double.parseDouble(v));
                            }
                        }
                    } else if (line.startsWith("[bench] shown ")) {
                        String[] f = line.split(" ");
                        shown(f[2] + " " + f[3], Long.parseLong(f[4]));
                    }
                }
            } catch (IOException e) {
                listed.completeExceptionally(e);
            }
        }

        synchronized void made(String change, long nanos) {
            ArrayDeque<Long> early = shownEarly.get(change);
            if (early != null && !early.isEmpty()) {
                // the row can show it before this side's call returned (the event overtook the reply)
                latencies.add((early.poll() - nanos) / 1e6);
                notifyAll();
                return;
            }
            pending.computeIfAbsent(change, k -> new ArrayDeque<>()).add(nanos);
        }

        private synchronized void shown(String change, long nanos) {
            ArrayDeque<Long> q = pending.get(change);
            if (q != null && !q.isEmpty()) {
                latencies.add((nanos - q.poll()) / 1e6);
                notifyAll();
            } else if (change.contains(" paused") || change.contains(" running")) {
                shownEarly.computeIfAbsent(change, k -> new ArrayDeque<>()).add(nanos);
            }
        }

        synchronized void awaitShown(int count, int seconds) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (latencies.size() < count && System.nanoTime() < end) {
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
            }
        }

        synchronized double[] latencies() {
            return latencies.stream().mapToDouble(Double::doubleValue).toArray();
        }

        synchronized void clearLate() {
            late.clear();
        }

        synchronized double[] late() {
            double[] a = late.stream().mapToDouble(Double::doubleValue).toArray();
            return a;
        }

        long cpuTicks() throws IOException {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private EventStormBench() {
    }
}
