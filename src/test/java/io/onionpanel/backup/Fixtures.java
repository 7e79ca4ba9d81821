package io.onionpanel.backup;

import io.onionpanel.onion.OnionServices;
import io.onionpanel.onion.ServiceValidation;
import io.onionpanel.cli.CliRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Shared helpers: data folders with a real service, a fingerprint of a whole folder tree, the CLI in-process. */
final class Fixtures {
    static final String PASSPHRASE = "correct horse battery staple";

    private Fixtures() {
    }

    /** Every path under {@code root} with its type, mode and content hash, one per line, sorted. */
    static String tree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return "(missing)";
        }
        List<String> lines = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted().toList()) {
                String rel = root.relativize(p).toString();
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    lines.add("d " + mode + " " + rel);
                } else if (Files.isSymbolicLink(p)) {
                    lines.add("l " + mode + " " + rel + " -> " + Files.readSymbolicLink(p));
                } else {
                    lines.add("f " + mode + " " + rel + " " + sha256(Files.readAllBytes(p)));
                }
            }
        }
        return String.join("\n", lines);
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a key folder as tor has it: folders 0700, files 0600. */
    static Path copyFolder(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted().toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
                } else {
                    // Over the keys the panel made for a new service, as when tor's own keys are put in its folder.
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
                }
            }
        }
        return to;
    }

    /** A data folder with one configured service whose key folder was written by tor. */
    static Path dataDirWithService(Path dataDir, String name, Path torKeys, String port) throws IOException {
        Files.createDirectories(dataDir);
        new OnionServices(dataDir).add(name, List.of(ServiceValidation.parseMapping(port)));
        copyFolder(torKeys, dataDir.resolve("services").resolve(name));
        return dataDir;
    }

    static Path passphraseFile(Path dir, String passphrase) throws IOException {
        Path f = dir.resolve("pass-" + System.nanoTime() + ".txt");
        Files.writeString(f, passphrase + "\n", StandardCharsets.UTF_8);
        return f;
    }

    static CliRunner.Result cli(Path dataDir, String... args) {
        return CliRunner.run(dataDir, args);
    }
}
