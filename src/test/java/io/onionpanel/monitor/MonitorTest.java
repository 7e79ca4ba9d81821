package io.onionpanel.monitor;

import io.onionpanel.engine.TorLink;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.cli.CliRunner;
import io.onionpanel.common.Poll;
import io.onionpanel.engine.ServiceCheck;
import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.probe.SelfProbeResult;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.tor.TorEventParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor's pipeline from parsed event lines to circuits, series, health and log, without tor (the
 * engine-side half: tor's side is in the private-network test).
 */
class MonitorTest {
    private static final String ADDR = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz2345";
    private static final TorLink NO_TOR = io.onionpanel.engine.NoTor.LINK;

    @TempDir
    Path data;

    @Test
    void eventsBecomeCircuitsSeriesHealthAndLog() throws Exception {
        List<ServiceHealth> health = new CopyOnWriteArrayList<>();
        List<List<CircuitRow>> tables = new CopyOnWriteArrayList<>();
        List<LogEntry> logs = new CopyOnWriteArrayList<>();
        try (Monitor m = new Monitor(data, NO_TOR)) {
            m.addListener(new MonitorListener() {
                @Override
                public void healthChanged(ServiceHealth h) {
                    health.add(h);
                }

                @Override
                public void circuitsChanged(List<CircuitRow> circuits) {
                    tables.add(circuits);
                }

                @Override
                public void logAdded(LogEntry entry) {
                    logs.add(entry);
                }
            });
            m.torStatusChanged(new TorStatus(TorStatus.State.RUNNING, 100, "done", "Done", "0.4.9.11", true, null));
            m.serviceStatusChanged(new ServiceStatus("api", ADDR + ".onion", ServiceStatus.State.PUBLISHED,
                    List.of(PortMapping.of(80, "127.0.0.1:1")), null));
            for (int i = 0; i < 50; i++) {
                m.ingest(TorEventParser.parse("CIRC " + i + " LAUNCHED PURPOSE=GENERAL"));
                m.ingest(TorEventParser.parse("CIRC " + i + " BUILT $AAAA~a,$BBBB~b,$CCCC~c PURPOSE=GENERAL"));
            }
            m.ingest(TorEventParser.parse("CIRC 50 BUILT $AAAA~a,$BBBB~b PURPOSE=HS_SERVICE_INTRO HS_STATE=HSSI_ESTABLISHED REND_QUERY=" + ADDR));
            m.ingest(TorEventParser.parse("HS_DESC UPLOADED " + ADDR + " UNKNOWN $FFFF~hsdir"));
            m.ingest(TorEventParser.parse("BW 1024 2048"));
            m.ingest(TorEventParser.parse("NOTICE Client 10.0.0.9 connected to " + ADDR + ".onion"));
            m.drained().get(5, TimeUnit.SECONDS);
            Poll.until("the circuit table reaches listeners", Duration.ofSeconds(15), () -> !tables.isEmpty() && tables.get(tables.size() - 1).size() == 51);
            assertTrue(tables.size() < 10, "updates are coalesced, not one per event: " + tables.size());
            assertEquals(51, m.circuits().size());

            SeriesPoints build = m.series(SeriesKeys.CIRCUIT_BUILD_MS, TimeRange.TEN_MINUTES, 600);
            assertTrue(build.size() >= 1, "build times recorded");
            SeriesPoints read = m.series(SeriesKeys.BANDWIDTH_READ, TimeRange.TEN_MINUTES, 600);
            assertTrue(java.util.Arrays.stream(read.values()).anyMatch(v -> v == 1024.0));

            Poll.until("a circuits sample", Duration.ofSeconds(15), () -> java.util.Arrays.stream(m.series(SeriesKeys.circuits("hs_intro"),
                    TimeRange.TEN_MINUTES, 600).values()).anyMatch(v -> v == 1.0));
            // The sample is visible while its tick is still running; health is evaluated at the tick's end.
            m.drained().get(5, TimeUnit.SECONDS);
            ServiceHealth h = m.health().get(0);
            HealthCheck intro = h.checks().stream().filter(c -> c.name().equals(HealthRules.INTRO)).findFirst().orElseThrow();
            assertEquals(HealthLevel.OK, intro.level());
            HealthCheck descriptor = h.checks().stream().filter(c -> c.name().equals(HealthRules.DESCRIPTOR)).findFirst().orElseThrow();
            assertTrue(descriptor.evidence().startsWith("1 HSDir upload in the last hour"), descriptor.evidence());
            assertFalse(health.isEmpty());
            assertEquals(1, m.metricsSnapshot().services().get(0).descriptorUploads());
            assertEquals(50, m.metricsSnapshot().circuits().get("general"));

            LogEntry line = logs.stream().filter(e -> e.source().equals("tor")).findFirst().orElseThrow();
            assertEquals("Client [IP] connected to " + ADDR + ".onion", line.text());
            assertEquals(line, m.recentLog(1).get(0));

            // The engine's prober found the local target (port 1) refusing and the onion failing: the monitor
            // checks nothing itself, it shows the engine's verdict as a FAIL with the reason and a failure point.
            m.serviceChecked(new ServiceCheck("api", ADDR + ".onion", 0, 1,
                    new SelfProbeResult(java.time.Instant.now(), "/v1/info", null, 0, "connection refused", 5)));
            Poll.until("local target checked", Duration.ofSeconds(15), () -> m.health().get(0).checks().stream()
                    .anyMatch(c -> c.name().equals(HealthRules.LOCAL_TARGET) && c.level() == HealthLevel.FAIL));

            assertEquals(1, m.series(SeriesKeys.probeFailures("api"), TimeRange.TEN_MINUTES, 600).size());
            assertTrue(m.recentLog(50).stream().anyMatch(e -> e.text().startsWith("Self-probe of 'api'") && e.text().endsWith("failed: connection refused")));
            assertEquals("tor is not running, so there are no circuits to replace.",
                    m.requestNewCircuits().get(5, TimeUnit.SECONDS));
        }
        assertTrue(Files.exists(data.resolve(Monitor.HISTORY_FILE)), "history saved on close");
        try (Monitor again = new Monitor(data, NO_TOR)) {
            again.drained().get(5, TimeUnit.SECONDS); // the history is read on the monitor's thread
            assertTrue(java.util.Arrays.stream(again.series(SeriesKeys.BANDWIDTH_READ, TimeRange.TEN_MINUTES, 600).values())
                    .anyMatch(v -> v == 1024.0), "history reloaded");
            assertTrue(again.circuits().isEmpty(), "circuits are never restored from disk, only from tor");
        }
    }

