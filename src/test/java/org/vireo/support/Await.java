package org.vireo.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition on the calling thread, polling it, and fails with what was awaited and
 * the timeout. Conditions read on the FX thread go through {@link Fx#await} instead.
 */
public final class Await {
    /** How often a cheap condition is read. */
    private static final Duration EVERY = Duration.ofMillis(20);

    private Await() {
    }

    /** Polls {@code condition} every 20 ms until it holds; fails with {@code what} after {@code timeout}. */
    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        until(timeout, EVERY, what, condition);
    }

    /**
     * Polls {@code condition} every {@code every} until it holds (for conditions that cost a
     * process, such as virsh); fails with {@code what} after {@code timeout}.
     */
    public static void until(Duration timeout, Duration every, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
