package io.onionpanel.backup;

import io.onionpanel.cli.CliRunner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every refusal: the message says why, the exit code is 2, and the data folder is byte for byte what it was
 * (files, folders, modes), so nothing half-written is ever left behind.
 */
class BackupRefusalTest {
    @TempDir
    Path tmp;
    Path data;
    Path keys;
    Path otherKeys;
    Path pass;
    String before;

    @BeforeEach
    void setUp() throws Exception {
        keys = RealTor.sharedFolders().get(0);
        otherKeys = RealTor.sharedFolders().get(1);
        data = Fixtures.dataDirWithService(tmp.resolve("data"), "existing", otherKeys, "80=127.0.0.1:8000");
        BackupHistory.record(data, "existing",
                io.onionpanel.onion.OnionAddress.readHostname(data.resolve("services/existing")).orElseThrow(),
                java.time.Instant.parse("2024-01-01T00:00:00Z"));
        pass = Fixtures.passphraseFile(tmp, Fixtures.PASSPHRASE);
        before = Fixtures.tree(data);
    }

    // ------------------------------------------------------------------------------- encrypted format

    @Test
    void wrongPassphrase() throws Exception {
        Path file = encryptedBackup();
        Path wrong = Fixtures.passphraseFile(tmp, "Correct horse battery staple");
        assertRefused(file, "Wrong passphrase", "--passphrase-file", wrong.toString());
    }

    @Test
    void truncatedEncryptedFile() throws Exception {
        byte[] full = Files.readAllBytes(encryptedBackup());
        assertRefused(write("cut-data.onionbackup", Arrays.copyOf(full, full.length - 7)), "truncated: ");
        assertRefused(write("cut-header.onionbackup", Arrays.copyOf(full, 60)), "truncated (it ends inside its header)");
        assertRefused(write("cut-line.onionbackup", Arrays.copyOf(full, 19)), "truncated (it ends inside its first line)");
    }

    @Test
    void bitFlippedCiphertext() throws Exception {
        byte[] b = Files.readAllBytes(encryptedBackup());
        b[b.length - 40] ^= 0x01;
        assertRefused(write("flipped.onionbackup", b), "changed or damaged");
    }

    @Test
    void editedHeaderIsDetected() throws Exception {
        byte[] b = Files.readAllBytes(encryptedBackup());
        String text = new String(b, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\"created\":\"") + "\"created\":\"".length();
        b[at + 3] = (byte) (b[at + 3] == '1' ? '2' : '1'); // another year: still a valid header
        Path file = write("edited.onionbackup", b);
        assertEquals(BackupFile.Kind.ENCRYPTED, BackupFile.open(file).kind(), "the header still parses");
        assertRefused(file, "changed or damaged");
    }

    @Test
    void unknownFormatVersion() throws Exception {
        byte[] b = Files.readAllBytes(encryptedBackup());
        b["ONION-PANEL-BACKUP ".length()] = '2';
        assertRefused(write("v2.onionbackup", b), "format version 2; this Onion Panel reads version 1 only");
    }

    @Test
    void headerAskingForHugeMemoryIsRefusedBeforeAnyWork() throws Exception {
        String text = new String(Files.readAllBytes(encryptedBackup()), StandardCharsets.ISO_8859_1);
        text = text.replace("\"N\":131072", "\"N\":1073741824");
        assertRefused(write("huge.onionbackup", text.getBytes(StandardCharsets.ISO_8859_1)), "Unsupported scrypt parameters");
    }

    // ------------------------------------------------------------------------------- plain archives

    @Test
    void truncatedOrBitFlippedTarGz() throws Exception {
        byte[] plain = Files.readAllBytes(plainBackup());
        assertRefused(write("cut.tar.gz", Arrays.copyOf(plain, plain.length / 2)), "The archive is");
        // Anywhere after gzip's own header (which would make it "not a backup"), down to its checksum trailer.
        // Anywhere after gzip's own header (which would make it "not a backup"), down to its checksum trailer.
        // A flip in bits the decoder never uses (deflate padding, the final block's end) can leave the archive
        // intact; such a file may import, but only with keys byte-identical to the original — never other keys.
        int refused = 0;
        for (int at = 10; at < plain.length; at += Math.max(1, plain.length / 40)) {
            byte[] flipped = plain.clone();
            flipped[at] ^= 0x10;
            Path file = write("flipped-" + at + ".tar.gz", flipped);
            Path scratch = Fixtures.dataDirWithService(tmp.resolve("scratch-" + at), "existing", otherKeys, "80=127.0.0.1:8000");
            CliRunner.Result r = Fixtures.cli(scratch, "backup", "import", file.toString());
            if (r.exit() == 0) {
                assertArrayEquals(read(keys, "hs_ed25519_secret_key"), read(scratch.resolve("services/routstr"), "hs_ed25519_secret_key"),
                        "a flip at " + at + " imported different keys");
            } else {
                refused++;
                assertRefused(file, "The archive is damaged");
            }
        }
        assertTrue(refused > 30, "almost every flip must be refused, only " + refused + " were");
    }

