package io.onionpanel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.onionpanel.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code run} fails: clearly, with the right exit code, and with no tor left behind. Real bundled tor. */
class RunFailuresTest {
    @TempDir
    Path data;

    @Test
    void bootstrapTimeoutSaysWhatTorLastSaidAndStopsTor() throws Exception {
        new SettingsStore(data).update(s -> s.withTor(s.tor().withBootstrapTimeoutSeconds(8)));
        // A directory authority nobody listens on: tor can never bootstrap.
        Path torrc = data.resolve("dead-network.torrc");
        Files.writeString(torrc, "TestingTorNetwork 1\nDirAuthority dead orport=9 no-v2 v3ident="
                + "0".repeat(40) + " 127.0.0.1:9 " + "A".repeat(40) + "\n");
        try (PanelProcess run = PanelProcess.start(data, "--torrc-append", torrc.toString())) {
            assertEquals(1, run.waitForExit(Duration.ofSeconds(60)));
            JsonNode error = run.awaitEvent("error", null, Duration.ofSeconds(1));
            String message = error.get("message").asText();
            assertTrue(message.contains("did not finish bootstrapping within 8 s: stuck at"), message);
            assertTrue(message.contains("tor last said"), message);
            JsonNode failed = run.await(e -> "failed".equals(e.path("state").asText()), Duration.ofSeconds(1), "failed state");
            assertTrue(failed.get("detail").asText().contains("bootstrapping"), failed.toString());
        }
        assertTorGone();
    }

    @Test
    void refusedTorrcLinesStopTheRunBeforeTorStarts() throws Exception {
        Path torrc = data.resolve("bad.torrc");
        Files.writeString(torrc, "UseBridges 0\nSocksPort 9050\n");
        var result = PanelProcess.cli(data, "run", "--torrc-append", torrc.toString());
        assertEquals(2, result.exit(), result.output());
        assertTrue(result.output().contains("bad.torrc line 2: SocksPort is managed by the panel"), result.output());
        assertFalse(Files.exists(data.resolve("tor")), "tor must not have been started");
    }

    @Test
    void missingTorBinaryIsReported() throws Exception {
        try (PanelProcess run = PanelProcess.start(data, "--tor", "/nonexistent/tor")) {
            assertEquals(1, run.waitForExit(Duration.ofSeconds(30)));
            assertTrue(run.awaitEvent("error", null, Duration.ofSeconds(1)).get("message").asText()
                    .contains("No tor binary at /nonexistent/tor"));
        }
    }

    private void assertTorGone() throws Exception {
        Path cmdlineMarker = data.resolve("tor").resolve("torrc");
        for (int i = 0; i < 50; i++) {
            boolean alive = ProcessHandle.allProcesses().anyMatch(p -> p.info().arguments()
                    .map(args -> String.join(" ", args).contains(cmdlineMarker.toString())).orElse(false));
            if (!alive) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("a tor for " + data + " is still running");
    }
}
