package io.onionpanel.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onionpanel.common.Poll;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.tor.TorPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** Settings written past the window's check (by hand, another program) cannot take a running tor to the network. */
class TorrcLinesEngineTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path data;

    @Test
    void aRefusedLineInChangedSettingsLeavesTheRunningTorAsItIs() throws Exception {
        SettingsStore store = new SettingsStore(data);
        store.update(s -> s.withTor(s.tor().withExtraTorrcLines(List.of("DisableNetwork 1"))));
        try (Engine engine = new Engine(new EngineOptions(data, null, List.of(), Duration.ofMillis(200)))) {
            List<String> errors = EngineErrors.of(engine);
            engine.start();
            byte[] torrc = Files.readAllBytes(TorPaths.in(data).torrc());
            TorStatus.State state = engine.torStatus().state();

            store.update(s -> s.withTor(s.tor().withExtraTorrcLines(List.of("DisableNetwork 1", "ORPort 9001"))));
            engine.applySettingsNow();
            Poll.until("the refusal", Duration.ofSeconds(10), () -> !errors.isEmpty());

            assertEquals(List.of("Settings: extra torrc line 2: ORPort 9001 — relay, bridge, exit and directory options"
                    + " are refused: a relay, bridge or exit in the same tor as onion services helps link them."
                    + " Tor keeps running with its current settings."), errors);
            assertEquals(state, engine.torStatus().state(), "tor was not stopped");
            assertArrayEquals(torrc, Files.readAllBytes(TorPaths.in(data).torrc()), "torrc not regenerated");
        }
    }
}
