package org.vireo.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.stage.Stage;

/**
 * What JavaFX's software pipeline costs by itself at the console's frame rate: a window of
 * the same size whose only change is one 4x4 square (or, with a fourth argument, a 720x400
 * area: a scrolling console's), 33 times a second. Args: WIDTH HEIGHT SECONDS [console|square [PERIOD_MS]]:
 * a period of 1000 is the monitoring tick's rate, 0 an idle window (the toolkit's own floor).
 */
public final class PulseFloorBench {
    static final CompletableFuture<Rectangle> STARTED = new CompletableFuture<>();
    static int width;
    static int height;
    static double side = 4;
    static boolean square = true;

    public static final class App extends Application {
        @Override
        public void start(Stage stage) {
            Rectangle r = new Rectangle(side, side * (square ? 1 : 400.0 / 720), Color.BLACK);
            StackPane root = new StackPane(r);
            stage.setScene(new Scene(root, width, height));
            stage.show();
            STARTED.complete(r);
        }
    }

    public static void main(String[] args) throws Exception {
        width = Integer.parseInt(args[0]);
        height = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int period = args.length > 4 ? Integer.parseInt(args[4]) : 30;
        if (args.length > 3 && args[3].equals("console")) {
            // the changed area of a scrolling console at 1:1: 720x400
            side = 720;
            square = false;
        }
        Thread t = new Thread(() -> Application.launch(App.class));
        t.setDaemon(true);
        t.start();
        Rectangle r = STARTED.get(30, TimeUnit.SECONDS);
        var timer = Executors.newSingleThreadScheduledExecutor();
        int[] n = {0};
        if (period > 0) {
            timer.scheduleAtFixedRate(() -> Platform.runLater(() -> r.setFill(++n[0] % 2 == 0 ? Color.BLACK : Color.WHITE)),
                period, period, TimeUnit.MILLISECONDS);
        }
        Thread.sleep(5000);
        long c0 = ticks();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double pct = (ticks() - c0) / 100.0 / ((System.nanoTime() - t0) / 1e9) * 100;
        System.out.printf("[figure] JavaFX software pipeline alone, %dx%d window, %s: CPU %.2f %% of a core%n",
            width, height, period > 0 ? String.format("a %.0f px wide change every %d ms", side, period) : "idle", pct);
        System.exit(0);
    }

    private static long ticks() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
