package io.onionpanel.engine;

import io.onionpanel.common.DaemonThreads;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps an always-on engine trying: a tor that failed to start or bootstrap (no network yet at boot, a bridge
 * down) is started again after 10 s, 30 s, 1 min, 2 min, then every 5 min, until it runs. Crashes of a running tor
 * are the engine's own business (its crash restarts); this covers what ends in FAILED.
 */
public final class TorRetries implements EngineListener, AutoCloseable {
    static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(2), Duration.ofMinutes(5));

    private final Engine engine;
    private final Consumer<String> notice;
    private final List<Duration> backoff;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.factory("onion-panel-tor-retries"));
    private int failures;
    private ScheduledFuture<?> pending;

    public TorRetries(Engine engine, Consumer<String> notice) {
        this(engine, notice, BACKOFF);
    }

    TorRetries(Engine engine, Consumer<String> notice, List<Duration> backoff) {
        this.engine = engine;
        this.notice = notice;
        this.backoff = List.copyOf(backoff);
    }

    /** Starts tor now, on the retry thread. */
    public void startNow() {
        timer.execute(this::attempt);
    }

    private void attempt() {
        synchronized (this) {
            pending = null; // this very task: a failure below schedules the next
        }
        try {
            engine.startOrRecover();
        } catch (EngineException e) {
            // Also a FAILED status, but the same one again is no new event: schedule from here too.
            synchronized (this) {
                schedule();
            }
        }
    }

    @Override
    public synchronized void torStatusChanged(TorStatus status) {
        switch (status.state()) {
            case RUNNING -> failures = 0;
            case FAILED -> schedule();
            case STOPPED -> {
                // Stopped on purpose (the window's Stop tor): no retry until tor is started again.
                if (pending != null) {
                    pending.cancel(false);
                }
            }
            default -> { }
        }
    }

    private void schedule() {
        if (timer.isShutdown() || (pending != null && !pending.isDone())) {
            return;
        }
        Duration wait = backoff.get(Math.min(failures, backoff.size() - 1));
        failures++;
        notice.accept("tor failed; trying again in " + describe(wait));
        pending = timer.schedule(this::attempt, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    static String describe(Duration d) {
        return d.toSeconds() < 60 ? d.toSeconds() + " s" : d.toMinutes() + " min";
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
