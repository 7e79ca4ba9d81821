package io.onionpanel.backup;

import io.onionpanel.cli.CliRunner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.onion.ServiceValidation;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.SettingsStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.bouncycastle.util.encoders.Base32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export → verify → import, encrypted and plain, through the engine API and the CLI. */
class BackupRoundTripTest {
    @TempDir
    Path tmp;
    Path torKeys;
    Path source;
    String address;

    @BeforeEach
    void setUp() throws Exception {
        torKeys = Fixtures.copyFolder(RealTor.sharedFolders().get(0), tmp.resolve("tor-keys"));
        addClient(torKeys, "alice");
        addClient(torKeys, "bob");
        source = Fixtures.dataDirWithService(tmp.resolve("source"), "routstr", torKeys, "80=127.0.0.1:8000");
        new io.onionpanel.onion.OnionServices(source).edit("routstr",
                Optional.of(List.of(PortMapping.of(80, "127.0.0.1:8000", "127.0.0.1:8001"), PortMapping.of(443, "unix:/run/api.sock"))),
                Optional.of(false));
        address = Files.readString(torKeys.resolve("hostname")).trim();
    }

    @Test
    void encryptedExportVerifiesAndImportsIntoAFreshDataFolder() throws Exception {
        Path file = tmp.resolve("routstr.onionbackup");
        long t0 = System.nanoTime();
        var exported = new Backups(source).export("routstr", file, Fixtures.PASSPHRASE.toCharArray());
        long exportMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(address, exported.address());
        assertEquals(List.of("alice.auth", "bob.auth"), exported.authorizedClients());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        // Identifiable without the passphrase; nothing secret in clear.
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("ONION-PANEL-BACKUP 1\n{"), text.substring(0, 40));
        BackupFile opened = BackupFile.open(file);
        assertEquals(BackupFile.Kind.ENCRYPTED, opened.kind());
        BackupHeader header = opened.header().orElseThrow();
        assertEquals(address, header.address());
        assertEquals("routstr", header.service());
        assertEquals(ScryptParams.DEFAULT, header.kdf());
        assertTrue(Duration.between(header.created(), Instant.now()).abs().toMinutes() < 5);
        assertFalse(text.contains("descriptor:x25519"), "client keys must not be in clear");
        assertFalse(text.contains("127.0.0.1:8000"), "settings must not be in clear");

