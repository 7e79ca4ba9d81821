package io.onionpanel.monitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The newest log entries, at most {@code capacity}, already redacted. Thread-safe. */
final class LogBuffer {
    private final LogEntry[] ring;
    private long next;

    LogBuffer(int capacity) {
        ring = new LogEntry[capacity];
    }

    /** Redacts and keeps one line; returns the entry as stored. */
    synchronized LogEntry add(Instant time, String source, String level, String text) {
        LogEntry e = new LogEntry(next, time, source, level, LogRedaction.redact(text));
        ring[(int) (next % ring.length)] = e;
        next++;
        return e;
    }

    synchronized List<LogEntry> recent(int max) {
        int n = (int) Math.min(Math.min(max, ring.length), next);
        List<LogEntry> out = new ArrayList<>(Math.max(0, n));
        for (long s = next - n; s < next; s++) {
            out.add(ring[(int) (s % ring.length)]);
        }
        return out;
    }
}
