package io.onionpanel.defense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.common.ValidationException;
import io.onionpanel.settings.DosDefenses;
import io.onionpanel.settings.DosLimits;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.Settings;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.settings.TorSettings;
import io.onionpanel.tor.DefenseOptions;
import io.onionpanel.tor.TorBinary;
import io.onionpanel.tor.TorPaths;
import io.onionpanel.tor.Torrc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefenseRenderingTest {
    static final DosDefenses ALL = DosDefenses.NONE.withMaxStreams(20, true).withIntroDefense(true, 30, 300)
            .withIntroductionPoints(4).withPow(true, 100, 1000);

    @Test
    void limitsAreTorsOwn() {
        DosLimits.requireValid(ALL);
        DosLimits.requireValid(DosDefenses.NONE.withMaxStreams(0, false).withIntroductionPoints(3));
        DosLimits.requireValid(DosDefenses.NONE.withMaxStreams(65535, false).withIntroductionPoints(20)
                .withIntroDefense(true, 0, Integer.MAX_VALUE).withPow(true, 0, Integer.MAX_VALUE));
        record Bad(DosDefenses d, String message) {
        }
        for (Bad b : List.of(
                new Bad(DosDefenses.NONE.withMaxStreams(65536, false), "Max streams per circuit 65536 is out of range: tor accepts 0–65535"),
                new Bad(DosDefenses.NONE.withMaxStreams(-1, false), "out of range"),
                new Bad(DosDefenses.NONE.withIntroductionPoints(2), "Introduction points 2 is out of range: tor accepts 3–20"),
                new Bad(DosDefenses.NONE.withIntroductionPoints(21), "3–20"),
                new Bad(DosDefenses.NONE.withIntroDefense(true, -1, null), "0–2147483647"),
                new Bad(DosDefenses.NONE.withIntroDefense(true, 300, 200), "burst per second (200) cannot be smaller than the rate (300)"),
                new Bad(DosDefenses.NONE.withIntroDefense(true, 201, null), "cannot be smaller than the rate (201)"),
                new Bad(DosDefenses.NONE.withPow(true, -5, null), "PoW queue rate -5"))) {
            ValidationException e = assertThrows(ValidationException.class, () -> DosLimits.requireValid(b.d()), b.toString());
            assertTrue(e.getMessage().contains(b.message()), e.getMessage());
        }
    }

    @Test
    void typedNumbersAreParsedStrictly() {
        assertEquals(null, DosLimits.parse("x", " ", 0, 10));
        assertEquals(7, DosLimits.parse("x", " 7 ", 0, 10));
        assertEquals(Integer.MAX_VALUE, DosLimits.parse("x", "2147483647", 0, DosLimits.INT32_MAX));
        for (String bad : List.of("2147483648", "99999999999", "-1", "1e3", "7\n", "10 # comment", "0x10")) {
            assertThrows(ValidationException.class, () -> DosLimits.parse("x", bad, 0, DosLimits.INT32_MAX), bad);
        }
    }

    @Test
    void rendersTorrcLinesAfterTheServiceDirAndSetconfArguments() {
        Torrc.Service s = new Torrc.Service(Path.of("/data/services/api"), List.of(PortMapping.of(80, "127.0.0.1:8000")), ALL);
        assertEquals(List.of("HiddenServiceDir /data/services/api", "HiddenServicePort 80 127.0.0.1:8000",
                "HiddenServiceMaxStreams 20", "HiddenServiceMaxStreamsCloseCircuit 1", "HiddenServiceNumIntroductionPoints 4",
                "HiddenServiceEnableIntroDoSDefense 1", "HiddenServiceEnableIntroDoSRatePerSec 30",
                "HiddenServiceEnableIntroDoSBurstPerSec 300", "HiddenServicePoWDefensesEnabled 1",
                "HiddenServicePoWQueueRate 100", "HiddenServicePoWQueueBurst 1000"), Torrc.serviceLines(List.of(s)));
        assertEquals("SETCONF HiddenServiceDir=\"/data/services/api\" HiddenServicePort=\"80 127.0.0.1:8000\""
                + " HiddenServiceMaxStreams=\"20\" HiddenServiceMaxStreamsCloseCircuit=\"1\""
                + " HiddenServiceNumIntroductionPoints=\"4\" HiddenServiceEnableIntroDoSDefense=\"1\""
                + " HiddenServiceEnableIntroDoSRatePerSec=\"30\" HiddenServiceEnableIntroDoSBurstPerSec=\"300\""
                + " HiddenServicePoWDefensesEnabled=\"1\" HiddenServicePoWQueueRate=\"100\" HiddenServicePoWQueueBurst=\"1000\"",
                Torrc.setConfCommand(List.of(s)));
    }

    @Test
    void defaultsAndSwitchedOffDefencesWriteNothing() {
        assertTrue(DefenseOptions.of(DosDefenses.NONE).isEmpty());
        // Rate and burst without their switch would look active in the torrc but do nothing: not written.
        assertTrue(DefenseOptions.of(DosDefenses.NONE.withIntroDefense(false, 30, 300).withPow(false, 1, 2)).isEmpty());
    }

    @Test
    void singleOnionTurnsOffSocksAndAddsBothOptions() {
        String torrc = Torrc.render(TorPaths.in(Path.of("/data")), List.of(), List.of(), 19050, true);
        assertFalse(torrc.contains("19050"), "no SOCKS port at all in single-onion mode, not even the fixed one");
        assertTrue(torrc.contains("SocksPort 0\n"), torrc);
        assertTrue(torrc.contains("HiddenServiceNonAnonymousMode 1\n") && torrc.contains("HiddenServiceSingleHopMode 1\n"), torrc);
        String normal = Torrc.render(TorPaths.in(Path.of("/data")), List.of(), List.of());
        assertFalse(normal.contains("NonAnonymous") || normal.contains("SingleHop"), normal);
    }

    @Test
    void powIsOfferedOnlyByATorWithTheModule() {
        TorBinary bundled = new TorBinary(Path.of("/x/tor"), true, "0.4.7.13", Map.of("relay", false, "pow", false));
        TorBinary system = new TorBinary(Path.of("/usr/sbin/tor"), false, "0.4.9.11", Map.of("relay", true, "pow", true));
        TorBinary old = new TorBinary(Path.of("/usr/sbin/tor"), false, "0.4.4.1", Map.of());
        assertTrue(PowSupport.of(system).available());
        PowSupport none = PowSupport.of(bundled);
        assertFalse(none.available());
        assertTrue(none.reason().contains("bundled tor 0.4.7.13 has no proof-of-work module"), none.reason());
        assertTrue(none.reason().contains("apt install tor"), none.reason());
        assertFalse(PowSupport.of(old).available());
        ValidationException e = assertThrows(ValidationException.class, () -> none.require(ALL));
        assertEquals(none.reason(), e.getMessage());
        none.require(ALL.withPow(false, null, null));
    }

    @Test
    void settingsWithoutDefencesStayAsTheyWereAndOldFilesLoad(@TempDir Path data) throws Exception {
        SettingsStore store = new SettingsStore(data);
        ServiceConfig plain = new ServiceConfig("api", true, List.of(PortMapping.of(80, "127.0.0.1:8000")));
        String json = new String(store.serialize(Settings.defaults().withServices(List.of(plain))), StandardCharsets.UTF_8);
        assertFalse(json.contains("defenses") || json.contains("singleOnion") || json.contains("attach"), json);
        String old = "{\"schemaVersion\":1,\"tor\":{\"binary\":null,\"extraTorrcLines\":[],\"bootstrapTimeoutSeconds\":180,"
                + "\"publishTimeoutSeconds\":180},\"services\":[{\"name\":\"api\",\"enabled\":true,\"ports\":[{\"virtual\":80,"
                + "\"targets\":[\"127.0.0.1:8000\"]}]}],\"ui\":null}";
        Files.writeString(data.resolve("settings.json"), old);
        Settings loaded = store.load();
        assertEquals(DosDefenses.NONE, loaded.services().get(0).defenses());
        assertFalse(loaded.tor().singleOnion());
        assertEquals(null, loaded.tor().attach());

        Settings withAll = loaded.mapServices(l -> List.of(l.get(0).withDefenses(ALL)))
                .withTor(loaded.tor().withSingleOnion(true));
        Settings back = store.parse(store.serialize(withAll));
        assertEquals(ALL, back.services().get(0).defenses());
        assertTrue(back.tor().singleOnion());
        String partial = new String(store.serialize(loaded.mapServices(l -> List.of(l.get(0).withDefenses(
                DosDefenses.NONE.withMaxStreams(100, true))))), StandardCharsets.UTF_8);
        assertTrue(partial.replaceAll("\\s", "").contains("\"defenses\":{\"maxStreams\":100,\"maxStreamsCloseCircuit\":true}"), partial);
        assertEquals(TorSettings.defaults(), Settings.defaults().tor());
    }
}