        Path target = tmp.resolve("target");
        long t1 = System.nanoTime();
        var imported = new Backups(target).importFile(file, Fixtures.PASSPHRASE.toCharArray(),
                new Backups.ImportOptions(null, List.of(), false));
        long importMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1);
        System.out.println("[backup timing] encrypted export " + exportMs + " ms, import " + importMs + " ms (" + ScryptParams.DEFAULT + ")");

        assertEquals(address, imported.address());
        assertEquals(new SettingsStore(source).load().service("routstr").orElseThrow(), imported.service());
        assertEquals(new SettingsStore(source).load().services(), new SettingsStore(target).load().services());
        assertSameKeyFolder(torKeys, target.resolve("services/routstr"));
        assertTrue(imported.notes().stream().anyMatch(n -> n.contains("disabled")), imported.notes().toString());
        assertEquals(Optional.empty(), imported.previousKeys());
        assertTrue(BackupHistory.lastBackup(source, "routstr").isPresent());
        assertTrue(BackupHistory.lastBackup(target, "routstr").isEmpty());
        assertNoLeftovers(target);
    }

    @Test
    void plainExportIsATorFolderTarGzThatImportsBack() throws Exception {
        Path file = tmp.resolve("routstr.tar.gz");
        var exported = new Backups(source).export("routstr", file, null);
        assertFalse(exported.encrypted());

        // The system tar can unpack it into a folder tor would use as is.
        Path unpacked = Files.createDirectory(tmp.resolve("unpacked"));
        Process tar = new ProcessBuilder("tar", "-xzf", file.toString(), "-C", unpacked.toString()).inheritIO().start();
        assertEquals(0, tar.waitFor());
        Path dir = unpacked.resolve("routstr");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertArrayEquals(Files.readAllBytes(torKeys.resolve("hs_ed25519_secret_key")), Files.readAllBytes(dir.resolve("hs_ed25519_secret_key")));
        assertArrayEquals(Files.readAllBytes(torKeys.resolve("hs_ed25519_public_key")), Files.readAllBytes(dir.resolve("hs_ed25519_public_key")));
        assertEquals(address + "\n", Files.readString(dir.resolve("hostname")));
        assertTrue(Files.exists(dir.resolve("authorized_clients/alice.auth")));
        assertTrue(Files.readString(dir.resolve("onion-panel-service.json")).contains("unix:/run/api.sock"));

        Path target = tmp.resolve("target");
        var imported = new Backups(target).importFile(file, null, new Backups.ImportOptions(null, List.of(), false));
        assertEquals(address, imported.address());
        assertEquals(new SettingsStore(source).load().services(), new SettingsStore(target).load().services());
        assertSameKeyFolder(torKeys, target.resolve("services/routstr"));
        assertTrue(BackupHistory.lastBackup(source, "ROUTSTR").isPresent(), "names compare case-insensitively");
    }

    @Test
    void importsAFolderArchivedWithSystemTarAsTheSeedDoes() throws Exception {
        // tar -czf x.tar.gz /abs/path/routstr → entries like tmp/…/routstr/hostname
        Path file = tmp.resolve("tor-keys-backup.tar.gz");
        Process tar = new ProcessBuilder("tar", "-czf", file.toString(), torKeys.toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        tar.getInputStream().readAllBytes();
        assertEquals(0, tar.waitFor());

        Path target = tmp.resolve("target");
        CliRunner.Result missingPort = Fixtures.cli(target, "backup", "import", file.toString());
        assertEquals(2, missingPort.exit(), missingPort.toString());
        assertTrue(missingPort.err().contains("--port VIRT=TARGET"), missingPort.err());

        CliRunner.Result r = Fixtures.cli(target, "backup", "import", file.toString(), "--port", "80=127.0.0.1:8000");
        assertEquals(0, r.exit(), r.toString());
        // The folder name tor used becomes the service name.
        assertTrue(r.out().contains("Imported service 'tor-keys' with the address " + address), r.out());
        ServiceConfig s = new SettingsStore(target).load().service("tor-keys").orElseThrow();
        assertEquals(new ServiceConfig("tor-keys", true, List.of(PortMapping.of(80, "127.0.0.1:8000"))), s);
        assertSameKeyFolder(torKeys, target.resolve("services/tor-keys"));

        CliRunner.Result verify = Fixtures.cli(target, "backup", "verify", file.toString());
        assertEquals(0, verify.exit(), verify.toString());
        assertEquals(address, verify.out().lines().findFirst().orElseThrow());
    }

    @Test
    void importsAZipWithAChosenName() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(torKeys)) {
            for (Path p : files.sorted().toList()) {
                String rel = "backup/hidden_service/" + torKeys.relativize(p);
                if (Files.isDirectory(p)) {
                    zip.putNextEntry(new ZipEntry(rel + "/"));
                } else {
                    zip.putNextEntry(new ZipEntry(rel));
                    zip.write(Files.readAllBytes(p));
                }
                zip.closeEntry();
            }
        }
        Path file = tmp.resolve("keys.zip");
        Files.write(file, bytes.toByteArray());
        Path target = tmp.resolve("target");
        var imported = new Backups(target).importFile(file, null, new Backups.ImportOptions("api", List.of(
                ServiceValidation.parseMapping("8080=127.0.0.1:9000")), false));
        assertEquals("api", imported.service().name());
        assertEquals(address, imported.address());
        assertSameKeyFolder(torKeys, target.resolve("services/api"));
    }

    @Test
    void replaceMovesTheOldKeysAsideAndKeepsTheServiceOrder() throws Exception {
        Path data = tmp.resolve("data");
        var services = new io.onionpanel.onion.OnionServices(data);
        services.add("first", List.of(PortMapping.of(80, "127.0.0.1:1")));
        services.add("routstr", List.of(PortMapping.of(80, "127.0.0.1:2")));
        services.add("last", List.of(PortMapping.of(80, "127.0.0.1:3")));
        // The existing 'routstr' has other keys, made by tor for it.
        Fixtures.copyFolder(RealTor.sharedFolders().get(1), data.resolve("services/routstr"));
        String oldSecret = Fixtures.sha256(Files.readAllBytes(data.resolve("services/routstr/hs_ed25519_secret_key")));

        Path file = tmp.resolve("b.onionbackup");
        Path pass = Fixtures.passphraseFile(tmp, Fixtures.PASSPHRASE);
        assertEquals(0, Fixtures.cli(source, "backup", "export", "routstr", file.toString(), "--passphrase-file", pass.toString()).exit());

        CliRunner.Result refused = Fixtures.cli(data, "backup", "import", file.toString(), "--passphrase-file", pass.toString());
        assertEquals(2, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("already exists") && refused.err().contains("--replace"), refused.err());

        CliRunner.Result r = Fixtures.cli(data, "backup", "import", file.toString(), "--passphrase-file", pass.toString(), "--replace");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("moved to " + data.resolve("removed")), r.out());
        assertEquals(List.of("first", "routstr", "last"),
                new SettingsStore(data).load().services().stream().map(ServiceConfig::name).toList());
        assertEquals(new SettingsStore(source).load().service("routstr"), new SettingsStore(data).load().service("routstr"));
        assertSameKeyFolder(torKeys, data.resolve("services/routstr"));
        try (Stream<Path> removed = Files.list(data.resolve("removed"))) {
            Path moved = removed.findFirst().orElseThrow();
            assertTrue(moved.getFileName().toString().matches("routstr-\\d{8}-\\d{6}"), moved.toString());
            assertEquals(oldSecret, Fixtures.sha256(Files.readAllBytes(moved.resolve("hs_ed25519_secret_key"))));
        }
        assertNoLeftovers(data);
    }

    @Test
    void replacingKeysUnderARunningInstanceSaysItSwitchesAddress() throws Exception {
        Path data = tmp.resolve("data");
        Fixtures.dataDirWithService(data, "routstr", RealTor.sharedFolders().get(1), "80=127.0.0.1:8000");
        Path file = tmp.resolve("plain.tar.gz");
        Process tar = new ProcessBuilder("tar", "-czf", file.toString(), "-C", torKeys.toString(), ".").start();
        assertEquals(0, tar.waitFor());
        // This JVM stands in for the running panel.
        new io.onionpanel.engine.RuntimeInfo(ProcessHandle.current().pid(), 1, "127.0.0.1:1", "127.0.0.1:2",
                Instant.now().toString()).write(data);

        var r = new Backups(data).importFile(file, null, new Backups.ImportOptions("routstr",
                List.of(PortMapping.of(80, "127.0.0.1:8000")), true));
        assertEquals(address, r.address());
        // The running engine re-creates the service with the new keys (BackupOnPrivateNetworkIntegrationTest proves it).
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("to " + address + " within seconds")), r.notes().toString());
        assertTrue(r.previousKeys().isPresent());
        assertSameKeyFolder(torKeys, data.resolve("services/routstr"));
    }

    @Test
    void settingsFieldsFromANewerVersionAreDroppedWithANote() throws Exception {
        Path file = tmp.resolve("newer.tar.gz");
        Path folder = Fixtures.copyFolder(torKeys, tmp.resolve("pack/svc"));
        Files.writeString(folder.resolve(ServiceKeys.SETTINGS_FILE),
                "{\"name\":\"svc\",\"enabled\":true,\"ports\":[{\"virtual\":80,\"targets\":[\"127.0.0.1:8000\"]}],\"colour\":\"red\"}");
        Process tar = new ProcessBuilder("tar", "-czf", file.toString(), "-C", tmp.resolve("pack").toString(), "svc").start();
        assertEquals(0, tar.waitFor());
        var r = new Backups(tmp.resolve("target")).importFile(file, null, new Backups.ImportOptions(null, List.of(), false));
        assertEquals(new ServiceConfig("svc", true, List.of(PortMapping.of(80, "127.0.0.1:8000"))), r.service());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("colour")), r.notes().toString());
    }

    @Test
    void windowsZipWithBackslashesImports() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String f : List.of("hs_ed25519_secret_key", "hostname")) {
                zip.putNextEntry(new ZipEntry("routstr\\" + f));
                zip.write(Files.readAllBytes(torKeys.resolve(f)));
                zip.closeEntry();
            }
        }
        Path file = Files.write(tmp.resolve("win.zip"), bytes.toByteArray());
        var r = new Backups(tmp.resolve("target")).importFile(file, null,
                new Backups.ImportOptions(null, List.of(PortMapping.of(80, "127.0.0.1:8000")), false));
        assertEquals("routstr", r.service().name());
        assertEquals(address, r.address());
        // No public key in the backup: it is derived and written as tor would.
        assertArrayEquals(Files.readAllBytes(torKeys.resolve("hs_ed25519_public_key")),
                Files.readAllBytes(tmp.resolve("target/services/routstr/hs_ed25519_public_key")));
    }

    @Test
    void cliExportVerifyImportWithAPassphraseFile() throws Exception {
        Path pass = tmp.resolve("pass.txt");
        Files.writeString(pass, Fixtures.PASSPHRASE + "\r\nsecond line is ignored\n");
        Path file = tmp.resolve("out.onionbackup");
        CliRunner.Result export = Fixtures.cli(source, "backup", "export", "routstr", file.toString(), "--passphrase-file", pass.toString());
        assertEquals(0, export.exit(), export.toString());
        assertTrue(export.out().contains(address) && export.out().contains("scrypt N=2^17 r=8 p=1"), export.out());
        assertFalse(export.out().contains(Fixtures.PASSPHRASE) || export.err().contains(Fixtures.PASSPHRASE));

        CliRunner.Result again = Fixtures.cli(source, "backup", "export", "routstr", file.toString(), "--passphrase-file", pass.toString());
        assertEquals(2, again.exit());
        assertTrue(again.err().contains("already exists"), again.err());

        CliRunner.Result verify = Fixtures.cli(source, "backup", "verify", file.toString(), "--passphrase-file", pass.toString());
        assertEquals(0, verify.exit(), verify.toString());
        assertEquals(address, verify.out().lines().findFirst().orElseThrow());
        assertTrue(verify.out().contains("alice.auth, bob.auth"), verify.out());

        // No console under the test runner: a clear message, naming the backup, asking for --passphrase-file.
        CliRunner.Result noConsole = Fixtures.cli(source, "backup", "verify", file.toString());
        assertEquals(2, noConsole.exit());
        assertTrue(noConsole.err().contains("--passphrase-file") && noConsole.err().contains(address), noConsole.err());
        CliRunner.Result noConsoleExport = Fixtures.cli(source, "backup", "export", "routstr", tmp.resolve("x").toString());
        assertEquals(2, noConsoleExport.exit());
        assertTrue(noConsoleExport.err().contains("--passphrase-file") && noConsoleExport.err().contains("--unencrypted"), noConsoleExport.err());

        Path target = tmp.resolve("target");
        CliRunner.Result imported = Fixtures.cli(target, "backup", "import", file.toString(), "--passphrase-file", pass.toString(),
                "--name", "moved", "--port", "81=127.0.0.1:9999");
        assertEquals(0, imported.exit(), imported.toString());
        ServiceConfig s = new SettingsStore(target).load().service("moved").orElseThrow();
        assertEquals(List.of(PortMapping.of(81, "127.0.0.1:9999")), s.ports());
        assertFalse(s.enabled(), "the rest of the settings come from the backup");
        assertSameKeyFolder(torKeys, target.resolve("services/moved"));
    }

    @Test
    void historyRecordsTheLastExportPerService() throws Exception {
        assertTrue(BackupHistory.lastBackup(source, "routstr").isEmpty());
        Instant before = Instant.now().minusSeconds(1);
        new Backups(source).export("routstr", tmp.resolve("a.tar.gz"), null);
        Instant first = BackupHistory.lastBackup(source, "routstr").orElseThrow();
        assertTrue(!first.isBefore(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)), first.toString());
        String otherOnion = "a".repeat(56);
        BackupHistory.record(source, "other", otherOnion + ".onion", Instant.parse("2020-01-01T00:00:00Z"));
        assertEquals(first, BackupHistory.lastBackup(source, "routstr").orElseThrow());
        assertEquals(Instant.parse("2020-01-01T00:00:00Z"),
                BackupHistory.lookup(BackupHistory.all(source), "other", otherOnion).orElseThrow());

        // A backup is of keys: the history follows the address through a rename, and a new service that
        // takes the old name has none.
        new io.onionpanel.onion.OnionServices(source).rename("routstr", "renamed");
        assertEquals(first, BackupHistory.lastBackup(source, "renamed").orElseThrow());
        new io.onionpanel.onion.OnionServices(source).add("routstr", List.of(PortMapping.of(82, "127.0.0.1:8000")));
        assertTrue(BackupHistory.lastBackup(source, "routstr").isEmpty());

        // Files from before addresses were recorded still read, by name.
        Files.writeString(source.resolve(BackupHistory.FILE_NAME), "{\"Legacy\": \"2021-01-01T00:00:00Z\"}");
        assertEquals(Instant.parse("2021-01-01T00:00:00Z"), BackupHistory.lastBackup(source, "legacy").orElseThrow());

        Files.writeString(source.resolve(BackupHistory.FILE_NAME), "{not json");
        assertTrue(BackupHistory.lastBackup(source, "renamed").isEmpty(), "a damaged file reads as never backed up");
    }

    /** The imported folder has the same key files as tor's, with tor's permissions. */
    static void assertSameKeyFolder(Path expected, Path actual) throws Exception {
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(actual)));
        for (String f : List.of("hs_ed25519_secret_key", "hs_ed25519_public_key", "hostname")) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(f)), Files.readAllBytes(actual.resolve(f)), f);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(actual.resolve(f))), f);
        }
        Path clients = actual.resolve("authorized_clients");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(clients)));
        try (Stream<Path> want = Files.list(expected.resolve("authorized_clients")); Stream<Path> got = Files.list(clients)) {
            List<String> w = want.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(w, got.map(p -> p.getFileName().toString()).sorted().toList());
            for (String name : w) {
                assertArrayEquals(Files.readAllBytes(expected.resolve("authorized_clients").resolve(name)),
                        Files.readAllBytes(clients.resolve(name)));
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(clients.resolve(name))));
            }
        }
    }

    static void assertNoLeftovers(Path dataDir) throws Exception {
        try (Stream<Path> list = Files.list(dataDir.resolve("services"))) {
            assertEquals(List.of(), list.filter(p -> p.getFileName().toString().startsWith(".")).toList());
        }
    }

    /** A client authorisation file as tor expects it, with a key from the JDK's X25519. */
    static void addClient(Path serviceDir, String name) throws Exception {
        var pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
        byte[] encoded = pair.getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
        String b32 = Base32.toBase32String(raw).replace("=", "");
        assertEquals(52, b32.length());
        Path dir = serviceDir.resolve("authorized_clients");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name + ".auth"), "descriptor:x25519:" + b32 + "\n");
        Files.setPosixFilePermissions(dir.resolve(name + ".auth"), PosixFilePermissions.fromString("rw-------"));
    }
}
