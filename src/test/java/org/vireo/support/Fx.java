package org.vireo.support;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.testfx.util.WaitForAsyncUtils;

/** Waiting on conditions that must be read on the FX thread. */
public final class Fx {
    private Fx() {
    }

    /** Reads a value on the FX thread. */
    public static <T> T get(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("FX read failed", e);
        }
    }

    /** Polls {@code condition} on the FX thread until true; fails with {@code what} after {@code timeout}. */
    public static void await(Duration timeout, String what, Supplier<Boolean> condition) {
        Await.until(timeout, what, () -> Boolean.TRUE.equals(get(condition::get)));
    }

    /** Measures how long until {@code condition} holds, in ms; fails after {@code timeout}. */
    public static long timeUntil(Duration timeout, String what, Supplier<Boolean> condition) {
        long start = System.nanoTime();
        await(timeout, what, condition);
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Clicks the node of a query once it is on screen (a tree or table may not have drawn it yet). */
    public static void clickWhenShown(org.testfx.api.FxRobot robot, String query) {
        await(Duration.ofSeconds(10), query + " shown", () -> robot.lookup(query).tryQuery().isPresent());
        robot.clickOn(query);
    }

    public static void run(Runnable action) {
        get(() -> {
            action.run();
            return null;
        });
    }
}
