package io.onionpanel.monitor;

import io.onionpanel.settings.MonitorSettings;
import io.onionpanel.settings.Settings;
import io.onionpanel.settings.SettingsException;
import io.onionpanel.settings.SettingsStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * What the monitor takes from settings.json: its own section and which services are turned off. Re-read on
 * the monitor's thread, parsed only when the file's bytes changed.
 */
final class MonitorSettingsFeed {
    private final SettingsStore store;
    private byte[] lastBytes;
    private MonitorSettings settings = MonitorSettings.defaults();
    /** Services the operator turned off: no health to report, nothing to notify. */
    private Set<String> disabled = Set.of();

    MonitorSettingsFeed(Path dataDir) {
        this.store = new SettingsStore(dataDir);
    }

    /** Reads the file; true when what the monitor takes from it may have changed. */
    boolean refresh() {
        byte[] bytes;
        Settings s;
        try {
            bytes = store.readBytes();
            if (Arrays.equals(bytes, lastBytes)) {
                return false;
            }
            s = store.parse(bytes);
        } catch (SettingsException e) {
            return false; // the engine reports a broken settings file
        }
        lastBytes = bytes;
        settings = s.monitor();
        Set<String> off = new HashSet<>();
        s.services().stream().filter(c -> !c.enabled()).forEach(c -> off.add(c.name()));
        disabled = Set.copyOf(off);
        return true;
    }

    MonitorSettings settings() {
        return settings;
    }

    boolean disabled(String service) {
        return disabled.contains(service);
    }
}
