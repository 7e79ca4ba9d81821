package io.onionpanel.monitor;

import io.onionpanel.common.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The monitor's own thread. Every piece of the monitor's state lives on it, so none of its collaborators
 * needs a lock; other threads (the engine's, the window's, the probes') hand work over and never block on it.
 */
final class MonitorThread {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.factory("onion-panel-monitor"));

    /** Queues a task; false once the monitor is closing. */
    boolean run(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Runs a task and waits for its result (at most 10 s): for the few callers that need an answer. */
    <T> T call(Callable<T> task) {
        try {
            return executor.submit(task).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a task later; false once the monitor is closing. */
    boolean schedule(Runnable task, Duration delay) {
        try {
            executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Runs a task at the start of every wall-clock second, so the series' samples fall on whole seconds. */
    void everySecond(Runnable task) {
        executor.scheduleAtFixedRate(task, 1_000 - System.currentTimeMillis() % 1_000, 1_000, TimeUnit.MILLISECONDS);
    }

    /** Runs a last task and waits for it, at most {@code timeout}; then stops the thread. */
    void finish(Runnable last, Duration timeout) throws Exception {
        try {
            executor.submit(last).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            executor.shutdownNow();
        }
    }
}
