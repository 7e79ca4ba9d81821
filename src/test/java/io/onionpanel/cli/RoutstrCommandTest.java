package io.onionpanel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.routstr.StandInRoutstrNode;
import io.onionpanel.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code routstr configure} against a stand-in Routstr 0.4.5 (see StandInRoutstrNode). */
class RoutstrCommandTest {
    private static final String PASSWORD = "s3cret-admin-pass";
    private static final String OLD = "http://duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion";

    @TempDir
    Path dir;

    private String addService(Path data, StandInRoutstrNode node) {
        assertEquals(0, CliRunner.run(data, "service", "add", "routstr", "--port", "80=127.0.0.1:" + node.port()).exit());
        String out = CliRunner.run(data, "service", "list").out();
        return out.replaceAll("(?s).*?([a-z2-7]{56}\\.onion).*", "$1");
    }

    @Test
    void aBootedNodeGetsTheAddressThroughItsAdminApiAndIsMarked() throws Exception {
        Path data = dir.resolve("data");
        Path env = Files.writeString(dir.resolve(".env"), "ONION_URL=" + OLD + "\n");
        Path pw = Files.writeString(dir.resolve("pw"), PASSWORD + "\n");
        try (StandInRoutstrNode node = StandInRoutstrNode.v045(env, PASSWORD).boot()) {
            node.boot();
            String onion = addService(data, node);
            var r = CliRunner.run(data, "routstr", "configure", "--service", "routstr", "--admin-password-file",
                    pw.toString(), "--env", env.toString(), "--wait", "5");
            assertEquals(0, r.exit(), r.out() + r.err());
            assertTrue(r.out().contains("Path: Routstr's admin API, because Routstr 0.4.5 answers"), r.out());
            assertTrue(r.out().contains("onion_url=http://" + onion + "  (was " + OLD + ")"), r.out());
            assertTrue(r.out().contains("Routstr reports onion_url http://" + onion), r.out());
            assertFalse((r.out() + r.err()).contains(PASSWORD), "the password is never printed");
            assertEquals("http://" + onion, node.onionUrl());
            assertTrue(Files.readString(env).contains(OLD), ".env untouched on the admin API path");
            assertEquals(node.url(), new SettingsStore(data).load().monitor().routstrNode("routstr").orElseThrow());
            assertFalse(Files.readString(data.resolve("settings.json")).contains(PASSWORD));
        }
    }

    @Test
    void aFreshNodeGetsTheEnvAndAWrongPasswordChangesNothing() throws Exception {
        Path data = dir.resolve("data");
        Path env = Files.writeString(dir.resolve(".env"), "ONION_URL=\n");
        Path wrong = Files.writeString(dir.resolve("pw"), "not-the-password\n");
        try (StandInRoutstrNode node = StandInRoutstrNode.v045(env, PASSWORD)) {
            String onion = addService(data, node);
            assertEquals(0, CliRunner.run(data, "settings", "socks-port", "9150").exit());
            var fresh = CliRunner.run(data, "routstr", "configure", "--service", "routstr", "--admin-password-file",
                    wrong.toString(), "--env", env.toString(), "--wait", "0");
            assertTrue(fresh.out().contains("Path: Routstr's .env, because Routstr does not answer at " + node.url()),
                    fresh.out());
            assertTrue(fresh.out().contains("never started"), fresh.out());
            node.boot();
            assertEquals("http://" + onion, node.onionUrl(), "the first boot took ONION_URL from .env");

            // Booted now: its database wins. A wrong password is refused and nothing changes.
            Files.writeString(env, "ONION_URL=" + OLD + "\n");
            node.dashboardSets(OLD);
            String envBefore = Files.readString(env);
            var refused = CliRunner.run(data, "routstr", "configure", "--service", "routstr", "--admin-password-file",
                    wrong.toString(), "--env", env.toString(), "--wait", "0");
            assertEquals(OnionPanelCli.EXIT_FAILURE, refused.exit());
            assertTrue(refused.err().contains("Routstr refused the admin password"), refused.err());
            assertFalse(refused.err().contains("not-the-password"));
            assertEquals(OLD, node.onionUrl());
            assertEquals(envBefore, Files.readString(env));
        }
    }

    @Test
    void neitherPasswordNorEnvIsBadInput() {
        var r = CliRunner.run(dir, "routstr", "configure", "--service", "x");
        assertEquals(OnionPanelCli.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("--admin-password-file"), r.err());
    }
}
