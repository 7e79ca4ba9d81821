package io.onionpanel.monitor;

import io.onionpanel.settings.MonitorSettings;
import io.onionpanel.settings.Settings;
import io.onionpanel.settings.SettingsSnapshot;
import io.onionpanel.settings.SettingsWatcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the monitor takes from settings.json: its own section and which services are turned off. The process's
 * {@link SettingsWatcher} reads the file; each change is taken on the monitor's thread.
 */
final class MonitorSettingsFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorSettingsFeed.class);
    /** The engine looks every second; the monitor's settings can wait longer when it runs alone. */
    private static final Duration AT_LEAST_EVERY = Duration.ofSeconds(5);

    private final AutoCloseable subscription;
    // Monitor thread.
    private MonitorSettings settings = MonitorSettings.defaults();
    /** Services the operator turned off: no health to report, nothing to notify. */
    private Set<String> disabled = Set.of();
    /** Load-balanced frontends: Onionbalance publishes them with their backends' introduction points. */
    private Set<String> frontends = Set.of();

    /** {@code changed} runs on the monitor's thread after each change was taken. */
    MonitorSettingsFeed(Path dataDir, MonitorThread thread, Runnable changed) {
        this.subscription = SettingsWatcher.of(dataDir).subscribe(AT_LEAST_EVERY, snapshot -> thread.run(() -> {
            if (take(snapshot)) {
                changed.run();
            }
        }));
    }

    /** A broken file is the engine's to report: the monitor keeps what it had. */
    private boolean take(SettingsSnapshot snapshot) {
        if (!snapshot.ok()) {
            return false;
        }
        Settings s = snapshot.settings();
        settings = s.monitor();
        Set<String> off = new HashSet<>();
        s.services().stream().filter(c -> !c.enabled()).forEach(c -> off.add(c.name()));
        disabled = Set.copyOf(off);
        frontends = s.services().stream().filter(c -> c.balance().frontendRole()).map(c -> c.name())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        return true;
    }

    MonitorSettings settings() {
        return settings;
    }

    boolean frontend(String service) {
        return frontends.contains(service);
    }

    boolean disabled(String service) {
        return disabled.contains(service);
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("Settings subscription: {}", e.toString());
        }
    }
}
