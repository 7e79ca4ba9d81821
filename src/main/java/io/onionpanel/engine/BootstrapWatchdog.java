package io.onionpanel.engine;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The time limit for a tor to bootstrap in (the settings' bootstrap timeout): a tor that never reaches the network
 * would otherwise sit at "Bootstrapping 5 %" forever. Past the limit the engine hears where tor was stuck and what
 * it last logged. Engine thread.
 */
final class BootstrapWatchdog {
    private final ScheduledExecutorService thread;
    private final Timescale time;
    private final StatusBoard board;
    private final TorLogTail tail;
    private ScheduledFuture<?> pending;

    BootstrapWatchdog(ScheduledExecutorService thread, Timescale time, StatusBoard board, TorLogTail tail) {
        this.thread = thread;
        this.time = time;
        this.board = board;
        this.tail = tail;
    }

    /**
     * Starts the clock for the tor just launched. {@code stillCurrent} is false once that tor has been replaced, so a
     * late timer of an earlier tor does nothing.
     */
    void arm(int seconds, BooleanSupplier stillCurrent, Consumer<String> timedOut) {
        disarm();
        pending = thread.schedule(() -> {
            if (!stillCurrent.getAsBoolean() || board.torStatus().state() == TorStatus.State.RUNNING) {
                return;
            }
            timedOut.accept("tor did not finish bootstrapping within " + seconds + " s: stuck at " + board.torStatus().progress()
                    + " % (" + board.torStatus().summary() + ")." + tail.lastWords());
        }, time.millis(seconds), TimeUnit.MILLISECONDS);
    }

    void disarm() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
