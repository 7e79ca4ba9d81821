package io.onionpanel.ui.monitor;

import io.onionpanel.monitor.LogEntry;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** Which log lines the view shows (lowest level and a search text), and how a line is written out. */
record LogFilter(Level minimum, String search) implements Predicate<LogEntry> {
    private static final DateTimeFormatter LINE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

    /** The choices of the level filter; tor's levels in order of severity. */
    enum Level {
        ALL("All levels", 0), INFO("Info and above", 1), NOTICE("Notice and above", 2), WARN("Warnings and errors", 3),
        ERR("Errors only", 4);

        private final String label;
        private final int rank;

        Level(String label, int rank) {
            this.label = label;
            this.rank = rank;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    static final List<String> LEVELS = List.of("DEBUG", "INFO", "NOTICE", "WARN", "ERR");

    LogFilter {
        search = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
    }

    /** Rank of a line's level; an unknown level counts as a notice rather than being hidden. */
    static int rank(String level) {
        int i = LEVELS.indexOf(level == null ? "" : level.toUpperCase(Locale.ROOT));
        return i < 0 ? 2 : i;
    }

    @Override
    public boolean test(LogEntry e) {
        if (rank(e.level()) < minimum.rank) {
            return false;
        }
        return search.isEmpty() || e.text().toLowerCase(Locale.ROOT).contains(search)
                || e.source().toLowerCase(Locale.ROOT).contains(search);
    }

    /** One line as copied or saved: local time, source, level, text. */
    static String line(LogEntry e) {
        return LINE_TIME.format(e.time()) + " " + e.source() + " [" + e.level().toLowerCase(Locale.ROOT) + "] " + e.text();
    }
}
