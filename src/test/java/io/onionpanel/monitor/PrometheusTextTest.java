package io.onionpanel.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onionpanel.common.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    /** A sample line of the text format: name, optional labels, a number. */
    private static final Pattern SAMPLE = Pattern.compile("[a-z_]+(\\{([a-z_]+=\"([^\"\\\\]|\\\\.)*\",?)+})? (-?[0-9.eE+-]+|NaN|[+-]Inf)");

    private static MetricsSnapshot snapshot() {
        ServiceHealth h = new ServiceHealth("rout\"str", List.of(new HealthCheck(HealthRules.REACHABLE, HealthLevel.FAIL,
                "no answer", Instant.EPOCH)), HealthLevel.FAIL, "reachable: no answer", Instant.EPOCH);
        return new MetricsSnapshot(true, 100, Map.of("general", 4, "hs_intro", 3),
                List.of(new MetricsSnapshot.ServiceMetrics("rout\"str", 6, 0.8125, 1.5, 12.5, 10, 2)), List.of(h),
                new MetricsSnapshot.TorVersionMetric("0.4.9.11", "recommended", false));
    }

    @Test
    void rendersTheRequiredFamiliesInTheTextFormat() {
        String text = PrometheusText.render(snapshot());
        for (String line : text.split("\n")) {
            assertTrue(line.startsWith("# HELP ") || line.startsWith("# TYPE ") || SAMPLE.matcher(line).matches(), "bad line: " + line);
        }
        assertTrue(text.contains("# TYPE onion_panel_tor_up gauge\nonion_panel_tor_up 1\n"), text);
        assertTrue(text.contains("onion_panel_bootstrap_percent 100\n"));
        assertTrue(text.contains("# TYPE onion_panel_tor_version_status gauge\n"
                + "onion_panel_tor_version_status{version=\"0.4.9.11\",status=\"recommended\"} 1\n"), text);
        assertTrue(text.contains("onion_panel_tor_unsupported_allowed 0\n"), text);
        assertTrue(text.contains("onion_panel_circuits{purpose=\"hs_intro\"} 3\n"));
        assertTrue(text.contains("onion_panel_circuits{purpose=\"hs_rend\"} 0\n"), "every purpose, zero when none");
        assertTrue(text.contains("# TYPE onion_panel_descriptor_uploads_total counter\nonion_panel_descriptor_uploads_total{service=\"rout\\\"str\"} 6\n"), text);
        assertTrue(text.contains("# TYPE onion_panel_probe_latency_seconds summary\n"));
        assertTrue(text.contains("onion_panel_probe_latency_seconds{service=\"rout\\\"str\",quantile=\"0.5\"} 0.8125\n"));
        assertTrue(text.contains("onion_panel_probe_latency_seconds{service=\"rout\\\"str\",quantile=\"0.95\"} 1.5\n"));
        assertTrue(text.contains("onion_panel_probe_latency_seconds_sum{service=\"rout\\\"str\"} 12.5\n"));
        assertTrue(text.contains("onion_panel_probe_latency_seconds_count{service=\"rout\\\"str\"} 10\n"));
        assertTrue(text.contains("onion_panel_probe_failures_total{service=\"rout\\\"str\"} 2\n"));
        assertTrue(text.contains("onion_panel_health{service=\"rout\\\"str\",check=\"reachable\",level=\"fail\"} 1\n"));
        assertEquals("NaN", PrometheusText.number(Double.NaN));
        assertEquals("a\\\\b\\nc", PrometheusText.escape("a\\b\nc"));
    }

    @Test
    void statusJsonCarriesTheChecksAndTheirEvidence() throws Exception {
        JsonNode status = new ObjectMapper().readTree(MetricsServer.statusJson(snapshot()));
        assertTrue(status.get("tor").get("up").asBoolean());
        JsonNode service = status.get("services").get(0);
        assertEquals("fail", service.get("overall").asText());
        assertEquals("reachable: no answer", service.get("reason").asText());
        assertEquals("no answer", service.get("checks").get(0).get("evidence").asText());
        assertEquals(3, status.get("circuits").get("hs_intro").asInt());
    }

    @Test
    void metricsListenOnLoopbackOnly() {
        assertEquals(9180, MetricsAddress.parse("127.0.0.1:9180").getPort());
        assertTrue(MetricsAddress.parse("[::1]:9180").getAddress().isLoopbackAddress());
        assertTrue(MetricsAddress.parse("localhost:9180").getAddress().isLoopbackAddress());
        for (String bad : new String[]{"0.0.0.0:9180", "192.168.1.5:9180", "[::]:9180", "example.com:9180", "127.0.0.1",
                "127.0.0.1:0", "127.0.0.1:70000", "127.0.0.1:x", "::1:9180", "127.0.0.1:9180\nX"}) {
            ValidationException e = assertThrows(ValidationException.class, () -> MetricsAddress.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("Metrics address"), e.getMessage());
        }
        assertTrue(assertThrows(ValidationException.class, () -> MetricsAddress.parse("0.0.0.0:9180")).getMessage()
                .contains("not a loopback address"));
    }
}
