package io.onionpanel.monitor;

import java.time.Instant;
import java.util.List;

/**
 * The log the window shows: tor's lines, the engine's notices and errors and the panel's own warnings, each
 * told to the listeners as it is added. Added to on the monitor's thread; read from any.
 */
final class MonitorLog {
    private static final int CAPACITY = 2_000;
    private final LogBuffer buffer = new LogBuffer(CAPACITY);
    private final Listeners listeners;

    MonitorLog(Listeners listeners) {
        this.listeners = listeners;
    }

    void add(Instant time, String source, String level, String text) {
        LogEntry e = buffer.add(time, source, level, text);
        listeners.fire(l -> l.logAdded(e));
    }

    /** A line of the panel's own, now. */
    void panel(String level, String text) {
        add(Instant.now(), "panel", level, text);
    }

    List<LogEntry> recent(int max) {
        return buffer.recent(max);
    }
}
