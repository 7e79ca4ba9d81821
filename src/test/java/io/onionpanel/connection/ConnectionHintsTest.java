package io.onionpanel.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionHintsTest {
    @Test
    void theStageTorWasStuckAtDecidesWhatToTry() {
        ConnectionSettings bridges = ConnectionSettings.NONE.withBridges(List.of(BridgeLineTest.OBFS4));
        assertEquals("", ConnectionHints.afterTimeout(ConnectionSettings.NONE, "conn_done"));
        assertTrue(ConnectionHints.afterTimeout(bridges, "conn_pt").contains("transport binary runs"));
        // Connected to the transport, but the bridge never completed the handshake: a wrong cert looks exactly so.
        String stuck = ConnectionHints.afterTimeout(bridges, "conn_done_pt");
        assertTrue(stuck.contains("wrong or outdated cert=") && stuck.contains("fresh bridge lines"), stuck);
        ConnectionSettings proxy = ConnectionSettings.direct(new UpstreamProxy("socks5", "127.0.0.1", 1080, "u", "secret"));
        String viaProxy = ConnectionHints.afterTimeout(proxy, "conn_proxy");
        assertTrue(viaProxy.contains("SOCKS5 proxy 127.0.0.1:1080") && !viaProxy.contains("secret"), viaProxy);
    }
}
