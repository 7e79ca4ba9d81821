package io.onionpanel.onion;

import io.onionpanel.common.FilePermissions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where each service's HiddenServiceDir lives: {@code <data>/services/<name>/}, in tor's standard layout
 * (hostname, hs_ed25519_secret_key, hs_ed25519_public_key, authorized_clients/), so it can be copied to a
 * server's /var/lib/tor/<name>/ as it is. Removed services go to {@code <data>/removed/<name>-<time>/}.
 * Client private keys the operator chose to keep ({@code <data>/client-keys/<name>/}) follow their service
 * when it is renamed or removed.
 */
public final class ServiceFolders {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    public static final String CLIENT_KEYS_DIR = "client-keys";
    private final Path servicesRoot;
    private final Path removedRoot;
    private final Path clientKeysRoot;

    public ServiceFolders(Path dataDir) {
        this.servicesRoot = dataDir.resolve("services");
        this.removedRoot = dataDir.resolve("removed");
        this.clientKeysRoot = dataDir.resolve(CLIENT_KEYS_DIR);
    }

    /** Where kept client private keys of this service live ({@code <data>/client-keys/<name>/}). */
    public Path clientKeysDir(String serviceName) {
        return clientKeysRoot.resolve(ServiceValidation.requireName(serviceName));
    }

    public Path dir(String serviceName) {
        return servicesRoot.resolve(ServiceValidation.requireName(serviceName));
    }

    /** The service's onion address ("….onion") from its folder's hostname file, if it has keys. */
    public java.util.Optional<String> address(String serviceName) {
        return OnionAddress.readHostname(dir(serviceName));
    }

    /** Creates the folder 0700 (tor refuses a more permissive one) before tor is told about it. */
    public Path prepare(String serviceName) throws IOException {
        FilePermissions.createPrivateDirectories(servicesRoot);
        Path dir = dir(serviceName);
        FilePermissions.createPrivateDirectories(dir);
        return dir;
    }

    /** Moves a service's keys aside instead of deleting them; returns where they went (empty if none existed). */
    public java.util.Optional<Path> archive(String serviceName) throws IOException {
        Path dir = dir(serviceName);
        Path keys = clientKeysDir(serviceName);
        if (!Files.exists(dir) && !Files.exists(keys)) {
            return java.util.Optional.empty();
        }
        FilePermissions.createPrivateDirectories(removedRoot);
        String base = serviceName + "-" + LocalDateTime.now().format(STAMP);
        Path target = removedRoot.resolve(base);
        for (int i = 2; Files.exists(target); i++) {
            target = removedRoot.resolve(base + "-" + i);
        }
        if (Files.exists(dir)) {
            Files.move(dir, target);
        } else {
            FilePermissions.createPrivateDirectories(target);
        }
        if (Files.exists(keys)) {
            // Beside, not inside: the archived folder stays in tor's layout, ready to be restored as it is.
            Files.move(keys, target.resolveSibling(target.getFileName() + "-" + CLIENT_KEYS_DIR));
        }
        return java.util.Optional.of(target);
    }

    public void rename(String from, String to) throws IOException {
        Path source = dir(from);
        if (Files.exists(source)) {
            Files.move(source, dir(to));
        }
        Path keys = clientKeysDir(from);
        if (Files.exists(keys)) {
            Files.move(keys, clientKeysDir(to));
        }
    }
}
