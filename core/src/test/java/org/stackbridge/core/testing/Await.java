package org.stackbridge.core.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition instead of sleeping a fixed time: polls it until it holds, failing after {@code timeout}. */
public final class Await {

    private static final long POLL_MILLIS = 20;

    private Await() {
    }

    public static void until(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting until " + what);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