    @Test
    void aRenamedServiceKeepsItsHistoryAndItsOldNameLeavesTheHealthView() throws Exception {
        long now = System.currentTimeMillis();
        SeriesStore history = new SeriesStore();
        history.record(SeriesKeys.probeP50("api"), now - 10_000, 250, false, false);
        history.record(SeriesKeys.probeFailures("api"), now - 10_000, 1, true, false);
        history.save(data.resolve(Monitor.HISTORY_FILE));
        List<String> gone = new CopyOnWriteArrayList<>();
        try (Monitor m = new Monitor(data, NO_TOR)) {
            m.addListener(new MonitorListener() {
                @Override
                public void serviceGone(String service) {
                    gone.add(service);
                }
            });
            List<PortMapping> ports = List.of(PortMapping.of(80, "127.0.0.1:1"));
            m.torStatusChanged(new TorStatus(TorStatus.State.RUNNING, 100, "done", "Done", "0.4.9.11", true, null));
            m.serviceStatusChanged(new ServiceStatus("api", ADDR + ".onion", ServiceStatus.State.PUBLISHED, ports, null));
            Poll.until("api reported", Duration.ofSeconds(15), () -> m.health().stream().anyMatch(h -> h.service().equals("api")));

            // What the engine reports after OnionServices.rename: the address under its new name, then the old name gone.
            m.serviceStatusChanged(new ServiceStatus("routstr", ADDR + ".onion", ServiceStatus.State.PUBLISHED, ports, null));
            m.serviceStatusChanged(new ServiceStatus("api", ADDR + ".onion", ServiceStatus.State.REMOVED, ports, null));
            m.drained().get(5, TimeUnit.SECONDS);
            Poll.until("only routstr reported", Duration.ofSeconds(15), () -> m.health().stream().map(ServiceHealth::service).toList().equals(List.of("routstr")));
            assertEquals(List.of("api"), gone, "the old name's card leaves the view, once");
            assertArrayEquals(new double[]{250}, m.series(SeriesKeys.probeP50("routstr"), TimeRange.TEN_MINUTES, 600).values());
            assertArrayEquals(new double[]{1}, m.series(SeriesKeys.probeFailures("routstr"), TimeRange.TEN_MINUTES, 600).values());
            assertEquals(0, m.series(SeriesKeys.probeP50("api"), TimeRange.TEN_MINUTES, 600).size());
            assertEquals(List.of("routstr"), m.metricsSnapshot().services().stream().map(MetricsSnapshot.ServiceMetrics::service).toList());
            assertTrue(m.recentLog(50).stream().anyMatch(e -> e.text().equals(
                    "Service 'api' is now called 'routstr': its monitoring history moves with it")));
        }
        // The address's name is saved with the history: renamed again while the panel is closed (CLI), then started.
        try (Monitor m = new Monitor(data, NO_TOR)) {
            m.serviceStatusChanged(new ServiceStatus("llm", ADDR + ".onion", ServiceStatus.State.STARTING,
                    List.of(PortMapping.of(80, "127.0.0.1:1")), null));
            m.drained().get(5, TimeUnit.SECONDS);
            assertArrayEquals(new double[]{250}, m.series(SeriesKeys.probeP50("llm"), TimeRange.TEN_MINUTES, 600).values());
            assertEquals(0, m.series(SeriesKeys.probeP50("routstr"), TimeRange.TEN_MINUTES, 600).size());
        }
    }

    @Test
    void runRefusesANonLoopbackMetricsAddressBeforeTorStarts() {
        CliRunner.Result r = CliRunner.run(data, "run", "--metrics", "0.0.0.0:9180");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("Metrics address '0.0.0.0:9180' is not a loopback address"), r.err());
        assertFalse(Files.exists(data.resolve("tor")), "tor must not have been started");
    }

}
