package io.onionpanel.onion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The descriptor decoder against descriptors tor 0.4.9.11 published on the private network
 * ({@code GETINFO hs/service/desc/id}, saved by the integration tests' first run): one service with proof-of-work,
 * one with --no-pow. Any other address, or a flipped byte, fails the MAC and says so.
 */
class OnionDescriptorTest {
    static final String POW_ON = "5czhh2hg2stimtpicidtijnlx5mvnh5clo5fiupbpz4qup4ouywxlqad";
    static final String POW_OFF = "2kvspecdr4htbu3cvbl2kqgjkjssatczvonqgk4qnrm353blcx3ifvyd";

    @Test
    void bothLayersOpenWithTheAddressAlone() throws IOException {
        OnionDescriptor.Layers on = OnionDescriptor.open(fixture("pow-on.desc"), POW_ON + ".onion");
        assertTrue(on.outer().startsWith("desc-auth-type x25519\n"), on.outer());
        assertTrue(on.inner().startsWith("create2-formats 2\n"), on.inner());
        assertEquals(3, on.lines("introduction-point").size(), on.inner());
        assertEquals(List.of("pow-params v1 ulJUhzmwjJ+lfcTTC8xrwEGcs9fNVlkABBBesakCAg0= 0 2026-12-02T04:51:34"),
                on.lines("pow-params"));
        OnionDescriptor.Layers off = OnionDescriptor.open(fixture("pow-off.desc"), POW_OFF);
        assertEquals(List.of(), off.lines("pow-params"));
        assertEquals(3, off.lines("introduction-point").size(), off.inner());
    }

    @Test
    void theWrongAddressOrATamperedBlobFailsTheMac() throws IOException {
        String descriptor = fixture("pow-on.desc");
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> OnionDescriptor.open(descriptor, POW_OFF));
        assertTrue(other.getMessage().contains("MAC does not match"), other.getMessage());

        // Change one base64 character of the superencrypted blob (the same length keeps it valid base64).
        int blob = descriptor.indexOf("-----BEGIN MESSAGE-----\n") + "-----BEGIN MESSAGE-----\n".length() + 10;
        char c = descriptor.charAt(blob);
        String tampered = descriptor.substring(0, blob) + (c == 'A' ? 'B' : 'A') + descriptor.substring(blob + 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnionDescriptor.open(tampered, POW_ON));
        assertTrue(e.getMessage().contains("hsdir-superencrypted-data layer's MAC does not match"), e.getMessage());
    }

    @Test
    void notADescriptorOrNotAnAddressIsSaidPlainly() throws IOException {
        String descriptor = fixture("pow-on.desc");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OnionDescriptor.open("250 OK", POW_ON))
                .getMessage().contains("not a v3 onion service descriptor"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OnionDescriptor.open(descriptor, "example.onion"))
                .getMessage().contains("is not a v3 onion address"));
        String noCert = descriptor.replace("descriptor-signing-key-cert\n", "");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OnionDescriptor.open(noCert, POW_ON))
                .getMessage().contains("no 'descriptor-signing-key-cert' object"));
        // What a GETINFO reply carries before the descriptor, and CRLF line ends, are tolerated.
        String reply = "hs/service/desc/id/" + POW_ON + "=\r\n" + descriptor.replace("\n", "\r\n");
        assertEquals(1, OnionDescriptor.open(reply, POW_ON).lines("pow-params").size());
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = OnionDescriptorTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
