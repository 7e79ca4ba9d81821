package io.onionpanel.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.probe.SelfProbeResult;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** p50/p95 of the self-probes: cold probes and probes older than the window do not pin the line. */
class ProbeStatsTest {
    private static final Instant T0 = Instant.parse("2026-12-02T12:00:00Z");

    private static SelfProbeResult answered(Instant at, long ms) {
        return new SelfProbeResult(at, "/v1/info", 200, ms, null, 0);
    }

    @Test
    void aColdFirstProbeCountsInTheTotalsButNotInTheQuantiles() {
        ProbeStats stats = new ProbeStats();
        stats.add(answered(T0, 9_000), true);
        for (int i = 1; i <= 5; i++) {
            stats.add(answered(T0.plusSeconds(30L * i), 300 + i), false);
        }
        long now = T0.plusSeconds(150).toEpochMilli();
        assertEquals(305, stats.quantileMillis(0.95, now), "the 9 s cold probe is not the p95");
        assertEquals(303, stats.quantileMillis(0.5, now));
        assertEquals(6, stats.answered(), "it still counts as an answer");
        assertEquals(9.0 + (301 + 302 + 303 + 304 + 305) / 1000.0, stats.sumSeconds(), 1e-9);
    }

    @Test
    void aSlowSpellLeavesTheP95OnceItIsOlderThanTheWindow() {
        ProbeStats stats = new ProbeStats();
        stats.add(answered(T0, 4_000), false);
        stats.add(answered(T0.plusSeconds(30), 300), false);
        assertEquals(4_000, stats.quantileMillis(0.95, T0.plusSeconds(30).toEpochMilli()));
        long later = T0.plusMillis(ProbeStats.WINDOW_MILLIS + 1_000).toEpochMilli();
        stats.add(answered(Instant.ofEpochMilli(later), 310), false);
        assertEquals(310, stats.quantileMillis(0.95, later), "the slow probe left the window");
        assertTrue(Double.isNaN(new ProbeStats().quantileMillis(0.5, later)));
    }
}
