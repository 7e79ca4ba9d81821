package io.onionpanel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.settings.AttachSettings;
import io.onionpanel.settings.TorSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which tor the engine attaches to, and what it tells the operator it cannot apply to an attached tor. */
class EngineAttachTest {
    @Test
    void theRunsFlagWinsOverTheSettingsAndIgnoredSettingsAreNamed() {
        AttachSettings fromSettings = new AttachSettings("127.0.0.1:9051", null, null, null, null);
        AttachSettings fromRun = new AttachSettings("unix:/run/tor/control", "cookie", null, null, false);
        TorSettings tor = TorSettings.defaults().withAttach(fromSettings);
        EngineOptions plain = EngineOptions.of(Path.of("/data"));
        assertEquals(fromSettings, EngineAttach.chosen(plain, tor));
        assertEquals(fromRun, EngineAttach.chosen(new EngineOptions(Path.of("/data"), null, List.of(), null, fromRun), tor));
        assertEquals("safecookie", fromSettings.auth(), "SAFECOOKIE is the default");
        assertEquals(Optional.empty(), EngineAttach.ignoredSettings(tor, plain));
        String said = EngineAttach.ignoredSettings(tor.withSingleOnion(true).withExtraTorrcLines(List.of("UseBridges 1")), plain)
                .orElseThrow();
        assertTrue(said.contains("single-onion mode") && said.contains("extra torrc lines"), said);
    }
}
