package io.onionpanel.engine;

import io.onionpanel.tor.TorHandle;
import io.onionpanel.tor.TorProcess;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A tor that exits by itself (a crash, a kill, an attached tor going away): say so with tor's last words, mark the
 * services stopped, and launch (or reconnect) again after 1, 2, 4 … up to 60 s, counted from the last time a tor
 * bootstrapped, so that a tor that dies at once does not spin. Engine thread.
 */
final class CrashRestarts {
    private static final int MAX_BACKOFF_SECONDS = 60;

    /** The tor lifecycle as crash handling sees it. */
    interface Lifecycle {
        int generation();

        /** The engine runs (not stopped or shutting down). */
        boolean running();

        /** A tor is in use (launched again since the crash). */
        boolean hasTor();

        boolean attached();

        /** Forgets the dead tor (its handle, SOCKS port and control connection). */
        void forget();

        void servicesDown();

        void launch() throws EngineException;
    }

    private final ScheduledExecutorService thread;
    private final Timescale time;
    private final StatusBoard board;
    private final Lifecycle lifecycle;
    private int attempt;

    CrashRestarts(ScheduledExecutorService thread, Timescale time, StatusBoard board, Lifecycle lifecycle) {
        this.thread = thread;
        this.time = time;
        this.board = board;
        this.lifecycle = lifecycle;
    }

    /** A tor bootstrapped: the next crash waits one second again. */
    void reset() {
        attempt = 0;
    }

    /** The tor of generation {@code gen} exited; ignored when the engine stopped or replaced it on purpose. */
    void exited(int gen, TorHandle process) {
        if (gen != lifecycle.generation() || !lifecycle.running()) {
            return;
        }
        lifecycle.forget();
        String what = process.exitDescription();
        int delay = nextBackoff();
        String again = lifecycle.attached() ? "reconnecting" : "restarting";
        board.error(what + "; " + again + " in " + delay + " s" + (process instanceof TorProcess p ? p.lastOutput() : ""));
        lifecycle.servicesDown();
        board.setTorStatus(board.torStatus().with(TorStatus.State.RESTARTING, what + "; " + again + " in " + delay + " s"));
        thread.schedule(() -> relaunch(gen), time.millis(delay), TimeUnit.MILLISECONDS);
    }

    private void relaunch(int gen) {
        if (gen != lifecycle.generation() || !lifecycle.running() || lifecycle.hasTor()) {
            return;
        }
        try {
            lifecycle.launch();
        } catch (EngineException e) {
            int delay = nextBackoff();
            board.error("Restarting tor failed: " + e.getMessage() + " Trying again in " + delay + " s.");
            int current = lifecycle.generation();
            thread.schedule(() -> relaunch(current), time.millis(delay), TimeUnit.MILLISECONDS);
        }
    }

    private int nextBackoff() {
        return Math.min(MAX_BACKOFF_SECONDS, 1 << Math.min(attempt++, 6));
    }
}
