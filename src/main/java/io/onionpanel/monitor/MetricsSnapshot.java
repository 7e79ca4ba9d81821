package io.onionpanel.monitor;

import java.util.List;
import java.util.Map;

/** What the metrics endpoint reports, taken at one moment. */
public record MetricsSnapshot(boolean torUp, int bootstrapPercent, Map<String, Integer> circuits,
                              List<ServiceMetrics> services, List<ServiceHealth> health, TorVersionMetric torVersion,
                              String extra) {
    /** Without series of other parts of the panel (e.g. load balancing), which {@code extra} appends as they are. */
    public MetricsSnapshot(boolean torUp, int bootstrapPercent, Map<String, Integer> circuits,
                           List<ServiceMetrics> services, List<ServiceHealth> health, TorVersionMetric torVersion) {
        this(torUp, bootstrapPercent, circuits, services, health, torVersion, "");
    }

    /**
     * The running tor's version, what the network says of it (tor's word, "unknown" before it has told) and
     * whether it runs only because the operator allowed an unsupported tor; null while no tor was chosen.
     */
    public record TorVersionMetric(String version, String status, boolean unsupportedAllowed) {
    }

    /**
     * One service's counters since the panel started: descriptor uploads accepted by an HSDir, probe
     * round-trip quantiles (NaN before the first answer) with their sum and count, failed probes.
     */
    public record ServiceMetrics(String service, long descriptorUploads, double p50Seconds, double p95Seconds,
                                 double probeSumSeconds, long probeCount, long probeFailures) {
    }

    public MetricsSnapshot {
        circuits = Map.copyOf(circuits);
        services = List.copyOf(services);
        health = List.copyOf(health);
    }
}
