package io.onionpanel.settings;

import java.util.Arrays;

/**
 * settings.json as the {@link SettingsWatcher} read it: its bytes and what they say, or why they say nothing
 * usable. {@code sequence} grows with each change the watcher saw, so a subscriber can drop one it already has.
 *
 * @param settings the parsed settings, or null when {@code problem} says why there are none
 * @param problem  why the file could not be read or parsed, or null
 */
public record SettingsSnapshot(long sequence, byte[] bytes, Settings settings, SettingsException problem) {

    static SettingsSnapshot read(long sequence, byte[] bytes, SettingsStore store) {
        try {
            return new SettingsSnapshot(sequence, bytes, store.parse(bytes), null);
        } catch (SettingsException e) {
            return new SettingsSnapshot(sequence, bytes, null, e);
        }
    }

    static SettingsSnapshot unreadable(long sequence, SettingsException problem) {
        return new SettingsSnapshot(sequence, null, null, problem);
    }

    public boolean ok() {
        return problem == null;
    }

    /** The settings, or the problem as the exception a caller that cannot go on throws. */
    public Settings settingsOrThrow() {
        if (problem != null) {
            throw problem;
        }
        return settings;
    }

    /** Whether the file held these bytes (the bytes an engine applied, for instance). */
    public boolean holds(byte[] other) {
        return bytes != null && Arrays.equals(bytes, other);
    }
}
