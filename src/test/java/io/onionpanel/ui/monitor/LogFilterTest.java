package io.onionpanel.ui.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.monitor.LogEntry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogFilterTest {
    private static LogEntry entry(String level, String text) {
        return new LogEntry(1, Instant.parse("2026-11-25T00:00:00Z"), "tor", level, text);
    }

    @Test
    void levelAndSearch() {
        LogFilter warn = new LogFilter(LogFilter.Level.WARN, "");
        assertTrue(warn.test(entry("WARN", "x")));
        assertTrue(warn.test(entry("ERR", "x")));
        assertFalse(warn.test(entry("NOTICE", "x")));
        assertTrue(new LogFilter(LogFilter.Level.NOTICE, "").test(entry("odd", "unknown levels count as notices")));
        LogFilter search = new LogFilter(LogFilter.Level.ALL, "  DeScRiptor ");
        assertTrue(search.test(entry("DEBUG", "Uploaded descriptor")));
        assertFalse(search.test(entry("INFO", "circuit built")));
        assertTrue(new LogFilter(LogFilter.Level.ALL, "panel").test(new LogEntry(1, Instant.EPOCH, "panel", "INFO", "x")));
        assertTrue(LogFilter.line(entry("NOTICE", "Bootstrapped 100%")).endsWith(" tor [notice] Bootstrapped 100%"));
        assertEquals(4, LogFilter.rank("err"));
    }
}
