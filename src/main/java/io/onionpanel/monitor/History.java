package io.onionpanel.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time series and their file in the data folder: read once at start, saved every 5 minutes and on close.
 * The series are thread-safe; loading and the periodic save happen on the monitor's thread.
 */
final class History {
    private static final Logger LOG = LoggerFactory.getLogger(History.class);
    private static final Duration SAVE_EVERY = Duration.ofMinutes(5);
    private final Path dataDir;
    private final SeriesStore series = new SeriesStore();
    private long lastSaveNanos = System.nanoTime();

    History(Path dataDir) {
        this.dataDir = dataDir;
    }

    SeriesStore series() {
        return series;
    }

    void load() {
        Path file = dataDir.resolve(Monitor.HISTORY_FILE);
        try {
            series.load(file, System.currentTimeMillis());
        } catch (IOException | RuntimeException e) {
            // Keep the unreadable file for inspection and start a fresh history rather than a wrong one.
            LOG.warn("Monitoring history {} is unreadable ({}); starting a new one", file, e.toString());
            try {
                Files.move(file, file.resolveSibling(Monitor.HISTORY_FILE + ".unreadable"), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException ignored) {
                // Overwritten at the next save.
            }
        }
    }

    /**
     * Saves if anything was recorded since the last save: a monitor that never saw tor (e.g. a window whose
     * engine could not start) must not overwrite a running panel's file.
     */
    void save() {
        if (!series.modified()) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            series.save(dataDir.resolve(Monitor.HISTORY_FILE));
        } catch (IOException e) {
            LOG.warn("Cannot save the monitoring history: {}", e.toString());
        }
    }

    /** The periodic save, from the monitor's tick. */
    void saveWhenDue() {
        if (System.nanoTime() - lastSaveNanos >= SAVE_EVERY.toNanos()) {
            lastSaveNanos = System.nanoTime();
            save();
        }
    }
}