    @Test
    void keyThatDoesNotMatchItsAddress() throws Exception {
        Path file = tarGz("mismatch.tar.gz",
                file("svc/hs_ed25519_secret_key", read(keys, "hs_ed25519_secret_key")),
                file("svc/hs_ed25519_public_key", read(keys, "hs_ed25519_public_key")),
                file("svc/hostname", read(otherKeys, "hostname")));
        assertRefused(file, "The keys do not match the address: hostname says " + Files.readString(otherKeys.resolve("hostname")).trim(),
                "--port", "80=127.0.0.1:1");
        CliRunner.Result verify = Fixtures.cli(data, "backup", "verify", file.toString());
        assertEquals(2, verify.exit(), verify.toString());
        assertTrue(verify.err().contains("The keys do not match the address"), verify.err());
        assertEquals(before, Fixtures.tree(data));
    }

    @Test
    void secretAndPublicKeyFromDifferentServices() throws Exception {
        Path file = tarGz("halves.tar.gz",
                file("svc/hs_ed25519_secret_key", read(keys, "hs_ed25519_secret_key")),
                file("svc/hs_ed25519_public_key", read(otherKeys, "hs_ed25519_public_key")));
        assertRefused(file, "hs_ed25519_public_key does not belong to hs_ed25519_secret_key", "--port", "80=127.0.0.1:1");
    }

    @Test
    void damagedSecretKeyFile() throws Exception {
        byte[] secret = read(keys, "hs_ed25519_secret_key");
        byte[] flipped = secret.clone();
        flipped[40] ^= 0x04; // in the scalar: a different key, which no longer matches hostname
        assertRefused(tarGz("flipped-key.tar.gz", file("svc/hs_ed25519_secret_key", flipped), file("svc/hostname", read(keys, "hostname"))),
                "The keys do not match the address", "--port", "80=127.0.0.1:1");
        assertRefused(tarGz("short-key.tar.gz", file("svc/hs_ed25519_secret_key", Arrays.copyOf(secret, 64))),
                "is not a tor v3 onion service secret key", "--port", "80=127.0.0.1:1");
    }

    @Test
    void missingSecretKey() throws Exception {
        Path file = tarGz("nosecret.tar.gz",
                dir("svc/"),
                file("svc/hs_ed25519_public_key", read(keys, "hs_ed25519_public_key")),
                file("svc/hostname", read(keys, "hostname")));
        assertRefused(file, "The archive has no hs_ed25519_secret_key", "--port", "80=127.0.0.1:1");
    }

    @Test
    void dotDotPath() throws Exception {
        assertRefused(tarGz("dotdot.tar.gz", validService("svc/"), file("svc/../../../escape", "x".getBytes())),
                "has '..' in its path", "--port", "80=127.0.0.1:1");
        assertRefused(zip("dotdot.zip", false, "svc/../../escape"), "has '..' in its path", "--port", "80=127.0.0.1:1");
    }

    @Test
    void absolutePath() throws Exception {
        assertRefused(tarGz("absolute.tar.gz", validService("/var/lib/tor/svc/")), "has an absolute path", "--port", "80=127.0.0.1:1");
        assertRefused(zip("absolute.zip", false, "/tmp/escape"), "has an absolute path", "--port", "80=127.0.0.1:1");
    }

    @Test
    void symbolicLink() throws Exception {
        assertRefused(tarGz("symlink.tar.gz", validService("svc/"), link("svc/authorized_clients/x.auth", "/etc/shadow", TarConstants.LF_SYMLINK)),
                "is a symbolic link", "--port", "80=127.0.0.1:1");
        assertRefused(zip("symlink.zip", true, "svc/authorized_clients/x.auth"), "is a symbolic link", "--port", "80=127.0.0.1:1");
    }

    @Test
    void hardLink() throws Exception {
        assertRefused(tarGz("hardlink.tar.gz", validService("svc/"), link("svc/copy", "svc/hs_ed25519_secret_key", TarConstants.LF_LINK)),
                "is a hard link", "--port", "80=127.0.0.1:1");
    }

