package io.onionpanel.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.it.OnionHttp;
import io.onionpanel.it.PanelOnPrivateNetwork;
import io.onionpanel.it.PanelProcess;
import io.onionpanel.testnet.NetworkTest;
import io.onionpanel.testnet.StandInRoutstr;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's move, end to end on a private Tor network: keys a real tor made on a "server", archived
 * with {@code tar -czf} as people do today, imported with {@code backup import}, published by {@code run}
 * under the same address and reachable; then an encrypted export moved to a fresh data folder, same again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@NetworkTest
class BackupOnPrivateNetworkIntegrationTest {
    private static final Duration PUBLISH = Duration.ofSeconds(120);
    private static final Duration FETCH = Duration.ofSeconds(90);

    @RegisterExtension
    static final PanelOnPrivateNetwork panel = new PanelOnPrivateNetwork();

    @TempDir
    static Path tmp;
    static String address;
    static byte[] secretKey;

    @Test
    @Order(1)
    void tarOfATorMadeFolderImportsAndPublishesTheSameAddress() throws Exception {
        Path server = RealTor.createServiceFolders(tmp.resolve("server"), List.of("routstr")).get(0);
        address = Files.readString(server.resolve("hostname")).trim();
        secretKey = Files.readAllBytes(server.resolve("hs_ed25519_secret_key"));

        // Exactly what the seed does: an absolute path, so entries are tmp/…/routstr/… (tar drops the leading /).
        Path archive = tmp.resolve("tor-keys-backup.tar.gz");
        Process tar = new ProcessBuilder("tar", "-czf", archive.toString(), server.toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        String tarOutput = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, tar.waitFor(), tarOutput);
        Process list = new ProcessBuilder("tar", "-tzf", archive.toString()).redirectErrorStream(true).start();
        String entries = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        list.waitFor();
        String nested = server.toAbsolutePath().toString().substring(1) + "/hs_ed25519_secret_key";
        assertTrue(entries.lines().anyMatch(nested::equals), entries);

        Path data = tmp.resolve("data1");
        var imported = PanelProcess.cli(data, "backup", "import", archive.toString(), "--port", "80=" + panel.api().hostPort());
        assertEquals(0, imported.exit(), imported.output());
        assertTrue(imported.output().contains("'routstr' with the address " + address), imported.output());

        panel.startRun(data);
        assertEquals(address, panel.run().awaitEvent("published", "routstr", PUBLISH).get("onion").asText());
        assertEquals(StandInRoutstr.INFO_JSON, OnionHttp.getUntilOk(data, "http://" + address + "/v1/info", FETCH).body());
    }

    @Test
    @Order(2)
    void encryptedExportMovesTheAddressToAFreshDataFolder() throws Exception {
        Path data1 = tmp.resolve("data1");
        Path pass = Fixtures.passphraseFile(tmp, Fixtures.PASSPHRASE);
        Path file = tmp.resolve("routstr.onionbackup");
        // Exported while the service runs, as an operator would.
        var exported = PanelProcess.cli(data1, "backup", "export", "routstr", file.toString(), "--passphrase-file", pass.toString());
        assertEquals(0, exported.exit(), exported.output());
        assertTrue(BackupHistory.lastBackup(data1, "routstr").isPresent());

        // The old machine goes away; only one instance may publish a key.
        assertEquals(0, panel.terminateRun(Duration.ofSeconds(30)));

        Path data2 = tmp.resolve("data2");
        var imported = PanelProcess.cli(data2, "backup", "import", file.toString(), "--passphrase-file", pass.toString());
        assertEquals(0, imported.exit(), imported.output());
        assertArrayEquals(secretKey, Files.readAllBytes(data2.resolve("services/routstr/hs_ed25519_secret_key")));

        panel.startRun(data2);
        assertEquals(address, panel.run().awaitEvent("published", "routstr", PUBLISH).get("onion").asText());
        assertEquals(StandInRoutstr.INFO_JSON, OnionHttp.getUntilOk(data2, "http://" + address + "/v1/info", FETCH).body());
        assertEquals(0, panel.terminateRun(Duration.ofSeconds(30)));
    }

    @Test
    @Order(3)
    void replacingTheKeysOfARunningServicePublishesTheNewAddress() throws Exception {
        Path data2 = tmp.resolve("data2");
        panel.startRun(data2);
        assertEquals(address, panel.run().awaitEvent("published", "routstr", PUBLISH).get("onion").asText());

        // Other keys for the same name and the same port: the settings file does not change at all.
        Path other = RealTor.createServiceFolders(tmp.resolve("server2"), List.of("routstr")).get(0);
        String otherAddress = Files.readString(other.resolve("hostname")).trim();
        Path archive = tmp.resolve("other-keys.tar.gz");
        Process tar = new ProcessBuilder("tar", "-czf", archive.toString(), "-C", other.getParent().toString(), "routstr")
                .redirectErrorStream(true).start();
        tar.getInputStream().readAllBytes();
        assertEquals(0, tar.waitFor());
        byte[] settingsBefore = Files.readAllBytes(data2.resolve("settings.json"));
        panel.run().clearEvents();
        var replaced = PanelProcess.cli(data2, "backup", "import", archive.toString(), "--port", "80=" + panel.api().hostPort(), "--replace");
        assertEquals(0, replaced.exit(), replaced.output());
        assertArrayEquals(settingsBefore, Files.readAllBytes(data2.resolve("settings.json")), "the edge case: settings unchanged");

        // The running instance notices the new keys on disk and re-creates the service with them.
        assertEquals(otherAddress, panel.run().await(e -> "published".equals(e.path("event").asText())
                && otherAddress.equals(e.path("onion").asText()), PUBLISH, "the new address published").get("onion").asText());
        assertEquals(StandInRoutstr.INFO_JSON, OnionHttp.getUntilOk(data2, "http://" + otherAddress + "/v1/info", FETCH).body());
        assertEquals(0, panel.terminateRun(Duration.ofSeconds(30)));
    }
}
