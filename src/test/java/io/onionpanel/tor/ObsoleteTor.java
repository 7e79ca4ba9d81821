package io.onionpanel.tor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * Briar's tor 0.4.7.13 ({@code org.briarproject:tor-linux}, a test-scoped dependency): obsolete and locked out
 * of the real Tor network, never shipped, but a real tor for tests that need one offline or on the private
 * network, and the obsolete tor the refusal tests expect to be refused. Client-only, no PoW module.
 */
public final class ObsoleteTor {
    public static final String VERSION = "0.4.7.13";

    private ObsoleteTor() {
    }

    /** The class-path entry of this CPU's binary in Briar's jar layout ({@code <arch>/tor}). */
    public static String resourceName() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String dir = arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : arch.startsWith("arm") ? "armhf" : "x86_64";
        return dir + "/tor";
    }

    /** Copies the binary to {@code dir/tor} (0700): a jar entry cannot be executed. */
    public static Path extract(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve("tor");
        try (InputStream in = ObsoleteTor.class.getResourceAsStream("/" + resourceName())) {
            if (in == null) {
                throw new IllegalStateException("/" + resourceName() + " is not on the test class path:"
                        + " the pom's test-scoped org.briarproject:tor-linux puts it there");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
        return target;
    }
}
