package io.onionpanel.common;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits in tests off the FX thread (GUI tests use {@code ui/FxWait}): polls a condition until it holds. */
public final class Poll {
    private Poll() {
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
