package io.onionpanel.monitor;

import java.time.Instant;

/**
 * One line for the log view, already redacted: {@code source} is "tor" or "panel", {@code level} one of
 * DEBUG, INFO, NOTICE, WARN, ERR. {@code sequence} increases by one per entry.
 */
public record LogEntry(long sequence, Instant time, String source, String level, String text) {
}
