package org.vireo.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.vireo.console.ConsoleService;
import org.vireo.console.GraphicsLink;
import org.vireo.console.RfbClient;
import org.vireo.host.HostConnector;
import org.vireo.host.HostOptions;
import org.vireo.host.HostSession;
import org.vireo.libvirt.VirtConnection;
import org.vireo.support.GuestShell;
import org.vireo.ui.DomainRowViewModel;
import org.vireo.ui.MainViewModel;
import org.vireo.ui.MainWindow;
import org.vireo.ui.VireoApp;
import org.vireo.ui.console.ConsolePane;
import org.vireo.ui.console.ConsoleTab;
import org.vireo.ui.console.GraphicalConsoleViewModel;

/**
 * The console benchmark: a Vireo window shows lab-alpha's graphical console while the
 * guest scrolls text on tty1. Prints updates decoded and drawn per second, the process's
 * CPU, memory added by the open console, and key-to-glyph latency next to a bare RFB
 * client's (the protocol floor). Args: LAB_URI [SECONDS].
 */
public final class ConsoleBench {
    static String uri;
    static final CompletableFuture<App> STARTED = new CompletableFuture<>();

    /** The window (a class that extends Application cannot be the main class on the classpath). */
    public static final class App extends Application {
        MainViewModel model;
        Scene scene;

        @Override
        public void start(Stage stage) {
            model = new MainViewModel(HostOptions.defaults(), uris -> { });
            String[] size = System.getProperty("vireo.bench.window", "1280x800").split("x");
            scene = VireoApp.createScene(model, Integer.parseInt(size[0]), Integer.parseInt(size[1]));
            stage.setScene(scene);
            stage.show();
            model.openAll(List.of(uri));
            STARTED.complete(this);
        }

        private DomainRowViewModel row(String name) {
            return model.hosts().isEmpty() ? null
                : model.hosts().getFirst().domains().stream().filter(r -> r.getName().equals(name)).findFirst().orElse(null);
        }
    }

