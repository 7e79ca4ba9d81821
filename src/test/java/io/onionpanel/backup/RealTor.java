package io.onionpanel.backup;

import io.onionpanel.tor.ObsoleteTor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Onion service key folders written by a real tor (Briar's obsolete one: enough offline), never typed by hand:
 * tor runs with {@code DisableNetwork 1}, writes hostname and keys for each HiddenServiceDir at once, and is stopped.
 */
public final class RealTor {
    private static List<Path> shared;

    private RealTor() {
    }

    /** Two distinct HiddenServiceDirs made once per test JVM; copy them before changing anything. */
    public static synchronized List<Path> sharedFolders() throws Exception {
        if (shared == null) {
            Path target = Path.of("target");
            Path work = Files.isDirectory(target) ? Files.createTempDirectory(target.toAbsolutePath(), "real-tor-keys")
                    : Files.createTempDirectory("real-tor-keys");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(work), "delete-real-tor-keys"));
            shared = createServiceFolders(work, List.of("routstr", "other"));
        }
        return shared;
    }

    public static Path torBinary() throws Exception {
        return ObsoleteTor.extract(Path.of("target", "obsolete-tor-for-tests").toAbsolutePath());
    }

    /** Runs tor until it has written a key folder for each name under {@code work}; returns the folders. */
    public static List<Path> createServiceFolders(Path work, List<String> names) throws Exception {
        Path data = privateDir(work.resolve("tor-data"));
        List<String> torrc = new ArrayList<>(List.of(
                "DataDirectory " + data,
                "DisableNetwork 1",
                "SocksPort 0",
                "Log notice file " + work.resolve("tor.log")));
        List<Path> dirs = new ArrayList<>();
        for (String name : names) {
            Path dir = privateDir(work.resolve(name));
            dirs.add(dir);
            torrc.add("HiddenServiceDir " + dir);
            torrc.add("HiddenServicePort 80 127.0.0.1:9");
        }
        Path torrcFile = work.resolve("torrc");
        Files.write(torrcFile, torrc, StandardCharsets.UTF_8);
        Path defaults = work.resolve("torrc-defaults");
        Files.writeString(defaults, "");
        Process tor = new ProcessBuilder(torBinary().toString(), "-f", torrcFile.toString(),
                "--defaults-torrc", defaults.toString(),
                "__OwningControllerProcess", Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true).redirectOutput(work.resolve("stdout.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (Path dir : dirs) {
                Path hostname = dir.resolve("hostname");
                while (!Files.exists(hostname) || Files.size(hostname) < 62) {
                    if (!tor.isAlive() || System.nanoTime() > deadline) {
                        throw new IOException("tor wrote no keys in " + dir + ": "
                                + Files.readString(work.resolve("stdout.log")));
                    }
                    Thread.sleep(50);
                }
            }
        } finally {
            tor.destroy();
            if (!tor.waitFor(10, TimeUnit.SECONDS)) {
                tor.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        return dirs;
    }

    private static void deleteRecursively(Path dir) {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // Test keys in the build folder; mvn clean removes them anyway.
        }
    }

    public static Path privateDir(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return dir;
    }
}
