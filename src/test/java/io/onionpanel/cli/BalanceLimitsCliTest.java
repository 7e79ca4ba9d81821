package io.onionpanel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Onionbalance has no PoW and no client authorisation: the CLI refuses to turn either on for a load-balanced frontend,
 * with the reason, and changes nothing (before, the command was accepted and the engine then kept the service offline).
 */
class BalanceLimitsCliTest {
    @TempDir
    Path data;

    @Test
    void powAndClientAuthorisationAreRefusedOnAFrontend() throws Exception {
        assertEquals(0, CliRunner.run(data, "service", "add", "front", "--port", "80=127.0.0.1:8000", "--no-pow").exit());
        CliRunner.Result made = CliRunner.run(data, "balance", "frontend", "front");
        assertEquals(0, made.exit(), made.err());
        byte[] before = Files.readAllBytes(data.resolve("settings.json"));

        CliRunner.Result pow = CliRunner.run(data, "service", "edit", "front", "--pow");
        assertEquals(OnionPanelCli.EXIT_BAD_INPUT, pow.exit(), pow.out() + pow.err());
        assertTrue(pow.err().contains("proof-of-work"), pow.err());

        CliRunner.Result auth = CliRunner.run(data, "client", "auth", "front", "--on");
        assertEquals(OnionPanelCli.EXIT_BAD_INPUT, auth.exit(), auth.out() + auth.err());
        assertTrue(auth.err().contains("client authorisation"), auth.err());

        assertEquals(new String(before), new String(Files.readAllBytes(data.resolve("settings.json"))), "nothing changed");
    }
}
