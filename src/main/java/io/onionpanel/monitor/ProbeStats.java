package io.onionpanel.monitor;

import io.onionpanel.probe.SelfProbeResult;
/**
 * Self-probe figures of one service: the round-trip times of the warm answered probes of the last
 * {@link #WINDOW_MILLIS} (at most {@link #WINDOW} of them) for p50/p95, and totals since the panel started (a
 * counter starts at zero with the process; Prometheus understands a reset). A cold probe (the first over new
 * circuits, seconds where the others take a fraction) counts in the totals but not in p50/p95: one of them
 * would otherwise be the p95 for as long as it stayed among the last probes. Thread-safe.
 */
final class ProbeStats {
    static final int WINDOW = 20;
    /** p50/p95 follow the last ten minutes, so one slow spell leaves the line once it is over. */
    static final long WINDOW_MILLIS = 10 * 60_000;
    private final double[] recent = new double[WINDOW];
    private final long[] recentAt = new long[WINDOW];
    private int recentCount;
    private int next;
    private long answered;
    private double sumSeconds;
    private long failures;
    private int failuresInRow;
    private SelfProbeResult last;

    synchronized void add(SelfProbeResult r, boolean cold) {
        last = r;
        if (r.clientAuthOnly()) {
            failuresInRow = 0;
        } else if (r.answered()) {
            answered++;
            sumSeconds += r.rttMillis() / 1000.0;
            if (!cold) {
                recent[next] = r.rttMillis();
                recentAt[next] = r.at().toEpochMilli();
                next = (next + 1) % WINDOW;
                recentCount = Math.min(WINDOW, recentCount + 1);
            }
            failuresInRow = 0;
        } else {
            failures++;
            failuresInRow++;
        }
    }

    /**
     * The q-quantile (0..1) in ms (nearest rank) of the warm round-trip times within {@link #WINDOW_MILLIS} of
     * {@code nowMillis}, NaN when none.
     */
    synchronized double quantileMillis(double q, long nowMillis) {
        double[] inWindow = new double[recentCount];
        int n = 0;
        for (int i = 0; i < recentCount; i++) {
            if (nowMillis - recentAt[i] <= WINDOW_MILLIS) {
                inWindow[n++] = recent[i];
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        double[] sorted = java.util.Arrays.copyOf(inWindow, n);
        java.util.Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * n);
        return sorted[Math.max(0, Math.min(n - 1, rank - 1))];
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
