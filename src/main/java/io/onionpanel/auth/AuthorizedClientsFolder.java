package io.onionpanel.auth;

import io.onionpanel.common.AtomicFiles;
import io.onionpanel.common.FilePermissions;
import io.onionpanel.settings.AuthorizedClient;
import io.onionpanel.settings.ClientAuth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A service's {@code authorized_clients/} folder in tor's layout: one {@code <name>.auth} file per client
 * holding {@code descriptor:x25519:<public key>}. Folder 0700, files 0600, atomic writes. tor turns client
 * authorisation on for the service exactly when this folder holds at least one .auth file.
 *
 * <p>Only the panel's client operations write here, under the settings lock; the engine only reads it.
 */
public final class AuthorizedClientsFolder {
    public static final String DIR_NAME = "authorized_clients";
    private static final String SUFFIX = ".auth";
    private final Path dir;

    public AuthorizedClientsFolder(Path serviceDir) {
        this.dir = serviceDir.resolve(DIR_NAME);
    }

    public Path dir() {
        return dir;
    }

    public Path file(String clientName) {
        return dir.resolve(ClientValidation.requireName(clientName) + SUFFIX);
    }

    /** Writes the client's .auth file unless it already holds exactly that line. */
    public void write(AuthorizedClient client) throws IOException {
        FilePermissions.createPrivateDirectories(dir.getParent());
        FilePermissions.createPrivateDirectories(dir);
        Path file = file(client.name());
        byte[] content = (ClientKeys.authLine(client.publicKey()) + "\n").getBytes(StandardCharsets.US_ASCII);
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && java.util.Arrays.equals(Files.readAllBytes(file), content)) {
            return;
        }
        AtomicFiles.writePrivate(file, content);
    }

    /** Deletes the client's .auth file; true if there was one. */
    public boolean delete(String clientName) throws IOException {
        return Files.deleteIfExists(file(clientName));
    }

    /**
     * Makes the folder say what {@code auth} says about the clients it lists: their files exist when client
     * authorisation is on and are gone when it is off. Files of clients the settings do not list are left
     * alone (they may come from a restored tor folder); {@link #read()} still reports them.
     */
    public void apply(ClientAuth auth) throws IOException {
        for (AuthorizedClient c : auth.clients()) {
            if (auth.enabled()) {
                write(c);
            } else {
                delete(c.name());
            }
        }
    }

    /**
     * Every .auth file tor would load, by client name (file name without ".auth"), with its first line; sorted,
     * so two reads of the same folder are equal.
     */
    public Map<String, String> read() throws IOException {
        Map<String, String> clients = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.length() > SUFFIX.length() && Files.isRegularFile(f)) {
                    String text = Files.readString(f, StandardCharsets.US_ASCII).strip();
                    int newline = text.indexOf('\n');
                    clients.put(name.substring(0, name.length() - SUFFIX.length()),
                            newline < 0 ? text : text.substring(0, newline).strip());
                }
            }
        } catch (NoSuchFileException e) {
            return Collections.emptyMap();
        }
        return clients;
    }
}
