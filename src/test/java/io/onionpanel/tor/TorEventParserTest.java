package io.onionpanel.tor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;

class TorEventParserTest {
    @Test
    void parsesBootstrapWithQuotedSummary() {
        var e = assertInstanceOf(TorEvent.Bootstrap.class, TorEventParser.parse(
                "STATUS_CLIENT NOTICE BOOTSTRAP PROGRESS=75 TAG=enough_dirinfo SUMMARY=\"Loaded enough directory info to build circuits\""));
        assertEquals(75, e.progress());
        assertEquals("enough_dirinfo", e.tag());
        assertEquals("Loaded enough directory info to build circuits", e.summary());
    }

    @Test
    void parsesBootstrapPhaseGetInfo() {
        var e = TorEventParser.parseBootstrapPhase("NOTICE BOOTSTRAP PROGRESS=100 TAG=done SUMMARY=\"Done\"");
        assertEquals(100, e.progress());
        assertEquals(true, e.done());
    }

    @Test
    void parsesHsDescUploaded() {
        var e = assertInstanceOf(TorEvent.HsDesc.class, TorEventParser.parse(
                "HS_DESC UPLOADED abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcd UNKNOWN $AAAA~relay1 DESCID"));
        assertEquals("UPLOADED", e.action());
        assertEquals("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcd", e.address());
        assertEquals("$AAAA~relay1", e.hsDir());
    }

    @Test
    void keepsEveryCircuitField() {
        var e = assertInstanceOf(TorEvent.Circuit.class, TorEventParser.parse(
                "CIRC 12 BUILT $A~r1,$B~r2,$C~r3 BUILD_FLAGS=IS_INTERNAL,NEED_CAPACITY PURPOSE=HS_SERVICE_INTRO HS_STATE=HSSI_ESTABLISHED"
                        + " TIME_CREATED=2026-11-24T21:00:00.000000"));
        assertEquals("12", e.id());
        assertEquals("BUILT", e.status());
        assertEquals("$A~r1,$B~r2,$C~r3", e.path());
        assertEquals("HS_SERVICE_INTRO", e.fields().get("PURPOSE"));
        assertEquals("HSSI_ESTABLISHED", e.fields().get("HS_STATE"));
    }

    @Test
    void circuitWithoutPath() {
        var e = assertInstanceOf(TorEvent.Circuit.class, TorEventParser.parse("CIRC 3 LAUNCHED BUILD_FLAGS=NEED_CAPACITY PURPOSE=GENERAL"));
        assertEquals("", e.path());
        assertEquals("GENERAL", e.fields().get("PURPOSE"));
    }

    @Test
    void logsBandwidthAndUnknown() {
        assertEquals(new TorEvent.Log("WARN", "Something odd"), TorEventParser.parse("WARN Something odd"));
        assertEquals(new TorEvent.Bandwidth(10, 20), TorEventParser.parse("BW 10 20"));
        assertInstanceOf(TorEvent.Other.class, TorEventParser.parse("NEWCONSENSUS"));
        // A malformed line of a known type must not throw.
        assertInstanceOf(TorEvent.Other.class, TorEventParser.parse("BW x"));
    }

    @Test
    void controlWordsHonourQuotesAndEscapes() {
        assertEquals(List.of("A", "b c", "D=\"q\""), ControlWords.split("A \"b c\" D=\"\\\"q\\\"\""));
        assertEquals("127.0.0.1:9050", ControlWords.unquote("\"127.0.0.1:9050\""));
        assertEquals("\"C:\\\\tor\"", ControlWords.quote("C:\\tor"));
    }
}
