package io.onionpanel.tor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.common.ValidationException;
import io.onionpanel.settings.Settings;
import io.onionpanel.settings.SettingsStore;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixedSocksPortSettingsTest {
    @Test
    void settingsWrittenBeforeTheFieldExistedLoadWithoutAFixedPort(@TempDir Path data) {
        SettingsStore store = new SettingsStore(data);
        Settings old = store.parse(("{\"schemaVersion\":1,\"tor\":{\"binary\":null,\"extraTorrcLines\":[],"
                + "\"bootstrapTimeoutSeconds\":90,\"publishTimeoutSeconds\":180},\"services\":[],\"ui\":null}")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(0, old.tor().fixedSocksPort());
        assertEquals(90, old.tor().bootstrapTimeoutSeconds());
        Settings saved = store.update(s -> s.withTor(s.tor().withFixedSocksPort(19050)));
        assertEquals(19050, store.load().tor().fixedSocksPort());
        assertEquals(saved.tor(), store.load().tor());
    }

    @Test
    void torrcGetsTheFixedPortAfterTheAutomaticOne() {
        TorPaths paths = TorPaths.in(Path.of("/tmp/op-test"));
        String without = Torrc.render(paths, List.of(), List.of());
        assertFalse(without.contains("SocksPort 127.0.0.1:19050"));
        String with = Torrc.render(paths, List.of(), List.of(), 19050, false);
        int auto = with.indexOf("SocksPort 127.0.0.1:auto ExtendedErrors");
        int fixed = with.indexOf("SocksPort 127.0.0.1:19050 ExtendedErrors");
        assertTrue(auto >= 0 && fixed > auto, with);
    }

    @Test
    void parsingAndFreeCheck() throws Exception {
        assertEquals(0, FixedSocksPort.parse("auto"));
        assertEquals(9150, FixedSocksPort.parse(" 9150 "));
        assertThrows(ValidationException.class, () -> FixedSocksPort.parse("80"));
        assertThrows(ValidationException.class, () -> FixedSocksPort.parse("9150\nSocksPort 0.0.0.0:9050"));
        assertThrows(ValidationException.class, () -> FixedSocksPort.parse("70000"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertFalse(FixedSocksPort.isFree(taken.getLocalPort()));
            assertThrows(ValidationException.class, () -> FixedSocksPort.requireFree(taken.getLocalPort(), 0));
            // Tor itself holds the port the panel already uses: keeping it is not a conflict.
            assertEquals(taken.getLocalPort(), FixedSocksPort.requireFree(taken.getLocalPort(), taken.getLocalPort()));
        }
    }
}
