package io.onionpanel.monitor;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What the window and the metrics endpoint read from the monitor. Every method is thread-safe. */
public interface MonitorView {
    /** At most {@code maxPoints} points covering {@code range} up to now, downsampled (min/max kept) when needed. */
    SeriesPoints series(String key, TimeRange range, int maxPoints);

    List<CircuitRow> circuits();

    List<ServiceHealth> health();

    /** The newest log entries, oldest first, at most {@code max}. */
    List<LogEntry> recentLog(int max);

    /** SIGNAL NEWNYM, respecting tor's rate limit; completes with what happened in words. */
    CompletableFuture<String> requestNewCircuits();

    void addListener(MonitorListener listener);

    void removeListener(MonitorListener listener);
}
