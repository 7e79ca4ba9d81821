package io.onionpanel.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.onionpanel.auth.ClientKeys;
import io.onionpanel.backup.BackupFile;
import io.onionpanel.backup.ServiceKeys;
import io.onionpanel.common.Poll;
import io.onionpanel.it.PanelProcess;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.onion.ServiceFolders;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI of another data folder drives a real daemon (its own JVM, a real tor kept offline) through
 * {@code --engine-socket}: services, clients and backups change in the daemon's folder, never in the CLI's, and the
 * daemon applies each change at once; files named on the command line (a backup) are on the CLI's side.
 */
class PanelActionsThroughEngineTest {
    @TempDir
    Path data;
    @TempDir
    Path elsewhere;

    @Test
    void servicesClientsAndBackupsChangeTheEnginesFolder() throws Exception {
        new SettingsStore(data).update(s -> s.withTor(s.tor().withExtraTorrcLines(List.of("DisableNetwork 1"))));
        try (PanelProcess daemon = PanelProcess.startDaemon(data)) {
            Path socket = ControlProtocol.ownSocket(data);
            Poll.until("the daemon's control socket", Duration.ofSeconds(60), () -> Files.exists(socket));

            PanelProcess.CliResult add = cli("service", "add", "web", "--port", "80=127.0.0.1:8080", "--no-pow");
            assertEquals(0, add.exit(), add.output());
            assertTrue(add.output().contains("Added service 'web' (80 → 127.0.0.1:8080)"), add.output());
            String address = OnionAddress.readHostname(new ServiceFolders(data).dir("web")).orElseThrow();
            assertTrue(add.output().contains("Its address: " + address), add.output());
            awaitServices(List.of("web"));

            PanelProcess.CliResult edit = cli("service", "edit", "web", "--port", "80=127.0.0.1:8081", "--intro-points", "4");
            assertEquals(0, edit.exit(), edit.output());
            ServiceConfig web = service("web").orElseThrow();
            assertEquals("127.0.0.1:8081", web.ports().get(0).targets().get(0));
            assertEquals(4, web.defenses().introductionPoints());

            PanelProcess.CliResult bad = cli("service", "add", "x\"y", "--port", "80=127.0.0.1:8080");
            assertEquals(2, bad.exit(), bad.output());

            assertEquals(0, cli("service", "rename", "web", "site").exit());
            assertTrue(service("site").isPresent() && service("web").isEmpty());
            awaitServices(List.of("site"));

            String publicKey = ClientKeys.generate().publicKey();
            PanelProcess.CliResult client = cli("client", "add", "site", "alice", "--public-key", publicKey);
            assertEquals(0, client.exit(), client.output());
            assertTrue(Files.exists(new ServiceFolders(data).dir("site").resolve("authorized_clients/alice.auth")));
            PanelProcess.CliResult generated = cli("client", "add", "site", "bob");
            assertEquals(0, generated.exit(), generated.output());
            assertTrue(generated.output().contains(address.replace(".onion", "") + ":descriptor:x25519:"), generated.output());
            assertFalse(Files.exists(data.resolve("client-keys")), "the private key stays with the CLI");
            PanelProcess.CliResult clients = cli("client", "list", "site", "--json");
            assertEquals(2, ControlProtocol.JSON.readTree(clients.output()).path("clients").size(), clients.output());
            assertEquals(0, cli("client", "remove", "site", "alice").exit());
            assertEquals(1, service("site").orElseThrow().clientAuth().clients().size());

            Path passphrase = Files.writeString(elsewhere.resolve("pass"), "correct horse battery staple\n");
            Path backup = elsewhere.resolve("site.backup");
            PanelProcess.CliResult export = cli("backup", "export", "site", backup.toString(), "--passphrase-file",
                    passphrase.toString());
            assertEquals(0, export.exit(), export.output());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)));
            System.out.println("Encrypted backup of one service with one client: " + Files.size(backup) + " bytes");
            assertTrue(Files.size(backup) < PanelMethods.MAX_BACKUP_BYTES);
            try (ServiceKeys keys = BackupFile.open(backup).read("correct horse battery staple".toCharArray())) {
                assertEquals(address, keys.address());
            }

            PanelProcess.CliResult remove = cli("service", "remove", "site");
            assertEquals(0, remove.exit(), remove.output());
            assertTrue(service("site").isEmpty());
            awaitServices(List.of());
            PanelProcess.CliResult restore = cli("backup", "import", backup.toString(), "--passphrase-file",
                    passphrase.toString(), "--name", "back");
            assertEquals(0, restore.exit(), restore.output());
            assertTrue(restore.output().contains("with the address " + address), restore.output());
            assertEquals(address, OnionAddress.readHostname(new ServiceFolders(data).dir("back")).orElseThrow());
            awaitServices(List.of("back"));

            // probe: through the engine's tor (its SOCKS port) to its service; its runs are not this folder's history.
            String engineSocks;
            try (ControlConnection c = ControlConnection.open(data, e -> { }, () -> { }).orElseThrow()) {
                engineSocks = c.call("socks", null, Duration.ofSeconds(10)).path("socks").asText();
            }
            PanelProcess.CliResult probe = cli("probe", "http://" + address + "/", "--retries", "none", "--timeout", "5");
            assertEquals(1, probe.exit(), probe.output()); // tor's network is off: no request can succeed
            assertFalse(probe.output().contains("not running on " + elsewhere), "not the CLI's own folder's tor: " + probe.output());
            // The engine tells its SOCKS port once its tor bootstrapped; with the network off it may not have one yet.
            assertTrue(engineSocks.isEmpty() ? probe.output().contains("the engine's tor has no SOCKS port yet")
                    : probe.output().contains("via SOCKS " + engineSocks), "'" + engineSocks + "' in " + probe.output());

            PanelProcess.CliResult socks = cli("settings", "socks-port");
            assertEquals(0, socks.exit(), socks.output());
            assertTrue(socks.output().contains("Fixed SOCKS port: none"), socks.output());

            assertFalse(Files.exists(elsewhere.resolve("settings.json")), "nothing written to the CLI's own folder");
            try (var files = Files.list(elsewhere)) {
                assertEquals(List.of("pass", "site.backup"), files.map(f -> f.getFileName().toString()).sorted().toList(),
                        "nothing but the CLI's own files: no settings, services or probe history");
            }
            daemon.terminate(Duration.ofSeconds(60));
        }
    }

    private PanelProcess.CliResult cli(String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "--engine-socket";
        all[1] = ControlProtocol.ownSocket(data).toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return PanelProcess.cli(elsewhere, all);
    }

    private Optional<ServiceConfig> service(String name) {
        return new SettingsStore(data).load().service(name);
    }

    /** The daemon serves exactly these services: it applied the change (without waiting for its file watcher). */
    private void awaitServices(List<String> names) throws Exception {
        try (ControlConnection c = ControlConnection.open(data, e -> { }, () -> { }).orElseThrow()) {
            Poll.until("the engine serving " + names, Duration.ofSeconds(30), () -> {
                JsonNode status;
                try {
                    status = c.call("status", null, Duration.ofSeconds(10));
                } catch (java.io.IOException e) {
                    return false;
                }
                List<String> served = StreamSupport.stream(status.path("services").spliterator(), false)
                        .filter(s -> !"REMOVED".equals(s.path("state").asText()))
                        .map(s -> s.path("name").asText()).sorted().toList();
                return served.equals(names);
            });
        }
    }
}
