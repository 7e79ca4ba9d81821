package io.onionpanel.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.onionpanel.common.ConnectionSecrets;
import io.onionpanel.monitor.LogRedaction;
import io.onionpanel.tor.TorEvent;
import io.onionpanel.tor.TorEventParser;
import org.junit.jupiter.api.Test;

class ConnectionSecretsTest {
    @Test
    void bridgeLinesCertificatesAndProxyCredentialsNeverPass() {
        assertEquals("Bridge [bridge redacted]", ConnectionSecrets.redact("Bridge " + BridgeLineTest.OBFS4));
        assertEquals("Bridge=[bridge redacted]", ConnectionSecrets.redact("Bridge=198.51.100.2:9001"));
        assertEquals("Socks5ProxyPassword [redacted]", ConnectionSecrets.redact("Socks5ProxyPassword s3cr3t"));
        assertEquals("HTTPSProxyAuthenticator [redacted]", ConnectionSecrets.redact("HTTPSProxyAuthenticator bob:pw"));
        assertEquals("something cert=[redacted] here", ConnectionSecrets.redact("something cert=" + BridgeLineTest.CERT + " here"));
    }

    @Test
    void addressesAndFingerprintsGoFromLinesAboutBridgesOrProxies() {
        String torLine = "new bridge descriptor 'bridge1' (fresh): $" + BridgeLineTest.FP + "~bridge1 [abc] at 203.0.113.7";
        String out = LogRedaction.redact(torLine);
        assertFalse(out.contains("203.0.113.7") || out.contains(BridgeLineTest.FP), out);
        assertEquals("Proxy Client: unable to connect OR connection (handshaking (proxy)) with [address]",
                ConnectionSecrets.redact("Proxy Client: unable to connect OR connection (handshaking (proxy)) with 127.0.0.1:1080"));
        // A line about something else keeps its addresses: tor's diagnostics need them.
        assertEquals("Bootstrapped 5% to 127.0.0.1:5001", ConnectionSecrets.redact("Bootstrapped 5% to 127.0.0.1:5001"));
    }

    @Test
    void torsLogEventsAreRedactedAsTheyAreParsed() {
        TorEvent e = TorEventParser.parse("WARN Bridge line 'obfs4 203.0.113.7:443 " + BridgeLineTest.FP + " cert="
                + BridgeLineTest.CERT + " iat-mode=0' failed");
        String message = ((TorEvent.Log) e).message();
        assertFalse(message.contains("203.0.113.7") || message.contains(BridgeLineTest.CERT) || message.contains(BridgeLineTest.FP), message);
    }
}
