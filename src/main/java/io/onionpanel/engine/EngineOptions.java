package io.onionpanel.engine;

import io.onionpanel.settings.AttachSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How one engine runs, beyond the persisted settings.
 *
 * @param dataDir             the data folder (settings, keys, tor state)
 * @param torOverride         a tor binary for this run only (run --tor), or null to follow the settings
 * @param extraTorrcLines     validated torrc lines for this run only (run --torrc-append)
 * @param settingsPollInterval how often the settings file is checked for changes made by another process
 * @param attach              a running tor to attach to for this run only (run --attach-control), or null
 * @param allowUnsupportedTor run a tor older than the supported minimum for this run (run --allow-unsupported-tor)
 */
public record EngineOptions(Path dataDir, Path torOverride, List<String> extraTorrcLines, Duration settingsPollInterval,
                            AttachSettings attach, boolean allowUnsupportedTor) {
    public EngineOptions {
        extraTorrcLines = extraTorrcLines == null ? List.of() : List.copyOf(extraTorrcLines);
        settingsPollInterval = settingsPollInterval == null ? Duration.ofSeconds(1) : settingsPollInterval;
    }

    public EngineOptions(Path dataDir, Path torOverride, List<String> extraTorrcLines, Duration settingsPollInterval) {
        this(dataDir, torOverride, extraTorrcLines, settingsPollInterval, null, false);
    }

    public EngineOptions(Path dataDir, Path torOverride, List<String> extraTorrcLines, Duration settingsPollInterval,
                         AttachSettings attach) {
        this(dataDir, torOverride, extraTorrcLines, settingsPollInterval, attach, false);
    }

    public static EngineOptions of(Path dataDir) {
        return new EngineOptions(dataDir, null, List.of(), null);
    }
}
