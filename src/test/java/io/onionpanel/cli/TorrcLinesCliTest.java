package io.onionpanel.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.settings.SettingsStore;
import io.onionpanel.tor.TorPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} refuses operator torrc lines that open tor to the network before anything is written or started. */
class TorrcLinesCliTest {
    @TempDir
    Path work;

    @Test
    void aRefusedTorrcAppendLineExitsTwoAndWritesNothing() throws Exception {
        Path data = Files.createDirectory(work.resolve("data"));
        SettingsStore store = new SettingsStore(data);
        store.update(s -> s.withTor(s.tor().withExtraTorrcLines(List.of("DisableNetwork 1"))));
        byte[] settings = store.readBytes();
        List<Path> before = Files.list(data).sorted().toList();
        Path append = Files.writeString(work.resolve("relay.torrc"), "# mine\nORPort 9001\n");

        CliRunner.Result r = CliRunner.run(data, "run", "--torrc-append", append.toString());

        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("relay.torrc line 2: ORPort 9001 — relay, bridge, exit and directory options are"
                + " refused: a relay, bridge or exit in the same tor as onion services helps link them"), r.err());
        assertEquals(before, Files.list(data).sorted().toList(), "no tor folder, no torrc");
        assertArrayEquals(settings, store.readBytes());
    }

    @Test
    void aRefusedSettingsLineStopsTheRunBeforeTheTorrcIsWritten() throws Exception {
        Path data = Files.createDirectory(work.resolve("data"));
        SettingsStore store = new SettingsStore(data);
        store.update(s -> s.withTor(s.tor().withExtraTorrcLines(List.of("DisableNetwork 1", "MetricsPort 0.0.0.0:9035"))));
        byte[] settings = store.readBytes();

        // A tor that does not exist: the refusal comes before the binary is looked at.
        CliRunner.Result r = CliRunner.run(data, "run", "--tor", work.resolve("no-tor").toString());

        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("Settings: extra torrc line 2: MetricsPort 0.0.0.0:9035 — MetricsPort would listen on"
                + " every network interface (0.0.0.0)"), r.out());
        assertFalse(Files.exists(TorPaths.in(data).torrc()));
        assertArrayEquals(settings, store.readBytes());
    }
}
