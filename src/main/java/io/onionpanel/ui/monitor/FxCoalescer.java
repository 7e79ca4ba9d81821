package io.onionpanel.ui.monitor;

import io.onionpanel.common.DaemonThreads;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;

/**
 * Turns a flood of events from the monitor's thread into at most one FX-thread task per interval: the first
 * event after a quiet spell schedules a drain, later ones only leave their data for it. However many events
 * arrive (10,000 a second in the benchmark), the FX thread sees a few batches a second.
 */
abstract class FxCoalescer {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.factory("onion-panel-ui-coalesce"));

    private final long intervalMillis;
    private final Executor fx;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile long lastDrainNanos;

    FxCoalescer(long intervalMillis, Executor fx) {
        this.intervalMillis = intervalMillis;
        this.fx = fx;
    }

    static Executor fxThread() {
        return Platform::runLater;
    }

    /** Called after new data was left for the next drain. */
    final void wake() {
        if (scheduled.compareAndSet(false, true)) {
            long sinceLast = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastDrainNanos);
            long wait = Math.max(0, intervalMillis - sinceLast);
            TIMER.schedule(() -> fx.execute(this::runDrain), wait, TimeUnit.MILLISECONDS);
        }
    }

    private void runDrain() {
        lastDrainNanos = System.nanoTime();
        // Cleared before taking the data: an event arriving during the drain schedules the next one.
        scheduled.set(false);
        drain();
    }

    /** Takes what has arrived and applies it; runs on the FX executor. */
    protected abstract void drain();
}
