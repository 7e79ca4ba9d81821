package io.onionpanel.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.common.Poll;
import io.onionpanel.engine.Engine;
import io.onionpanel.engine.EngineOptions;
import io.onionpanel.engine.RuntimeInfo;
import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.testnet.NetworkTest;
import io.onionpanel.testnet.PrivateTorNetwork;
import io.onionpanel.testnet.StandInRoutstr;
import io.onionpanel.testnet.TorNetworkSupport;
import io.onionpanel.tor.TorControl;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor inside the engine, on the private Tor network: the circuit table is tor's (seeded at each
 * connection, so a tor restart shows the new tor's circuits and none of the old), NEWNYM is sent and tor's
 * rate limit reported, and tor's log lines reach the log view.
 */
@NetworkTest
class MonitorEngineOnPrivateNetworkIntegrationTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path data;

    @Test
    void circuitsFollowTorAcrossARestartAndNewCircuitsAreRateLimited() throws Exception {
        PrivateTorNetwork network = TorNetworkSupport.requireNetwork();
        try (StandInRoutstr api = StandInRoutstr.start()) {
            new SettingsStore(data).update(s -> s.withTor(s.tor().withExtraTorrcLines(network.clientTorrcLines()))
                    .withServices(List.of(new ServiceConfig("api", true, List.of(PortMapping.of(80, api.hostPort()))))));
            Engine engine = new Engine(new EngineOptions(data, null, List.of(), Duration.ofMillis(500)));
            Monitor monitor = EngineMonitor.attach(engine);
            try (monitor; engine) { // the engine stops first, then its monitor
                engine.start();
                Poll.until("published", Duration.ofSeconds(120), () -> engine.services().stream()
                        .anyMatch(s -> s.state() == ServiceStatus.State.PUBLISHED));
                Poll.until("intro circuits in the table", Duration.ofSeconds(60), () -> monitor.circuits().stream()
                        .anyMatch(c -> c.purpose().equals("hs_intro") && c.state().equals("BUILT")));
                assertTrue(monitor.circuits().stream().allMatch(c -> c.created() != null && !c.path().isEmpty()
                        || !c.state().equals("BUILT")), monitor.circuits().toString());
                assertSameCircuitsAsTor(monitor);
                assertTrue(monitor.recentLog(2_000).stream().anyMatch(e -> e.source().equals("tor")
                        && e.text().contains("Bootstrapped")), "tor's log lines reach the log view");

                String first = monitor.requestNewCircuits().get(10, TimeUnit.SECONDS);
                assertTrue(first.startsWith("New circuits requested"), first);
                String second = monitor.requestNewCircuits().get(10, TimeUnit.SECONDS);
                assertTrue(second.startsWith("tor allows new circuits once every 10 s"), second);

                Set<String> before = monitor.circuits().stream().map(c -> c.id() + "@" + c.created()).collect(Collectors.toSet());
                Instant restartedAt = Instant.now();
                long oldTor = RuntimeInfo.read(data).orElseThrow().torPid();
                engine.restartTor();
                // The table reaches readers coalesced (every 200 ms): wait for the new tor's list, not just any list.
                Poll.until("a new tor running", Duration.ofSeconds(60), () -> RuntimeInfo.read(data).map(r -> r.torPid() != oldTor)
                        .orElse(false) && engine.torStatus().state() == TorStatus.State.RUNNING && !monitor.circuits().isEmpty()
                        && monitor.circuits().stream().noneMatch(c -> before.contains(c.id() + "@" + c.created())));
                monitor.drained().get(5, TimeUnit.SECONDS);
                List<CircuitRow> after = monitor.circuits();
                assertFalse(after.stream().anyMatch(c -> before.contains(c.id() + "@" + c.created())),
                        "no circuit of the old tor is shown: " + after);
                assertTrue(after.stream().allMatch(c -> c.created() == null || c.created().isAfter(restartedAt.minusSeconds(2))),
                        "every circuit is the new tor's: " + after);
                ServiceHealth health = monitor.health().get(0);
                assertEquals("api", health.service());
                assertEquals(HealthRules.NAMES, health.checks().stream().map(HealthCheck::name).toList());
            }
        }
    }

    /**
     * The table holds the circuits tor itself lists, no more (closed ones leave it) and no fewer. Circuits come
     * and go between the two reads, so a few attempts are allowed; a table that keeps dead circuits never matches.
     */
    private void assertSameCircuitsAsTor(Monitor monitor) throws Exception {
        try (TorControl control = io.onionpanel.it.PanelTor.control(data)) {
            Set<String> tor = Set.of();
            Set<String> shown = Set.of();
            for (int attempt = 0; attempt < 20; attempt++) {
                monitor.drained().get(5, TimeUnit.SECONDS);
                Thread.sleep(250); // the table reaches readers coalesced, every 200 ms
                shown = monitor.circuits().stream().map(CircuitRow::id).collect(Collectors.toSet());
                tor = control.getInfo("circuit-status").lines().map(String::strip).filter(l -> !l.isEmpty())
                        .map(l -> l.substring(0, l.indexOf(' '))).collect(Collectors.toSet());
                if (tor.equals(shown)) {
                    break;
                }
            }
            assertEquals(tor, shown, "the circuit table against GETINFO circuit-status");
            assertFalse(tor.isEmpty());
        }
    }

}
