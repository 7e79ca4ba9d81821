package io.onionpanel.balance;

import io.onionpanel.common.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code ob_config} file tor reads from a backend's HiddenServiceDir when the service has
 * {@code HiddenServiceOnionBalanceInstance 1}: {@code MasterOnionAddress <frontend>.onion}. Without it tor refuses
 * the service; with another frontend's address the frontend's clients' introductions are refused.
 */
public final class ObConfigFile {
    public static final String NAME = "ob_config";

    private ObConfigFile() {
    }

    /** Writes it (atomically, 0600) unless it already names this frontend. */
    public static void write(Path serviceDir, String frontend) throws IOException {
        String address = BalanceRules.requireAddress("Frontend address", frontend);
        byte[] content = ("MasterOnionAddress " + address + "\n").getBytes(StandardCharsets.US_ASCII);
        Path file = serviceDir.resolve(NAME);
        if (Files.isRegularFile(file) && java.util.Arrays.equals(Files.readAllBytes(file), content)) {
            return;
        }
        AtomicFiles.writePrivate(file, content);
    }

    /** Removes it from a service that is no longer a backend (tor ignores it then, but it would mislead). */
    public static void remove(Path serviceDir) throws IOException {
        Files.deleteIfExists(serviceDir.resolve(NAME));
    }
}
