package io.onionpanel.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Map;

/**
 * Monitoring: the self-probe (every {@code probeIntervalSeconds}, HTTP GET of a path per service, "/" when
 * not set; Routstr operators set /v1/info) and the opt-in metrics endpoint ({@code metricsAddress}
 * HOST:PORT on loopback, null when off). Absent in settings files written before monitoring: defaults.
 */
public record MonitorSettings(int probeIntervalSeconds, Map<String, String> probePaths, String metricsAddress) {
    public static final int DEFAULT_PROBE_INTERVAL = 30;
    public static final String DEFAULT_PROBE_PATH = "/";

    @JsonCreator
    public MonitorSettings {
        if (probeIntervalSeconds <= 0) {
            probeIntervalSeconds = DEFAULT_PROBE_INTERVAL;
        }
        probePaths = probePaths == null ? Map.of() : Map.copyOf(probePaths);
        metricsAddress = metricsAddress == null || metricsAddress.isBlank() ? null : metricsAddress.strip();
    }

    public static MonitorSettings defaults() {
        return new MonitorSettings(DEFAULT_PROBE_INTERVAL, Map.of(), null);
    }

    public String probePath(String service) {
        return probePaths.getOrDefault(service, DEFAULT_PROBE_PATH);
    }

    public MonitorSettings withProbeInterval(int seconds) {
        return new MonitorSettings(seconds, probePaths, metricsAddress);
    }

    public MonitorSettings withProbePath(String service, String path) {
        java.util.Map<String, String> paths = new java.util.TreeMap<>(probePaths);
        if (path == null || path.isBlank() || path.equals(DEFAULT_PROBE_PATH)) {
            paths.remove(service);
        } else {
            paths.put(service, path);
        }
        return new MonitorSettings(probeIntervalSeconds, paths, metricsAddress);
    }

    /** The settings after a service rename: its probe path moves to the new name (a path the new name had goes). */
    public MonitorSettings withServiceRenamed(String from, String to) {
        if (from.equals(to)) {
            return this;
        }
        java.util.Map<String, String> paths = new java.util.TreeMap<>(probePaths);
        String path = paths.remove(from);
        paths.remove(to);
        if (path != null) {
            paths.put(to, path);
        }
        return new MonitorSettings(probeIntervalSeconds, paths, metricsAddress);
    }

    public MonitorSettings withMetricsAddress(String address) {
        return new MonitorSettings(probeIntervalSeconds, probePaths, address);
    }

    /** A probe path: starts with "/", printable ASCII without spaces, at most 200 characters. */
    public static String validatePath(String path) {
        io.onionpanel.common.SafeText.requireSafe("Probe path", path);
        if (!path.startsWith("/") || path.length() > 200 || !path.matches("[\\x21-\\x7e]+")) {
            throw new io.onionpanel.common.ValidationException("Probe path '" + path + "' must start with / and hold"
                    + " no spaces (e.g. /v1/info)");
        }
        return path;
    }
}