    public static void main(String[] args) throws Exception {
        uri = args[0];
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Thread fx = new Thread(() -> Application.launch(App.class), "fx-launch");
        fx.setDaemon(true);
        fx.start();
        App app = STARTED.get(30, TimeUnit.SECONDS);
        String guest = "lab-alpha";
        await(Duration.ofSeconds(30), () -> fx(() -> app.row(guest) != null));
        fx(() -> {
            app.model.selectedDomainProperty().set(app.row(guest));
            return null;
        });
        ConsoleTab tab = fx(() -> ((MainWindow) app.scene.getRoot()).domainPage().console());
        Thread.sleep(3000);
        System.gc();
        Thread.sleep(1000);
        long rssBefore = rssKiB();
        fx(() -> {
            tab.getTabPane().getSelectionModel().select(tab);
            return null;
        });
        ConsolePane pane = fx(tab::pane);
        if (false) {
            fx(() -> {
                for (var t : tab.getTabPane().getTabs()) {
                    if (t != tab) {
                        t.setContent(null);
                    }
                }
                var sp = (javafx.scene.layout.StackPane) ((MainWindow) app.scene.getRoot()).domainPage().getParent();
                sp.getChildren().removeIf(n -> !n.isVisible());
                return null;
            });
        }
        if (System.getProperty("vireo.bench.scale", "fit").equals("1:1")) {
            fx(() -> {
                ((javafx.scene.control.ToggleButton) pane.lookup("#consoleOneToOneButton")).fire();
                return null;
            });
        }
        await(Duration.ofSeconds(30), () -> fx(() -> pane.graphics().phaseProperty().get() == GraphicalConsoleViewModel.Phase.CONNECTED
            && pane.framesDrawn() > 0));
        Thread.sleep(3000);
        System.gc();
        Thread.sleep(1000);
        long rssAfter = rssKiB();

        String uuid = virsh("domuuid", guest);
        try (VirtConnection conn = VirtConnection.open(uri); GuestShell shell = GuestShell.open(conn, uuid)) {
            // the scrolling workload: a loop printing lines on the VGA console
            shell.start("i=0; while :; do i=$((i+1)); echo scrolling line $i of the console benchmark; done >/dev/tty1");
            Thread.sleep(5000);
            long u0 = pane.graphics().updatesDecoded();
            long d0 = fx(pane::framesDrawn);
            long dn0 = fx(pane::drawNanos);
            long b0 = pane.graphics().bytesIn();
            long cpu0 = cpuTicks();
            String xPid = xServerPid();
            long x0 = xPid == null ? 0 : cpuTicks(xPid);
            java.util.Map<String, Long> threads0 = threadCpu();
            long t0 = System.nanoTime();
            System.out.printf("   measuring %d s (scene of %d nodes)%n", seconds, fx(() -> nodes(app.scene.getRoot())));
            if (Boolean.getBoolean("vireo.bench.nodes")) {
                fx(() -> { tree(app.scene.getRoot(), 0); return null; });
            }
            Thread.sleep(seconds * 1000L);
            java.util.Map<String, Long> threads1 = threadCpu();
            long u1 = pane.graphics().updatesDecoded();
            long d1 = fx(pane::framesDrawn);
            long dn1 = fx(pane::drawNanos);
            long b1 = pane.graphics().bytesIn();
            long cpu1 = cpuTicks();
            long x1 = xPid == null ? 0 : cpuTicks(xPid);
            double secs = (System.nanoTime() - t0) / 1e9;
            shell.run("kill $!", 10_000);
            double span = (System.nanoTime() - t0) / 1e9;
            threads1.entrySet().stream()
                .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - threads0.getOrDefault(e.getKey(), 0L)))
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(8)
                .forEach(e -> System.out.printf("   thread %-40s %.1f %% of a core%n", e.getKey(), e.getValue() / 1e9 / span * 100));
            double cpuPct = (cpu1 - cpu0) / 100.0 / secs * 100;
            System.out.printf("   FX thread taking frames into the image: %.2f ms per frame%n", (dn1 - dn0) / 1e6 / Math.max(1, d1 - d0));
            System.out.printf("[figure] scrolling: decoded %.1f updates/s, drawn %.1f/s, %.2f MB/s in, CPU %.1f %% of a core (whole process, %d s)%n",
                (u1 - u0) / secs, (d1 - d0) / secs, (b1 - b0) / secs / 1e6, cpuPct, seconds);
            if (xPid != null) {
                System.out.printf("[figure] the X server (pid %s) meanwhile: %.2f %% of a core%n", xPid, (x1 - x0) / 100.0 / secs * 100);
            }
        }
        System.out.printf("[figure] memory added by an open console: %d MiB RSS%n", (rssAfter - rssBefore) / 1024);

        Thread.sleep(1500);
        List<Double> vireo = latency(pane, 20);
        fx(() -> {
            pane.setLive(false);
            return null;
        });
        List<Double> floor = bareLatency(uuid, 20);
        System.out.printf("[figure] key to glyph: Vireo drawn median %.1f ms (min %.1f, max %.1f); bare client decoded median %.1f ms (min %.1f, max %.1f)%n",
            median(vireo), vireo.getFirst(), vireo.getLast(), median(floor), floor.getFirst(), floor.getLast());
        fx(() -> {
            app.model.stopAll();
            Platform.exit();
            return null;
        });
        System.exit(0);
    }

    /** Types a letter then Backspace, n times, timing each key until Vireo has drawn the change. */
    private static List<Double> latency(ConsolePane pane, int n) throws Exception {
        List<Double> ms = new ArrayList<>();
        int[] keys = {0x1e, 0x0e}; // a, Backspace
        for (int i = 0; i < n; i++) {
            int sc = keys[i % 2];
            long t0 = System.nanoTime();
            pane.graphics().key(true, 0, sc);
            pane.graphics().key(false, 0, sc);
            while (pane.lastDrawNanos() < t0) {
                Thread.onSpinWait();
            }
            ms.add((pane.lastDrawNanos() - t0) / 1e6);
            Thread.sleep(400);
        }
        ms.sort(null);
        return ms;
    }

    /** The same keys through a bare RFB client without any drawing: the protocol's floor. */
    private static List<Double> bareLatency(String uuid, int n) throws Exception {
        HostSession session = new HostSession(uri, HostOptions.defaults().withPollInterval(Duration.ofMinutes(5)), s -> { });
        session.start();
        ConsoleService consoles = new ConsoleService(session, HostConnector.DIRECT);
        GraphicsLink link = consoles.openGraphics(uuid);
        AtomicLong last = new AtomicLong();
        CountDownLatch first = new CountDownLatch(1);
        RfbClient client = new RfbClient(link.in(), link.out(), null, new RfbClient.Listener() {
            @Override
            public void updated() {
                last.set(System.nanoTime());
                first.countDown();
            }
        });
        Thread.ofPlatform().daemon().start(() -> {
            try {
                client.run();
            } catch (Exception ignored) {
                // closed below
            }
        });
        first.await(20, TimeUnit.SECONDS);
        while (!client.hasExtendedKeys()) {
            Thread.sleep(10);
        }
        Thread.sleep(1500);
        List<Double> ms = new ArrayList<>();
        int[] keys = {0x1e, 0x0e};
        for (int i = 0; i < n; i++) {
            int sc = keys[i % 2];
            long t0 = System.nanoTime();
            client.key(true, 0, sc);
            client.key(false, 0, sc);
            while (last.get() < t0) {
                Thread.onSpinWait();
            }
            ms.add((last.get() - t0) / 1e6);
            Thread.sleep(400);
        }
        client.close();
        link.close();
        session.stop();
        ms.sort(null);
        return ms;
    }

    /** CPU time per live thread, by name (JIT and GC threads included, as the JVM lists them). */
    private static java.util.Map<String, Long> threadCpu() {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> m = new java.util.HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            long ns = mx.getThreadCpuTime(t.threadId());
            if (ns > 0) {
                m.merge(t.getName(), ns, Long::sum);
            }
        }
        return m;
    }

    private static void tree(javafx.scene.Node n, int depth) {
        int c = nodes(n);
        if (c < 40) {
            return;
        }
        System.out.printf("%s%s#%s %s visible=%s %d%n", "  ".repeat(depth), n.getClass().getSimpleName(), n.getId(), n.getStyleClass(), n.isVisible(), c);
        if (n instanceof javafx.scene.Parent p) {
            for (javafx.scene.Node k : p.getChildrenUnmodifiable()) {
                tree(k, depth + 1);
            }
        }
    }

    private static int nodes(javafx.scene.Node n) {
        int c = 1;
        if (n instanceof javafx.scene.Parent p) {
            for (javafx.scene.Node k : p.getChildrenUnmodifiable()) {
                c += nodes(k);
            }
        }
        return c;
    }

    private static double median(List<Double> sorted) {
        return sorted.get(sorted.size() / 2);
    }

    private static long cpuTicks() throws Exception {
        return cpuTicks("self");
    }

    /** The X server of this display when it runs here (Xvfb): a console drawn straight to X costs it some CPU. */
    private static String xServerPid() {
        String display = System.getenv("DISPLAY");
        if (display == null) {
            return null;
        }
        String want = display.replaceAll("\\.\\d+$", "");
        return ProcessHandle.allProcesses()
            .filter(p -> p.info().command().map(c -> c.endsWith("/Xvfb") || c.endsWith("/Xorg")).orElse(false))
            .filter(p -> p.info().arguments().map(a -> a.length > 0 && a[0].equals(want)).orElse(false))
            .map(p -> String.valueOf(p.pid())).findFirst().orElse(null);
    }

    private static long cpuTicks(String pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long rssKiB() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }

    private static String virsh(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("virsh", "-q", "-c", uri));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return out;
    }

    private static <T> T fx(java.util.concurrent.Callable<T> read) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(read.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(10, TimeUnit.SECONDS);
    }

    private static void await(Duration d, java.util.concurrent.Callable<Boolean> c) throws Exception {
        long end = System.nanoTime() + d.toNanos();
        while (!c.call()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(50);
        }
    }
}
