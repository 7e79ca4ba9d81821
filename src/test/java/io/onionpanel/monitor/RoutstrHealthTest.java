package io.onionpanel.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.common.Poll;
import io.onionpanel.engine.ServiceCheck;
import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.engine.TorLink;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.probe.SelfProbeResult;
import io.onionpanel.routstr.Announcement;
import io.onionpanel.routstr.StandInRoutstrNode;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Routstr announces this address": from a stand-in Routstr's /v1/info through the monitor to the health check. */
class RoutstrHealthTest {
    private static final String ADDR = "2gzyxa5ihm7nsggfxnu52rck2vv4rvmdlkiu3zzui5du4xyclen53wid";
    private static final String OLD = "http://duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion";
    private static final TorLink NO_TOR = io.onionpanel.engine.NoTor.LINK;

    @TempDir
    Path data;

    @Test
    void turnsToWarnWithTheAddressTheNodeAnnouncesWhenItIsNotThisOne() throws Exception {
        Path env = Files.writeString(data.resolve(".env"), "ONION_URL=http://" + ADDR + ".onion\n");
        try (StandInRoutstrNode node = StandInRoutstrNode.v045(env, "pw").boot()) {
            new SettingsStore(data).update(s -> s.withMonitor(s.monitor().withRoutstrNode("api", node.url())));
            try (Monitor m = new Monitor(data, NO_TOR)) {
                m.torStatusChanged(new TorStatus(TorStatus.State.RUNNING, 100, "done", "Done", "0.4.9.11", true, null));
                m.serviceStatusChanged(new ServiceStatus("api", ADDR + ".onion", ServiceStatus.State.PUBLISHED,
                        List.of(PortMapping.of(80, "127.0.0.1:" + node.port())), null));
                m.serviceStatusChanged(new ServiceStatus("other", OLD.substring(7), ServiceStatus.State.PUBLISHED,
                        List.of(PortMapping.of(80, "127.0.0.1:1")), null));
                // What the engine's prober sends after each look (ServiceProber: Announcement.lookUp on its thread).
                m.serviceChecked(check(Announcement.lookUp(node.url())));
                m.serviceChecked(new ServiceCheck("other", OLD.substring(7), 1, 1, probe(), false, null));
                HealthCheck ok = await(m, HealthLevel.OK);
                assertEquals("its /v1/info announces http://" + ADDR + ".onion", ok.evidence());
                assertTrue(m.health().stream().filter(h -> h.service().equals("other")).findFirst().orElseThrow()
                        .checks().stream().noneMatch(c -> c.name().equals(HealthRules.ROUTSTR)),
                        "a service not marked as Routstr has no such check");

                // A restored backup: the service's address is back, the node still announces the other one.
                node.dashboardSets(OLD);
                m.serviceChecked(check(Announcement.lookUp(node.url())));
                HealthCheck warn = await(m, HealthLevel.WARN);
                assertTrue(warn.evidence().startsWith("it announces " + OLD + ", not http://" + ADDR + ".onion"),
                        warn.evidence());
                Poll.until("said in the panel log", Duration.ofSeconds(10), () -> m.recentLog(50).stream().anyMatch(e ->
                        e.text().contains("announces " + OLD) && e.text().contains("routstr configure --service api")));

                node.stop();
                m.serviceChecked(check(Announcement.lookUp(node.url())));
                HealthCheck unknown = await(m, HealthLevel.UNKNOWN);
                assertTrue(unknown.evidence().startsWith("cannot read its /v1/info: Routstr does not answer"),
                        unknown.evidence());
            }
        }
    }

    @Test
    void anotherVirtualPortIsPartOfTheUrl() {
        ServiceStatus s = new ServiceStatus("api", ADDR + ".onion", ServiceStatus.State.PUBLISHED,
                List.of(PortMapping.of(8080, "127.0.0.1:8000")), null);
        assertEquals("http://" + ADDR + ".onion:8080", HealthRules.routstrUrl(s));
        assertEquals(HealthLevel.WARN, HealthRules.routstr(new Announcement("http://" + ADDR + ".onion", null),
                HealthRules.routstrUrl(s)).level());
        assertEquals(HealthLevel.OK, HealthRules.routstr(new Announcement(ADDR + ".onion:8080/", null),
                HealthRules.routstrUrl(s)).level());
        assertEquals("it announces no onion URL, not http://" + ADDR + ".onion:8080 (update it: routstr configure"
                + " --admin-password-file, or the Share page)", HealthRules.routstr(new Announcement("", null),
                HealthRules.routstrUrl(s)).evidence());
    }

    private static ServiceCheck check(Announcement a) {
        return new ServiceCheck("api", ADDR + ".onion", 1, 1, probe(), false, a);
    }

    private static SelfProbeResult probe() {
        return new SelfProbeResult(Instant.now(), "/v1/info", 200, 40, "HTTP 200", 0);
    }

    private static HealthCheck await(Monitor m, HealthLevel level) throws Exception {
        Poll.until("Routstr check " + level, Duration.ofSeconds(15), () -> routstr(m).map(c -> c.level() == level)
                .orElse(false));
        return routstr(m).orElseThrow();
    }

    private static Optional<HealthCheck> routstr(Monitor m) {
        return m.health().stream().filter(h -> h.service().equals("api")).findFirst()
                .flatMap(h -> h.checks().stream().filter(c -> c.name().equals(HealthRules.ROUTSTR)).findFirst());
    }
}
