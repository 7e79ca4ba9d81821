package io.onionpanel.monitor;

import java.util.Locale;

/** The Prometheus text exposition format (version 0.0.4) of a {@link MetricsSnapshot}. */
public final class PrometheusText {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    public static String render(MetricsSnapshot m) {
        StringBuilder b = new StringBuilder(2048);
        header(b, "onion_panel_tor_up", "gauge", "1 when the tor process runs (bootstrapping or bootstrapped)");
        sample(b, "onion_panel_tor_up", null, m.torUp() ? 1 : 0);
        header(b, "onion_panel_bootstrap_percent", "gauge", "tor's bootstrap progress");
        sample(b, "onion_panel_bootstrap_percent", null, m.bootstrapPercent());
        if (m.torVersion() != null) {
            header(b, "onion_panel_tor_version_status", "gauge", "1 for the running tor's version and what the Tor network"
                    + " says of it (tor's status/version/current: recommended, new, unrecommended, obsolete, unknown, ...)");
            sample(b, "onion_panel_tor_version_status", "version=\"" + escape(m.torVersion().version()) + "\",status=\""
                    + escape(m.torVersion().status()) + "\"", 1);
            header(b, "onion_panel_tor_unsupported_allowed", "gauge",
                    "1 when the tor is older than the supported minimum and runs only because the operator allowed it");
            sample(b, "onion_panel_tor_unsupported_allowed", null, m.torVersion().unsupportedAllowed() ? 1 : 0);
        }
        header(b, "onion_panel_circuits", "gauge", "built circuits by purpose");
        for (String purpose : SeriesKeys.CIRCUIT_PURPOSES) {
            sample(b, "onion_panel_circuits", "purpose=\"" + escape(purpose) + "\"", m.circuits().getOrDefault(purpose, 0));
        }
        header(b, "onion_panel_descriptor_uploads_total", "counter", "descriptor uploads accepted by an HSDir since the panel started");
        for (MetricsSnapshot.ServiceMetrics s : m.services()) {
            sample(b, "onion_panel_descriptor_uploads_total", service(s.service()), s.descriptorUploads());
        }
        header(b, "onion_panel_probe_latency_seconds", "summary",
                "round-trip time of the self-probe (HTTP GET through tor); quantiles over the last " + ProbeStats.WINDOW + " answers");
        for (MetricsSnapshot.ServiceMetrics s : m.services()) {
            String label = service(s.service());
            sample(b, "onion_panel_probe_latency_seconds", label + ",quantile=\"0.5\"", s.p50Seconds());
            sample(b, "onion_panel_probe_latency_seconds", label + ",quantile=\"0.95\"", s.p95Seconds());
            sample(b, "onion_panel_probe_latency_seconds_sum", label, s.probeSumSeconds());
            sample(b, "onion_panel_probe_latency_seconds_count", label, s.probeCount());
        }
        header(b, "onion_panel_probe_failures_total", "counter", "self-probes that got no HTTP answer");
        for (MetricsSnapshot.ServiceMetrics s : m.services()) {
            sample(b, "onion_panel_probe_failures_total", service(s.service()), s.probeFailures());
        }
        header(b, "onion_panel_health", "gauge", "1 for the level each health check is at (ok, unknown, warn, fail)");
        for (ServiceHealth h : m.health()) {
            for (HealthCheck c : h.checks()) {
                for (HealthLevel level : HealthLevel.values()) {
                    sample(b, "onion_panel_health", service(h.service()) + ",check=\"" + escape(c.name()) + "\",level=\""
                            + level.name().toLowerCase(Locale.ROOT) + "\"", c.level() == level ? 1 : 0);
                }
            }
        }
        if (m.extra() != null) {
            b.append(m.extra());
        }
        return b.toString();
    }

    private static String service(String name) {
        return "service=\"" + escape(name) + "\"";
    }

    /** Label values escape backslash, double quote and line feed. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static void header(StringBuilder b, String name, String type, String help) {
        b.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder b, String name, String labels, double value) {
        b.append(name);
        if (labels != null) {
            b.append('{').append(labels).append('}');
        }
        b.append(' ').append(number(value)).append('\n');
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
