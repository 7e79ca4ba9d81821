package io.onionpanel.tor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TorVersionTest {
    @Test
    void readsTheFormsTorPrints() {
        assertEquals(new TorVersion(0, 4, 9, 11, ""), TorVersion.parse("0.4.9.11").orElseThrow());
        assertEquals("alpha", TorVersion.parse("0.4.9.2-alpha").orElseThrow().tag());
        assertEquals("0.4.8", TorVersion.parse("0.4.8.13-dev").orElseThrow().series());
        assertTrue(TorVersion.parse("tor 0.4.9").isEmpty());
        assertTrue(TorVersion.parse("0.4.99999999999.1").isEmpty());
    }

    @Test
    void comparesNumbersNotText() {
        assertTrue(TorVersion.parse("0.4.9.10").orElseThrow().compareTo(TorVersion.parse("0.4.9.9").orElseThrow()) > 0);
        assertTrue(TorVersion.parse("0.4.10.0").orElseThrow().atLeast(TorSupport.MINIMUM));
    }

    @Test
    void theFloorIs049() {
        assertEquals(TorSupport.MINIMUM_SERIES, TorSupport.MINIMUM.series());
        assertFalse(TorSupport.supported(tor("0.4.8.17")));
        assertFalse(TorSupport.supported(tor("0.4.7.13")));
        assertTrue(TorSupport.supported(tor("0.4.9.2-alpha")));
        assertTrue(TorSupport.supported(tor("0.4.9.11")));
        assertFalse(TorSupport.supported(tor("unknown")), "a version the panel cannot read is not taken as new");
        assertTrue(TorSupport.refusal(tor("0.4.7.13")).orElseThrow().contains("0.4.7.13"));
        assertTrue(TorSupport.refusal(tor("0.4.9.11")).isEmpty());
    }

    private static TorBinary tor(String version) {
        return new TorBinary(Path.of("/usr/bin/tor"), TorOrigin.SYSTEM, version, Map.of());
    }
}
