package io.onionpanel.testnet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Briar's tor 0.4.7.13 (a test-scoped dependency), the panel's former bundled tor: a real tor of a retired series,
 * for the tests that check the panel refuses it, and what it shows when an operator runs it anyway.
 */
public final class ObsoleteTor {
    public static final String VERSION = "0.4.7.13";
    private static final String RESOURCE = "/x86_64/tor";

    private ObsoleteTor() {
    }

    /** Copies the binary into {@code dir} (executable) and returns its path. */
    public static Path extract(Path dir) {
        try (InputStream in = ObsoleteTor.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("org.briarproject:tor-linux is not on the test class path (" + RESOURCE + ")");
            }
            Files.createDirectories(dir);
            Path tor = dir.resolve("tor-" + VERSION);
            Files.copy(in, tor, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(tor, PosixFilePermissions.fromString("rwx------"));
            return tor;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
