package io.onionpanel.onion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OnionAddressTest {
    // A long-lived public v3 address (DuckDuckGo's), so the checksum rule is checked against tor's own output.
    private static final String REAL = "duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion";

    @Test
    void acceptsARealAddress() {
        assertTrue(OnionAddress.isValid(REAL));
        assertTrue(OnionAddress.isValid(REAL.toUpperCase()));
        assertTrue(OnionAddress.isValid(REAL.replace(".onion", "")));
    }

    @Test
    void addressRoundTripsThroughItsPublicKey() {
        byte[] key = OnionAddress.publicKeyOf(REAL).orElseThrow();
        assertEquals(REAL, OnionAddress.fromPublicKey(key));
        assertArrayEquals(key, OnionAddress.publicKeyOf(OnionAddress.fromPublicKey(key)).orElseThrow());
    }

    @Test
    void refusesBadChecksumLengthAndAlphabet() {
        assertFalse(OnionAddress.isValid("duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczae.onion"));
        assertFalse(OnionAddress.isValid("duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzcza.onion"));
        assertFalse(OnionAddress.isValid("duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzcza1.onion"));
        assertFalse(OnionAddress.isValid("expyuzz4wqqyqhjn.onion"));
        assertFalse(OnionAddress.isValid(null));
    }

    @Test
    void bareDropsOnlyATrailingOnionSuffix() {
        assertEquals(REAL.substring(0, OnionAddress.LENGTH), OnionAddress.bare(REAL));
        assertEquals(REAL.substring(0, OnionAddress.LENGTH), OnionAddress.bare(REAL.substring(0, OnionAddress.LENGTH)));
        assertEquals("a.onion.example", OnionAddress.bare("a.onion.example"));
    }
}
