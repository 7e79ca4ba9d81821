package io.onionpanel.monitor;

import io.onionpanel.probe.SelfProbeResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.tor.NetworkVersionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HealthRulesTest {
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final NetworkVersionStatus RECOMMENDED = new NetworkVersionStatus("0.4.9.11", "recommended",
            "0.4.9.10,0.4.9.11", NOW);
    private static final TorStatus RUNNING = new TorStatus(TorStatus.State.RUNNING, 100, "done", "Done", "0.4.9.11", "system",
            null, false, RECOMMENDED);
    private static final ServiceStatus PUBLISHED = new ServiceStatus("api", "x.onion", ServiceStatus.State.PUBLISHED,
            List.of(PortMapping.of(80, "127.0.0.1:8000")), null);
    private static final SelfProbeResult OK_PROBE = new SelfProbeResult(NOW.minusSeconds(5), "/v1/info", 200, 812, "HTTP 200", 0);

    private static HealthEvidence healthy() {
        return new HealthEvidence(RUNNING, 9, PUBLISHED, 6, NOW.minusSeconds(600), 0, 3, null, OK_PROBE, 0, 1, 1,
                "127.0.0.1:8000");
    }

    private static Map<String, HealthRules.Verdict> byName(HealthEvidence e) {
        return HealthRules.evaluate(e, NOW).stream().collect(Collectors.toMap(HealthRules.Verdict::name, v -> v));
    }

    @Test
    void aHealthyServicePassesEveryCheckWithItsEvidence() {
        List<HealthRules.Verdict> checks = HealthRules.evaluate(healthy(), NOW);
        assertEquals(HealthRules.NAMES, checks.stream().map(HealthRules.Verdict::name).toList());
        assertTrue(checks.stream().allMatch(c -> c.level() == HealthLevel.OK), checks.toString());
        Map<String, HealthRules.Verdict> v = byName(healthy());
        assertTrue(v.get(HealthRules.DESCRIPTOR).evidence().startsWith("6 HSDir uploads in the last hour"), v.toString());
        assertEquals("3 introduction circuits established", v.get(HealthRules.INTRO).evidence());
        assertTrue(v.get(HealthRules.REACHABLE).evidence().startsWith("HTTP 200 for /v1/info in 812 ms"));
        assertEquals(HealthLevel.OK, HealthRules.overall(checks).level());
    }

    @Test
    void aLoadBalancedFrontendIsNotFailedForWhatOnlyItsBackendsHave() {
        // Its own tor has no introduction circuits for it, and no API of its own: Onionbalance publishes the
        // backends' introduction points; the backends' panels check their APIs.
        HealthEvidence frontend = new HealthEvidence(RUNNING, 9, PUBLISHED, 6, NOW.minusSeconds(600), 0, 0, NOW.minusSeconds(600),
                OK_PROBE, 0, 0, 1, "127.0.0.1:8000", null, true);
        List<HealthRules.Verdict> checks = HealthRules.evaluate(frontend, NOW);
        assertTrue(checks.stream().allMatch(c -> c.level() == HealthLevel.OK), checks.toString());
        assertTrue(byName(frontend).get(HealthRules.INTRO).evidence().contains("Onionbalance"));
        assertTrue(byName(frontend).get(HealthRules.LOCAL_TARGET).evidence().startsWith("not used"));
        // The same evidence for an ordinary service fails both.
        HealthEvidence plain = new HealthEvidence(RUNNING, 9, PUBLISHED, 6, NOW.minusSeconds(600), 0, 0, NOW.minusSeconds(600),
                OK_PROBE, 0, 0, 1, "127.0.0.1:8000", null, false);
        assertEquals(HealthLevel.FAIL, byName(plain).get(HealthRules.INTRO).level());
        assertEquals(HealthLevel.FAIL, byName(plain).get(HealthRules.LOCAL_TARGET).level());
    }

    @Test
    void aStoppedLocalTargetFailsWithTheReason() {
        SelfProbeResult refused = new SelfProbeResult(NOW, "/", null, 900, "connection refused by the local target (SOCKS 0x05)", 5);
        HealthEvidence e = new HealthEvidence(RUNNING, 9, PUBLISHED, 6, NOW.minusSeconds(600), 0, 3, null, refused, 2, 0, 1,
                "127.0.0.1:8000");
        Map<String, HealthRules.Verdict> v = byName(e);
        assertEquals(HealthLevel.FAIL, v.get(HealthRules.LOCAL_TARGET).level());
        assertEquals("nothing accepts connections at 127.0.0.1:8000 (is the API running?)", v.get(HealthRules.LOCAL_TARGET).evidence());
        assertEquals(HealthLevel.FAIL, v.get(HealthRules.REACHABLE).level());
        HealthRules.Verdict overall = HealthRules.overall(HealthRules.evaluate(e, NOW));
        assertEquals(HealthLevel.FAIL, overall.level());
        assertTrue(overall.evidence().startsWith("reachable: connection refused"), overall.evidence());
        // A single failed probe is only a warning: rendezvous can be slow.
        HealthEvidence once = new HealthEvidence(RUNNING, 9, PUBLISHED, 6, NOW.minusSeconds(600), 0, 3, null, refused, 1, 1, 1, "t");
        assertEquals(HealthLevel.WARN, byName(once).get(HealthRules.REACHABLE).level());
    }

    @Test
    void torDownFailsEverythingThatDependsOnIt() {
        TorStatus failed = new TorStatus(TorStatus.State.FAILED, 40, "", "", null, true, "bootstrap timed out");
        HealthEvidence e = new HealthEvidence(failed, 0, PUBLISHED.with(ServiceStatus.State.STOPPED, null), 0, null, 0, 0, null,
                null, 0, 1, 1, "t");
        Map<String, HealthRules.Verdict> v = byName(e);
        assertEquals(HealthLevel.FAIL, v.get(HealthRules.TOR_UP).level());
        assertEquals("tor failed: bootstrap timed out", v.get(HealthRules.TOR_UP).evidence());
        assertEquals(HealthLevel.FAIL, v.get(HealthRules.BOOTSTRAPPED).level());
        assertEquals(HealthLevel.FAIL, v.get(HealthRules.CIRCUIT).level());
        assertEquals("tor process up: tor failed: bootstrap timed out", HealthRules.overall(HealthRules.evaluate(e, NOW)).evidence());
    }

    @Test
    void theTorVersionCheckFollowsWhatTheNetworkSays() {
        TorStatus obsolete = new TorStatus(TorStatus.State.RUNNING, 100, "done", "Done", "0.4.7.13", "chosen", null, true,
                new NetworkVersionStatus("0.4.7.13", "obsolete", "0.4.9.10,0.4.9.11", NOW));
        HealthRules.Verdict v = HealthRules.torVersion(obsolete);
        assertEquals(HealthLevel.FAIL, v.level());
        assertTrue(v.evidence().startsWith("tor 0.4.7.13: obsolete: the network no longer accepts it"), v.evidence());
        assertTrue(v.evidence().contains("run only because an unsupported tor was allowed"), v.evidence());
        assertEquals(HealthLevel.OK, HealthRules.torVersion(RUNNING).level());
        assertEquals("tor 0.4.9.11: recommended by the network", HealthRules.torVersion(RUNNING).evidence());
        assertEquals(HealthLevel.WARN, HealthRules.torVersion(RUNNING.withNetwork(
                new NetworkVersionStatus("0.4.9.11", "unrecommended", "0.4.9.12", NOW))).level());
        assertEquals(HealthLevel.UNKNOWN, HealthRules.torVersion(RUNNING.withNetwork(null)).level());
        // Allowed but not yet judged by the network: still a failure, the panel knows the series is retired.
        TorStatus allowed = new TorStatus(TorStatus.State.RUNNING, 100, "done", "Done", "0.4.8.17", "chosen", null, true, null);
        assertEquals(HealthLevel.FAIL, HealthRules.torVersion(allowed).level());
        HealthEvidence e = new HealthEvidence(obsolete, 9, PUBLISHED, 6, NOW.minusSeconds(600), 0, 3, null, OK_PROBE, 0, 1, 1,
                "127.0.0.1:8000");
        assertTrue(HealthRules.overall(HealthRules.evaluate(e, NOW)).evidence().startsWith("tor version: tor 0.4.7.13: obsolete"));
    }

    @Test
    void startingIsAWarningNotAFailure() {
        TorStatus starting = new TorStatus(TorStatus.State.STARTING, 0, "starting", "Starting tor", null, true, null);
        HealthEvidence e = new HealthEvidence(starting, 0, PUBLISHED.with(ServiceStatus.State.STARTING, "Waiting"), 0, null, 0, 0,
                null, null, 0, -1, -1, "");
        assertEquals(HealthLevel.WARN, HealthRules.overall(HealthRules.evaluate(e, NOW)).level());
    }

    @Test
    void descriptorAndIntroductionRules() {
        // No upload for more than three hours: tor should have re-uploaded by then.
        HealthEvidence stale = new HealthEvidence(RUNNING, 9, PUBLISHED, 0, NOW.minus(Duration.ofHours(4)), 0, 3, null, OK_PROBE, 0, 1, 1, "t");
        assertEquals(HealthLevel.WARN, byName(stale).get(HealthRules.DESCRIPTOR).level());
        // Only failed uploads while not yet published.
        HealthEvidence failing = new HealthEvidence(RUNNING, 9, PUBLISHED.with(ServiceStatus.State.STARTING, null), 0, null, 4, 0,
                null, null, 0, 1, 1, "t");
        assertEquals(HealthLevel.FAIL, byName(failing).get(HealthRules.DESCRIPTOR).level());
        // Published without intro circuits: a moment is normal, longer fails.
        HealthEvidence brief = new HealthEvidence(RUNNING, 9, PUBLISHED, 6, NOW, 0, 0, NOW.minusSeconds(10), OK_PROBE, 0, 1, 1, "t");
        // A rotation is normal, but clients cannot connect during it: a warning that says so, never "OK".
        assertEquals(HealthLevel.WARN, byName(brief).get(HealthRules.INTRO).level(), "a rotation");
        assertEquals("none at this moment: tor is replacing its introduction points (a failure if none for 90 s)",
                byName(brief).get(HealthRules.INTRO).evidence());
        HealthEvidence lost = new HealthEvidence(RUNNING, 9, PUBLISHED, 6, NOW, 0, 0, NOW.minusSeconds(300), OK_PROBE, 0, 1, 1, "t");
        assertEquals(HealthLevel.FAIL, byName(lost).get(HealthRules.INTRO).level());
        // A wrong probe path: reachable through tor, but the API says 404.
        HealthEvidence notFound = new HealthEvidence(RUNNING, 9, PUBLISHED, 6, NOW, 0, 3, null,
                new SelfProbeResult(NOW, "/nope", 404, 700, "HTTP 404", 0), 0, 1, 1, "t");
        assertEquals(HealthLevel.WARN, byName(notFound).get(HealthRules.REACHABLE).level());
        // Client authorisation on: tor refuses the keyless probe with 0xF4, which proves the service is published.
        HealthEvidence authOnly = new HealthEvidence(RUNNING, 9, PUBLISHED, 6, NOW, 0, 3, null,
                new SelfProbeResult(NOW, "/", null, 900, "client authorisation missing (SOCKS 0xF4)", 0xF4), 0, 1, 1, "t");
        assertEquals(HealthLevel.OK, byName(authOnly).get(HealthRules.REACHABLE).level());
    }

    @Test
    void worstLevelOrdering() {
        assertEquals(HealthLevel.FAIL, HealthLevel.OK.worst(HealthLevel.FAIL));
        assertEquals(HealthLevel.WARN, HealthLevel.WARN.worst(HealthLevel.UNKNOWN));
    }
}