    @Test
    void deviceAndFifo() throws Exception {
        assertRefused(tarGz("device.tar.gz", validService("svc/"), special("svc/dev", TarConstants.LF_CHR)), "is a device",
                "--port", "80=127.0.0.1:1");
        assertRefused(tarGz("block.tar.gz", validService("svc/"), special("svc/blk", TarConstants.LF_BLK)), "is a device",
                "--port", "80=127.0.0.1:1");
        assertRefused(tarGz("fifo.tar.gz", validService("svc/"), special("svc/pipe", TarConstants.LF_FIFO)), "is a FIFO",
                "--port", "80=127.0.0.1:1");
    }

    @Test
    void oversizedEntryAndTotal() throws Exception {
        assertRefused(tarGz("big.tar.gz", validService("svc/"), file("svc/big", new byte[ArchiveReader.MAX_ENTRY_BYTES + 1])),
                "is larger than 1024 KiB", "--port", "80=127.0.0.1:1");
        List<Entry> many = new ArrayList<>(validService("svc/"));
        for (int i = 0; i < 17; i++) {
            many.add(file("svc/filler" + i, new byte[ArchiveReader.MAX_ENTRY_BYTES]));
        }
        assertRefused(tarGz("total.tar.gz", many), "unpacks to more than 16 MiB", "--port", "80=127.0.0.1:1");
    }

    @Test
    void severalServicesInOneArchive() throws Exception {
        List<Entry> both = new ArrayList<>(validService("lib/a/"));
        both.add(file("lib/b/hs_ed25519_secret_key", read(otherKeys, "hs_ed25519_secret_key")));
        assertRefused(tarGz("two.tar.gz", both), "holds 2 onion services (lib/a/, lib/b/)", "--port", "80=127.0.0.1:1");
    }

    @Test
    void notABackupAtAll() throws Exception {
        assertRefused(write("notes.txt", "just some text\n".getBytes()), "is not a backup");
        assertRefused(write("empty.tar.gz", new byte[0]), "is empty");
    }

    // ------------------------------------------------------------------------------- import decisions

    @Test
    void plainFolderWithoutPorts() throws Exception {
        Path file = tarGz("plain.tar.gz", validService("routstr/"));
        assertRefused(file, "plain tor key folder and has no port mappings: give the ports to publish with --port VIRT=TARGET");
    }

    @Test
    void existingServiceWithoutReplace() throws Exception {
        Path file = tarGz("existing.tar.gz", validService("existing/"));
        assertRefused(file, "Service 'existing' already exists (" + Files.readString(otherKeys.resolve("hostname")).trim()
                + "). Replace it with --replace", "--port", "80=127.0.0.1:1");
    }

    @Test
    void addressAlreadyUsedByAnotherService() throws Exception {
        List<Entry> entries = new ArrayList<>();
        for (String f : List.of("hs_ed25519_secret_key", "hs_ed25519_public_key", "hostname")) {
            entries.add(file("copy/" + f, read(otherKeys, f)));
        }
        assertRefused(tarGz("same-address.tar.gz", entries), "Service 'existing' already has the address", "--port", "80=127.0.0.1:1");
    }

    @Test
    void badNameOrPort() throws Exception {
        Path file = tarGz("plain.tar.gz", validService("routstr/"));
        assertRefused(file, "may only contain letters", "--port", "80=127.0.0.1:1", "--name", "../evil");
        assertRefused(file, "needs a host and a port", "--port", "80=nowhere");
        assertRefused(tarGz("badfolder.tar.gz", validService("tor keys/")), "cannot be a service name", "--port", "80=127.0.0.1:1");
    }

    @Test
    void invalidClientAuthorisationFile() throws Exception {
        List<Entry> entries = new ArrayList<>(validService("svc/"));
        entries.add(file("svc/authorized_clients/eve.auth", "descriptor:x25519:tooshort\n".getBytes()));
        assertRefused(tarGz("auth.tar.gz", entries), "authorized_clients/eve.auth is not a v3 client authorisation key",
                "--port", "80=127.0.0.1:1");
    }

    @Test
    void messagesNeverContainKeyMaterial() throws Exception {
        byte[] secret = read(keys, "hs_ed25519_secret_key");
        String hex = java.util.HexFormat.of().formatHex(secret, 32, 40);
        String b64 = java.util.Base64.getEncoder().encodeToString(Arrays.copyOfRange(secret, 32, 64)).substring(0, 10);
        CliRunner.Result r = Fixtures.cli(data, "backup", "import",
                tarGz("halves2.tar.gz", file("svc/hs_ed25519_secret_key", secret),
                        file("svc/hs_ed25519_public_key", read(otherKeys, "hs_ed25519_public_key"))).toString(),
                "--port", "80=127.0.0.1:1");
        assertNotEquals(0, r.exit());
        assertFalse(r.err().contains(hex) || r.err().contains(b64) || r.out().contains(hex), r.err());
    }

