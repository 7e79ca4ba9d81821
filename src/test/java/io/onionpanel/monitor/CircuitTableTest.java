package io.onionpanel.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.tor.TorEvent;
import io.onionpanel.tor.TorEventParser;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CircuitTableTest {
    private static final String ADDR = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz2345";

    private static TorEvent.Circuit circ(String line) {
        return (TorEvent.Circuit) TorEventParser.parse(line);
    }

    @Test
    void descriptorUploadsAreNamedAndEveryFoldedPurposeIsExplained() {
        // On a busy panel descriptor uploads were most of the circuits, all shown as "other".
        assertEquals("descriptor upload", CircuitPurposes.label("hs_upload"));
        assertEquals("tor housekeeping", CircuitPurposes.label("other"));
        for (String purpose : SeriesKeys.CIRCUIT_PURPOSES) {
            org.junit.jupiter.api.Assertions.assertNotEquals(purpose, CircuitPurposes.describe(purpose), "a description for " + purpose);
        }
    }

    @Test
    void foldsTorsPurposes() {
        assertEquals("general", CircuitPurposes.fold("GENERAL"));
        assertEquals("hs_intro", CircuitPurposes.fold("HS_SERVICE_INTRO"));
        assertEquals("hs_rend", CircuitPurposes.fold("HS_SERVICE_REND"));
        assertEquals("hs_client", CircuitPurposes.fold("HS_CLIENT_REND"));
        assertEquals("hs_client", CircuitPurposes.fold("HS_CLIENT_INTRO"));
        assertEquals("hs_client", CircuitPurposes.fold("HS_CLIENT_HSDIR"));
        assertEquals("hs_upload", CircuitPurposes.fold("HS_SERVICE_HSDIR"));
        assertEquals("other", CircuitPurposes.fold("HS_VANGUARDS"));
        assertEquals("other", CircuitPurposes.fold("CONFLUX_LINKED"));
        assertEquals("general", CircuitPurposes.fold(null));
        assertTrue(SeriesKeys.CIRCUIT_PURPOSES.containsAll(List.of("general", "hs_intro", "hs_rend", "hs_client", "hs_upload", "other")));
    }

    @Test
    void followsACircuitFromLaunchToCloseWithItsBuildTime() {
        CircuitTable t = new CircuitTable();
        Instant now = Instant.parse("2026-11-24T12:00:00Z");
        t.apply(circ("CIRC 7 LAUNCHED BUILD_FLAGS=IS_INTERNAL,NEED_CAPACITY PURPOSE=HS_SERVICE_INTRO HS_STATE=HSSI_CONNECTING"
                + " REND_QUERY=" + ADDR + " TIME_CREATED=2026-11-24T12:00:00.000000"), now, 0);
        CircuitTable.Change c = t.apply(circ("CIRC 7 BUILT $AAAA~relay1,$BBBB~relay2,$CCCC PURPOSE=HS_SERVICE_INTRO"
                + " HS_STATE=HSSI_CONNECTING REND_QUERY=" + ADDR + " TIME_CREATED=2026-11-24T12:00:00.000000"), now, 850_000_000L);
        assertTrue(c.built());
        assertEquals(850L, c.buildMillis());
        assertEquals(0, t.establishedIntro(ADDR), "built is not yet established");
        // tor tells of the established intro point in CIRC_MINOR only (tor 0.4.7.13, checked on the private network).
        assertTrue(t.applyMinor("CIRC_MINOR 7 PURPOSE_CHANGED $AAAA~relay1,$BBBB~relay2,$CCCC BUILD_FLAGS=IS_INTERNAL"
                + " PURPOSE=HS_SERVICE_INTRO HS_STATE=HSSI_ESTABLISHED REND_QUERY=" + ADDR
                + " TIME_CREATED=2026-11-24T12:00:00.000000 OLD_PURPOSE=HS_SERVICE_INTRO OLD_HS_STATE=HSSI_CONNECTING"));
        assertEquals(1, t.establishedIntro(ADDR));
        assertTrue(!t.applyMinor("CIRC_MINOR 404 CANNIBALIZED $AAAA~a PURPOSE=GENERAL"), "unknown circuit");
        CircuitRow row = t.rows().get(0);
        assertEquals(List.of("relay1", "relay2", "CCCC"), row.path());
        assertEquals("hs_intro", row.purpose());
        assertEquals(Instant.parse("2026-11-24T12:00:00Z"), row.created());
        assertEquals(850L, row.buildMillis());
        assertEquals(1, t.builtByPurpose().get("hs_intro"));
        assertEquals(0, t.builtByPurpose().get("general"));
        t.apply(circ("CIRC 7 CLOSED $AAAA~relay1 PURPOSE=HS_SERVICE_INTRO REASON=FINISHED"), now, 0);
        assertEquals(0, t.size());
    }

    @Test
    void withBridgesTheBridgeIsMarkedAsTheFirstHop() {
        String bridge = "46DDEBF31E6AB21C0469EF7C06BC1A54D94BB57D";
        CircuitTable t = new CircuitTable();
        t.bridges(java.util.Set.of(bridge));
        t.seed("5 BUILT $" + bridge + "~bridge0,$D55BFA5CDF7D26F6FE50575503809857BFABE462~relay2 PURPOSE=GENERAL"
                + " TIME_CREATED=2026-12-02T15:56:29.7\n7 BUILT $" + bridge.toLowerCase() + ",$AAAA~a PURPOSE=GENERAL\n",
                Instant.parse("2026-12-02T16:00:00Z"));
        assertEquals(List.of("bridge bridge0", "relay2"), t.rows().get(0).path());
        assertEquals(List.of("bridge " + bridge.toLowerCase(), "a"), t.rows().get(1).path());
        t.bridges(java.util.Set.of());
        t.seed("5 BUILT $" + bridge + "~bridge0,$AAAA~a PURPOSE=GENERAL\n", Instant.parse("2026-12-02T16:00:00Z"));
        assertEquals(List.of("bridge0", "a"), t.rows().get(0).path());
    }

    @Test
    void seedingReplacesTheTableWithTorsList() {
        CircuitTable t = new CircuitTable();
        t.apply(circ("CIRC 99 BUILT $DDDD~stale PURPOSE=GENERAL"), Instant.now(), 0);
        t.seed("1 BUILT $AAAA~a,$BBBB~b,$CCCC~c BUILD_FLAGS=NEED_CAPACITY PURPOSE=GENERAL TIME_CREATED=2026-11-24T11:59:00.5\n"
                + "2 BUILT $AAAA~a,$BBBB~b PURPOSE=HS_SERVICE_INTRO HS_STATE=HSSI_ESTABLISHED REND_QUERY=" + ADDR + "\n"
                + "3 EXTENDED $AAAA~a PURPOSE=GENERAL\n", Instant.now());
        assertEquals(3, t.size());
        assertEquals(2, t.built());
        assertEquals(1, t.establishedIntro(ADDR));
        assertNull(t.rows().get(0).buildMillis(), "a circuit built before the panel watched has no build time");
        // A seeded circuit that becomes BUILT later gives no made-up build time either.
        CircuitTable.Change c = t.apply(circ("CIRC 3 BUILT $AAAA~a,$BBBB~b,$CCCC~c PURPOSE=GENERAL"), Instant.now(), System.nanoTime());
        assertTrue(c.built());
        assertNull(c.buildMillis());
        t.seed("", Instant.now());
        assertEquals(0, t.size());
    }
}
