package io.onionpanel.monitor;

import io.onionpanel.probe.SelfProbeResult;
/**
 * Self-probe figures of one service: the round-trip times of the last {@link #WINDOW} answered probes (for
 * p50/p95), and totals since the panel started (a counter starts at zero with the process; Prometheus
 * understands a reset). Thread-safe.
 */
final class ProbeStats {
    static final int WINDOW = 20;
    private final double[] recent = new double[WINDOW];
    private int recentCount;
    private int next;
    private long answered;
    private double sumSeconds;
    private long failures;
    private int failuresInRow;
    private SelfProbeResult last;

    synchronized void add(SelfProbeResult r) {
        last = r;
        if (r.clientAuthOnly()) {
            failuresInRow = 0;
        } else if (r.answered()) {
            answered++;
            sumSeconds += r.rttMillis() / 1000.0;
            recent[next] = r.rttMillis();
            next = (next + 1) % WINDOW;
            recentCount = Math.min(WINDOW, recentCount + 1);
            failuresInRow = 0;
        } else {
            failures++;
            failuresInRow++;
        }
    }

    /** The q-quantile (0..1) of the recent round-trip times in ms (nearest rank), NaN when none. */
    synchronized double quantileMillis(double q) {
        if (recentCount == 0) {
            return Double.NaN;
        }
        double[] sorted = java.util.Arrays.copyOf(recent, recentCount);
        java.util.Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * recentCount);
        return sorted[Math.max(0, Math.min(recentCount - 1, rank - 1))];
    }

    synchronized long answered() {
        return answered;
    }

    synchronized double sumSeconds() {
        return sumSeconds;
    }

    synchronized long failures() {
        return failures;
    }

    synchronized int failuresInRow() {
        return failuresInRow;
    }

    synchronized SelfProbeResult last() {
        return last;
    }
}