    // ------------------------------------------------------------------------------- helpers

    /** Runs {@code backup import} (and {@code backup verify} where the file itself is bad) and checks nothing changed. */
    void assertRefused(Path file, String message, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("backup", "import", file.toString()));
        if (!Arrays.asList(extra).contains("--passphrase-file")) {
            args.addAll(List.of("--passphrase-file", pass.toString()));
        }
        args.addAll(List.of(extra));
        CliRunner.Result r = Fixtures.cli(data, args.toArray(String[]::new));
        assertEquals(2, r.exit(), "exit code; " + r);
        assertTrue(r.err().startsWith("Error: ") && r.err().contains(message), "expected '" + message + "' in: " + r.err());
        assertEquals("", r.out());
        assertEquals(before, Fixtures.tree(data), "the data folder must be unchanged");
    }

    Path encryptedBackup() throws Exception {
        Path source = Fixtures.dataDirWithService(tmp.resolve("source-" + System.nanoTime()), "routstr", keys, "80=127.0.0.1:8000");
        Path file = tmp.resolve("routstr-" + System.nanoTime() + ".onionbackup");
        new Backups(source).export("routstr", file, Fixtures.PASSPHRASE.toCharArray());
        return file;
    }

    Path plainBackup() throws Exception {
        Path source = Fixtures.dataDirWithService(tmp.resolve("source-" + System.nanoTime()), "routstr", keys, "80=127.0.0.1:8000");
        Path file = tmp.resolve("routstr-" + System.nanoTime() + ".tar.gz");
        new Backups(source).export("routstr", file, null);
        return file;
    }

    Path write(String name, byte[] content) throws IOException {
        return Files.write(tmp.resolve(name), content);
    }

    static byte[] read(Path dir, String name) throws IOException {
        return Files.readAllBytes(dir.resolve(name));
    }

    record Entry(String name, byte type, byte[] content, String linkName) {
    }

    static Entry file(String name, byte[] content) {
        return new Entry(name, TarConstants.LF_NORMAL, content, null);
    }

    static Entry dir(String name) {
        return new Entry(name, TarConstants.LF_DIR, null, null);
    }

    static Entry link(String name, String target, byte type) {
        return new Entry(name, type, null, target);
    }

    static Entry special(String name, byte type) {
        return new Entry(name, type, null, null);
    }

    /** A complete, valid service folder (tor's files) under {@code prefix}. */
    List<Entry> validService(String prefix) throws IOException {
        List<Entry> entries = new ArrayList<>();
        entries.add(dir(prefix));
        for (String f : List.of("hs_ed25519_secret_key", "hs_ed25519_public_key", "hostname")) {
            entries.add(file(prefix + f, read(keys, f)));
        }
        return entries;
    }

    Path tarGz(String name, Entry... entries) throws IOException {
        return tarGz(name, List.of(entries));
    }

    Path tarGz(String name, List<Entry> first, Entry... more) throws IOException {
        List<Entry> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : all) {
                TarArchiveEntry t = new TarArchiveEntry(e.name(), e.type(), true);
                if (e.linkName() != null) {
                    t.setLinkName(e.linkName());
                }
                if (e.content() != null) {
                    t.setSize(e.content().length);
                }
                tar.putArchiveEntry(t);
                if (e.content() != null) {
                    tar.write(e.content());
                }
                tar.closeArchiveEntry();
            }
        }
        return write(name, bytes.toByteArray());
    }

    /** A zip with a valid service in {@code svc/} plus one extra entry (a symlink if asked). */
    Path zip(String name, boolean symlink, String extra) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (String f : List.of("hs_ed25519_secret_key", "hs_ed25519_public_key", "hostname")) {
                zip.putArchiveEntry(new ZipArchiveEntry("svc/" + f));
                zip.write(read(keys, f));
                zip.closeArchiveEntry();
            }
            ZipArchiveEntry e = new ZipArchiveEntry(extra);
            if (symlink) {
                e.setUnixMode(0120777);
            }
            zip.putArchiveEntry(e);
            zip.write((symlink ? "/etc/shadow" : "x").getBytes());
            zip.closeArchiveEntry();
        }
        return write(name, bytes.toByteArray());
    }
}
