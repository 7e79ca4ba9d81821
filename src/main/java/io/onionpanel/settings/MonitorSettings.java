package io.onionpanel.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Monitoring: the self-probe (every {@code probeIntervalSeconds}, HTTP GET of a path per service, "/" when
 * not set; Routstr operators set /v1/info) and the opt-in metrics endpoint ({@code metricsAddress}
 * HOST:PORT on loopback, null when off). Absent in settings files written before monitoring: defaults.
 * {@code routstrNodes}: the services {@code routstr configure} put in front of a Routstr node, each with the URL
 * where that node answers locally; the monitor checks that the node announces the service's address.
 */
public record MonitorSettings(int probeIntervalSeconds, Map<String, String> probePaths, String metricsAddress,
                              @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> routstrNodes) {
    public static final int DEFAULT_PROBE_INTERVAL = 30;
    public static final String DEFAULT_PROBE_PATH = "/";

    @JsonCreator
    public MonitorSettings {
        if (probeIntervalSeconds <= 0) {
            probeIntervalSeconds = DEFAULT_PROBE_INTERVAL;
        }
        probePaths = probePaths == null ? Map.of() : Map.copyOf(probePaths);
        routstrNodes = routstrNodes == null ? Map.of() : Map.copyOf(routstrNodes);
        metricsAddress = metricsAddress == null || metricsAddress.isBlank() ? null : metricsAddress.strip();
    }

    public MonitorSettings(int probeIntervalSeconds, Map<String, String> probePaths, String metricsAddress) {
        this(probeIntervalSeconds, probePaths, metricsAddress, Map.of());
    }

    public static MonitorSettings defaults() {
        return new MonitorSettings(DEFAULT_PROBE_INTERVAL, Map.of(), null);
    }

    /** Where the Routstr node behind {@code service} answers locally, when it is one. */
    public java.util.Optional<String> routstrNode(String service) {
        return java.util.Optional.ofNullable(routstrNodes.get(service));
    }

    /** Marks {@code service} as a Routstr node answering at {@code url}; null unmarks it. */
    public MonitorSettings withRoutstrNode(String service, String url) {
        java.util.Map<String, String> nodes = new java.util.TreeMap<>(routstrNodes);
        if (url == null) {
            nodes.remove(service);
        } else {
            nodes.put(service, url);
        }
        return new MonitorSettings(probeIntervalSeconds, probePaths, metricsAddress, nodes);
    }

    public String probePath(String service) {
        return probePaths.getOrDefault(service, DEFAULT_PROBE_PATH);
    }

    public MonitorSettings withProbeInterval(int seconds) {
        return new MonitorSettings(seconds, probePaths, metricsAddress, routstrNodes);
    }

    public MonitorSettings withProbePath(String service, String path) {
        java.util.Map<String, String> paths = new java.util.TreeMap<>(probePaths);
        if (path == null || path.isBlank() || path.equals(DEFAULT_PROBE_PATH)) {
            paths.remove(service);
        } else {
            paths.put(service, path);
        }
        return new MonitorSettings(probeIntervalSeconds, paths, metricsAddress, routstrNodes);
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
        java.util.Map<String, String> nodes = new java.util.TreeMap<>(routstrNodes);
        String node = nodes.remove(from);
        nodes.remove(to);
        if (node != null) {
            nodes.put(to, node);
        }
        return new MonitorSettings(probeIntervalSeconds, paths, metricsAddress, nodes);
    }

    public MonitorSettings withMetricsAddress(String address) {
        return new MonitorSettings(probeIntervalSeconds, probePaths, address, routstrNodes);
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
