package io.onionpanel.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LogRedactionTest {
    private static final String ONION = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz2345";

    @Test
    void ipAddressesGoWhenALineMentionsAnOnionAddress() {
        assertEquals("Client [IP] asked for " + ONION + ".onion", LogRedaction.redact("Client 10.1.2.3 asked for " + ONION + ".onion"));
        assertEquals("upload of " + ONION + " to [IP]:5001 failed", LogRedaction.redact("upload of " + ONION + " to 127.0.0.1:5001 failed"));
        assertEquals("http://x.onion via [IP]", LogRedaction.redact("http://x.onion via 2001:db8:0:0:1:0:0:1"));
        assertEquals("x.onion via [IP]", LogRedaction.redact("x.onion via ::1"));
        // Without an onion address a line keeps its addresses (tor's own diagnostics need them).
        assertEquals("Bootstrapped 5% to 127.0.0.1:5001 at 12:03:04", LogRedaction.redact("Bootstrapped 5% to 127.0.0.1:5001 at 12:03:04"));
        assertEquals("at 12:03:04 for x.onion", LogRedaction.redact("at 12:03:04 for x.onion"), "a time of day is no IPv6 address");
    }

    @Test
    void keyMaterialNeverPasses() {
        byte[] key = new byte[64];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7 + 3);
        }
        String b64 = Base64.getEncoder().encodeToString(key);
        String addOnion = LogRedaction.redact("ADD_ONION ED25519-V3:" + b64 + " Port=80,127.0.0.1:8000");
        assertFalse(addOnion.contains(b64.substring(0, 20)), addOnion);
        assertTrue(addOnion.contains("ED25519-V3:" + LogRedaction.KEY), addOnion);

        String x25519 = "QV7VJ5NHMI7NRLWZ3KSZC7XQQH5BFGWUK2Y2JNJ3R2T3XWV6LJXA";
        assertFalse(LogRedaction.redact(ONION + ":descriptor:x25519:" + x25519).contains(x25519));
        String x25519b64 = Base64.getEncoder().encodeToString(new byte[32]);
        assertFalse(LogRedaction.redact("ONION_CLIENT_AUTH_ADD " + ONION + " x25519:" + x25519b64).contains(x25519b64));
        assertFalse(LogRedaction.redact("HidServAuth " + ONION + ".onion pWvQqXy0d8H1xYkPq7lNbg").contains("pWvQqXy0d8H1xYkPq7lNbg"));
        assertFalse(LogRedaction.redact("-----BEGIN RSA PRIVATE KEY-----\nMIIC\n-----END RSA PRIVATE KEY-----").contains("MIIC"));
        // Any long base64 run, whatever it is called.
        assertEquals("blob " + LogRedaction.KEY + " end", LogRedaction.redact("blob " + b64 + " end"));
        // An onion address itself is not a key.
        assertTrue(LogRedaction.redact("published " + ONION).contains(ONION));
    }

    @Test
    void theBufferIsBoundedAndRedacts() {
        LogBuffer b = new LogBuffer(3);
        for (int i = 0; i < 5; i++) {
            b.add(Instant.EPOCH, "tor", "NOTICE", "line " + i + " for " + ONION + ".onion from 10.0.0." + i);
        }
        var recent = b.recent(10);
        assertEquals(3, recent.size());
        assertEquals(2, recent.get(0).sequence());
        assertEquals(4, recent.get(2).sequence());
        assertTrue(recent.get(2).text().endsWith("from [IP]"), recent.get(2).text());
        assertEquals(1, b.recent(1).size());
        assertEquals(4, b.recent(1).get(0).sequence());
    }
}
