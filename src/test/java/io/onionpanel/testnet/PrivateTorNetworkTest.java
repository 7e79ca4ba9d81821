package io.onionpanel.testnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled client-only tor (0.4.7.13 from org.briarproject:tor-linux) joins the private network,
 * publishes an onion service for a stand-in Routstr and reaches it through its own SOCKS port.
 */
class PrivateTorNetworkTest {

    @Test
    void bundledTorPublishesAndReachesAnOnionServiceOnThePrivateNetwork(@TempDir Path tmp) throws Exception {
        PrivateTorNetwork network = TorNetworkSupport.requireNetwork();
        System.out.println("Private Tor network ready after " + network.startupTime().toMillis() + " ms ("
                + network.startupReport() + "), client torrc " + network.clientTorrcFile());
        Path tor = extractBundledTor(tmp);

        long t0 = System.nanoTime();
        try (StandInRoutstr routstr = StandInRoutstr.start();
             OnionServiceTor bundled = OnionServiceTor.start("bundled-tor", tor, tmp.resolve("bundled-tor"),
                     network.clientTorrcLines(), routstr.port())) {
            String version = bundled.controlCommand("GETINFO version").get(0);
            assertTrue(version.contains("0.4.7.13"), "expected the bundled tor, got " + version);

            bundled.enableNetwork();
            // Asking before the descriptor is on the HSDirs makes tor skip them for minutes.
            bundled.awaitDescriptorUploaded(Duration.ofMinutes(2));
            long published = System.nanoTime();
            Socks5Http.HttpResult info = bundled.getUntilOk("/v1/info", Duration.ofMinutes(2));
            System.out.printf("Bundled tor: descriptor uploaded after %d ms, /v1/info answered after %d ms%n",
                    (published - t0) / 1_000_000, (System.nanoTime() - t0) / 1_000_000);

            assertEquals(200, info.status());
            assertEquals(StandInRoutstr.INFO_JSON, info.body());
            assertTrue(routstr.requestCount() >= 1, "the request must have reached the stand-in");

            Socks5Http.HttpResult missing = Socks5Http.get("127.0.0.1", bundled.socksPort(),
                    "http://" + bundled.onionAddress() + "/v1/nothing-here", Duration.ofSeconds(60));
            assertEquals(404, missing.status());
            assertEquals(StandInRoutstr.NOT_FOUND_JSON, missing.body());
        }
    }

    /**
     * The tor binary from the tor-linux jar: on the test classpath (the pom's linux profile), else
     * straight from the local Maven repository. Copied out with mode 0700 because a jar entry
     * cannot be executed.
     */
    static Path extractBundledTor(Path dir) throws IOException {
        String entry = archFolder() + "/tor";
        Path target = dir.resolve("tor");
        try (InputStream in = PrivateTorNetworkTest.class.getResourceAsStream("/" + entry)) {
            if (in != null) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                return executable(target);
            }
        }
        Path jar = bundledTorJar().orElseThrow(() -> new IllegalStateException(
                "Bundled tor not found: neither /" + entry + " on the test classpath nor "
                        + "org/briarproject/tor-linux in ~/.m2 (run mvn test so Maven resolves it)"));
        try (JarFile jarFile = new JarFile(jar.toFile()); InputStream in = jarFile.getInputStream(jarFile.getJarEntry(entry))) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return executable(target);
    }

    private static Optional<Path> bundledTorJar() throws IOException {
        Path base = Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "briarproject", "tor-linux");
        if (!Files.isDirectory(base)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(base, 2)) {
            return files.filter(p -> p.getFileName().toString().matches("tor-linux-.*\\.jar"))
                    .sorted()
                    .reduce((first, second) -> second);
        }
    }

    private static String archFolder() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        if (arch.equals("aarch64") || arch.equals("arm64")) {
            return "aarch64";
        }
        if (arch.startsWith("arm")) {
            return "armhf";
        }
        return "x86_64";
    }

    private static Path executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
