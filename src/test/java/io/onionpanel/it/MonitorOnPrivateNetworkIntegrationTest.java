package io.onionpanel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onionpanel.monitor.HealthRules;
import io.onionpanel.monitor.Monitor;
import io.onionpanel.monitor.SeriesKeys;
import io.onionpanel.monitor.SeriesPoints;
import io.onionpanel.monitor.SeriesStore;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.testnet.NetworkTest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Monitoring end to end on the private Tor network, through {@code run --metrics}: once the service is
 * published, /metrics shows its introduction circuits, descriptor uploads and self-probe latencies; stopping
 * the local API turns "local target answering" and "reachable" to FAIL (and run --json says so), bringing it
 * back turns them OK again; the history saved at exit holds the circuit and latency series.
 */
@NetworkTest
class MonitorOnPrivateNetworkIntegrationTest {
    private static final Duration PUBLISH = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final PanelOnPrivateNetwork panel = new PanelOnPrivateNetwork();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path data;
    static String metricsBase;

    @BeforeAll
    static void start() throws Exception {
        new SettingsStore(data).update(s -> s.withServices(List.of(new ServiceConfig("routstr", true,
                        List.of(PortMapping.of(80, panel.api().hostPort())))))
                .withMonitor(s.monitor().withProbeInterval(3).withProbePath("routstr", "/v1/info")));
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        metricsBase = "http://127.0.0.1:" + port;
        panel.startRun(data, "--metrics", "127.0.0.1:" + port);
    }

    @Test
    void metricsHealthAndSeriesFollowTheServiceAndItsLocalApi() throws Exception {
        panel.run().awaitEvent("published", "routstr", PUBLISH);

        String metrics = awaitMetrics(m -> value(m, "onion_panel_circuits\\{purpose=\"hs_intro\"}") >= 1
                && value(m, "onion_panel_probe_latency_seconds_count\\{service=\"routstr\"}") >= 2
                && value(m, "onion_panel_descriptor_uploads_total\\{service=\"routstr\"}") >= 1, "intro circuits, uploads and probes");
        assertEquals(1, value(metrics, "onion_panel_tor_up"));
        assertEquals(100, value(metrics, "onion_panel_bootstrap_percent"));
        // The panel's own tor is the system's (Debian's 0.4.9), and the network's consensus recommends it.
        assertTrue(metrics.matches("(?s).*\nonion_panel_tor_version_status\\{version=\"0\\.4\\.9\\.\\d+\",status=\"recommended\"} 1\n.*"),
                metrics);
        assertEquals(0, value(metrics, "onion_panel_tor_unsupported_allowed"));
        double p50 = value(metrics, "onion_panel_probe_latency_seconds\\{service=\"routstr\",quantile=\"0.5\"}");
        assertTrue(p50 > 0 && p50 < 30, "p50 " + p50);
        assertTrue(panel.api().requestCount() >= 2, "the probe reached the API through the onion");

        JsonNode healthy = awaitStatus(s -> level(s, HealthRules.REACHABLE).equals("ok")
                && level(s, HealthRules.INTRO).equals("ok"), "reachable and intro OK");
        assertTrue(check(healthy, HealthRules.REACHABLE).get("evidence").asText().startsWith("HTTP 200 for /v1/info in "),
                healthy.toString());
        assertTrue(check(healthy, HealthRules.DESCRIPTOR).get("evidence").asText().contains("HSDir upload"), healthy.toString());

        int apiPort = panel.api().port();
        panel.api().stop();
        JsonNode down = awaitStatus(s -> level(s, HealthRules.LOCAL_TARGET).equals("fail")
                && level(s, HealthRules.REACHABLE).equals("fail"), "local target and reachable FAIL");
        JsonNode service = down.get("services").get(0);
        assertEquals("fail", service.get("overall").asText());
        assertTrue(check(down, HealthRules.LOCAL_TARGET).get("evidence").asText().contains("is the API running?"), down.toString());
        panel.run().await(e -> "health".equals(e.path("event").asText()) && "fail".equals(e.path("overall").asText()),
                Duration.ofSeconds(10), "a health event for the failure");
        assertTrue(value(awaitMetrics(m -> true, "metrics"), "onion_panel_probe_failures_total\\{service=\"routstr\"}") >= 2);

        panel.run().clearEvents();
        panel.restartApi(apiPort);
        awaitStatus(s -> level(s, HealthRules.LOCAL_TARGET).equals("ok") && level(s, HealthRules.REACHABLE).equals("ok"),
                "local target and reachable OK again");
        panel.run().await(e -> "health".equals(e.path("event").asText()) && "ok".equals(e.path("overall").asText()),
                Duration.ofSeconds(30), "a health event for the recovery");

        assertEquals(0, panel.terminateRun(Duration.ofSeconds(30)));
        SeriesStore history = new SeriesStore();
        assertTrue(history.load(data.resolve(Monitor.HISTORY_FILE), System.currentTimeMillis()), "history saved at exit");
        SeriesPoints intro = history.points(SeriesKeys.circuits("hs_intro"), System.currentTimeMillis(), Duration.ofMinutes(10), 600);
        assertTrue(Arrays.stream(intro.values()).anyMatch(v -> v >= 1), "intro circuits charted: " + Arrays.toString(intro.values()));
        SeriesPoints latency = history.points(SeriesKeys.probeP50("routstr"), System.currentTimeMillis(), Duration.ofMinutes(10), 600);
        assertTrue(latency.size() >= 1, "latency samples: " + latency.size());
        // The first probe after publication and the first after the outage went over new circuits: marked cold,
        // not in p50/p95.
        SeriesPoints cold = history.points(SeriesKeys.probeCold("routstr"), System.currentTimeMillis(), Duration.ofMinutes(10), 600);
        assertTrue(cold.size() >= 2, "cold probes marked: " + cold.size());
        SeriesPoints failures = history.points(SeriesKeys.probeFailures("routstr"), System.currentTimeMillis(), Duration.ofMinutes(10), 600);
        assertTrue(Arrays.stream(failures.values()).sum() >= 2, "failures charted");
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(metricsBase + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }

    private static String awaitMetrics(Predicate<String> ok, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = get("/metrics");
            if (ok.test(last)) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("No " + what + " in /metrics within 120 s:\n" + last + "\nstderr: " + panel.run().stderr());
    }

    private static JsonNode awaitStatus(Predicate<JsonNode> ok, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = JSON.readTree(get("/status"));
            if (last.get("services").size() > 0 && ok.test(last)) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("No " + what + " in /status within 120 s: " + last);
    }

    private static JsonNode check(JsonNode status, String name) {
        for (JsonNode c : status.get("services").get(0).get("checks")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + status);
    }

    private static String level(JsonNode status, String name) {
        return check(status, name).get("level").asText();
    }

    /** The value of the first sample line matching {@code nameAndLabels} (a regex), or -1. */
    private static double value(String metrics, String nameAndLabels) {
        Matcher m = Pattern.compile("(?m)^" + nameAndLabels + " (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
