package io.onionpanel.ui;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.testfx.util.WaitForAsyncUtils;

/** Waits in GUI tests: polls on the test thread, letting the FX thread run between polls, until a condition holds. */
public final class FxWait {
    /** Enough for a window fed by fakes; tests that wait on a real tor give their own timeout. */
    private static final Duration DEFAULT = Duration.ofSeconds(10);

    private FxWait() {
    }

    public static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT, condition);
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS, () -> {
                WaitForAsyncUtils.waitForFxEvents();
                return condition.getAsBoolean();
            });
        } catch (TimeoutException e) {
            throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
        }
    }
}
