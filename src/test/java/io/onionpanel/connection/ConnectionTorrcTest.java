package io.onionpanel.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.common.ValidationException;
import io.onionpanel.engine.ConnectionSetup;
import io.onionpanel.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionTorrcTest {
    @TempDir Path data;

    @Test
    void directWritesNothing() {
        assertEquals(List.of(), ConnectionSetup.torrcLines(ConnectionSettings.NONE, data));
    }

    @Test
    void builtinBridgesUseTheShippedSetAndTheBundledTransport() {
        List<String> lines = ConnectionSetup.torrcLines(ConnectionSettings.NONE.withBuiltin("obfs4"), data);
        assertTrue(lines.contains("UseBridges 1"), lines.toString());
        assertEquals(BuiltinBridges.shipped().of(Transport.OBFS4).size(), lines.stream().filter(l -> l.startsWith("Bridge obfs4 ")).count());
        String plugin = lines.stream().filter(l -> l.startsWith("ClientTransportPlugin")).findFirst().orElseThrow();
        assertEquals("ClientTransportPlugin obfs4 exec " + data.resolve("tor/pt/obfs4proxy"), plugin);
        assertTrue(Files.isExecutable(data.resolve("tor/pt/obfs4proxy")));

        List<String> snowflake = ConnectionSetup.torrcLines(ConnectionSettings.NONE.withBuiltin("snowflake"), data);
        assertTrue(snowflake.contains("ClientTransportPlugin snowflake exec " + data.resolve("tor/pt/snowflake")), snowflake.toString());
        assertEquals(2, snowflake.stream().filter(l -> l.startsWith("Bridge snowflake 192.0.2.")).count());
    }

    @Test
    void customLinesAndAProxyAndAChosenSystemTransport() {
        ConnectionSettings c = ConnectionSettings.NONE.withBridges(List.of(BridgeLineTest.OBFS4, "198.51.100.2:9001"))
                .withProxy(new UpstreamProxy("socks5", "127.0.0.1", 1080, "u", "p"))
                .withTransportBinary(Transport.OBFS4, "/usr/bin/obfs4proxy");
        List<String> lines = ConnectionSetup.torrcLines(c, data);
        // The lines pass the generated torrc's own gate (no quote, no line break: seen failing on a quoted comment).
        io.onionpanel.tor.Torrc.render(io.onionpanel.tor.TorPaths.in(data), lines, List.of());
        assertEquals(List.of("# Connection (Settings → Connection, or the CLI: tor bridges, tor proxy)", "UseBridges 1",
                "Bridge " + BridgeLine.parse(BridgeLineTest.OBFS4, "x").torrcValue(), "Bridge 198.51.100.2:9001",
                "ClientTransportPlugin obfs4 exec /usr/bin/obfs4proxy",
                "Socks5Proxy 127.0.0.1:1080", "Socks5ProxyUsername u", "Socks5ProxyPassword p"), lines);
        assertEquals(List.of("# Connection (Settings → Connection, or the CLI: tor bridges, tor proxy)",
                "Socks4Proxy 127.0.0.1:1080"), ConnectionSetup.torrcLines(ConnectionSettings.direct(new UpstreamProxy("socks4", "127.0.0.1", 1080, null, null)), data));
    }

    @Test
    void aMissingChosenBinaryOrABadModeStopsBeforeTor() {
        ConnectionSettings c = ConnectionSettings.NONE.withBuiltin("obfs4").withTransportBinary(Transport.OBFS4, "/nonexistent/obfs4proxy");
        ValidationException e = assertThrows(ValidationException.class, () -> ConnectionSetup.torrcLines(c, data));
        assertTrue(e.getMessage().contains("not an executable file"), e.getMessage());
        assertThrows(ValidationException.class, () -> ConnectionSetup.torrcLines(ConnectionSettings.NONE.withBuiltin("meek"), data));
        assertThrows(ValidationException.class, () -> ConnectionSetup.torrcLines(ConnectionSettings.NONE.withBridges(List.of("# none")), data));
    }

    @Test
    void settingsJsonKeepsItsOldFormForDirectAndRoundTripsTheRest() throws Exception {
        SettingsStore store = new SettingsStore(data);
        store.update(s -> s);
        store.update(s -> s.withTor(s.tor().withBootstrapTimeoutSeconds(60)));
        assertTrue(!Files.readString(data.resolve("settings.json")).contains("connection"));
        ConnectionSettings c = ConnectionSettings.NONE.withBuiltin("snowflake").withProxy(new UpstreamProxy("https", "h", 3128, null, null));
        store.update(s -> s.withTor(s.tor().withConnection(c)));
        assertEquals(c, store.load().tor().connection());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("settings.json"))));
    }
}
