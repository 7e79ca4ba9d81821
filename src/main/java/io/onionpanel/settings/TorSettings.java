package io.onionpanel.settings;

import java.util.List;

/**
 * How the panel runs tor.
 *
 * @param binary                  path of an operator-chosen tor, or null for the bundled one
 * @param extraTorrcLines         operator lines appended to the generated torrc (bridges, private networks)
 * @param bootstrapTimeoutSeconds how long tor may take to reach 100 % before the start counts as failed
 * @param publishTimeoutSeconds   how long a service may take to upload its descriptor before it is reported
 */
public record TorSettings(String binary, List<String> extraTorrcLines, int bootstrapTimeoutSeconds,
                          int publishTimeoutSeconds) {
    public static final int DEFAULT_BOOTSTRAP_TIMEOUT = 180;
    public static final int DEFAULT_PUBLISH_TIMEOUT = 180;

    public TorSettings {
        extraTorrcLines = extraTorrcLines == null ? List.of() : List.copyOf(extraTorrcLines);
        if (bootstrapTimeoutSeconds <= 0) {
            bootstrapTimeoutSeconds = DEFAULT_BOOTSTRAP_TIMEOUT;
        }
        if (publishTimeoutSeconds <= 0) {
            publishTimeoutSeconds = DEFAULT_PUBLISH_TIMEOUT;
        }
    }

    public static TorSettings defaults() {
        return new TorSettings(null, List.of(), DEFAULT_BOOTSTRAP_TIMEOUT, DEFAULT_PUBLISH_TIMEOUT);
    }

    public TorSettings withBinary(String value) {
        return new TorSettings(value, extraTorrcLines, bootstrapTimeoutSeconds, publishTimeoutSeconds);
    }

    public TorSettings withExtraTorrcLines(List<String> value) {
        return new TorSettings(binary, value, bootstrapTimeoutSeconds, publishTimeoutSeconds);
    }

    public TorSettings withBootstrapTimeoutSeconds(int value) {
        return new TorSettings(binary, extraTorrcLines, value, publishTimeoutSeconds);
    }
}
