package io.onionpanel.auth;

import io.onionpanel.common.AtomicFiles;
import io.onionpanel.common.FilePermissions;
import io.onionpanel.common.ValidationException;
import io.onionpanel.onion.OnionAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a client needs to reach a service under client authorisation, in every form clients use: tor's
 * {@code ClientOnionAuthDir} file ({@code <address>.auth_private} holding
 * {@code <address>:descriptor:x25519:<private key>}), the bare key Tor Browser asks for, and the address.
 * Holds a private key: {@link #toString()} never shows it.
 */
public final class ClientCredential {
    private static final String MIDDLE = ":descriptor:x25519:";
    private final String client;
    private final String bareAddress;
    private final String privateKey;

    public ClientCredential(String client, String onionAddress, String privateKey) {
        if (!OnionAddress.isValid(onionAddress)) {
            throw new IllegalArgumentException("not a v3 onion address");
        }
        this.client = client;
        this.bareAddress = OnionAddress.bare(onionAddress.toLowerCase(Locale.ROOT));
        this.privateKey = privateKey;
    }

    /** Reads a line written by {@link #authPrivateLine()} (e.g. a key the panel kept). */
    public static ClientCredential parse(String client, String line) {
        String text = line.strip();
        int at = text.indexOf(MIDDLE);
        if (at != OnionAddress.LENGTH || !OnionAddress.isValid(text.substring(0, at))) {
            throw new ValidationException("Not an .auth_private line (<address>:descriptor:x25519:<key>)");
        }
        String key = text.substring(at + MIDDLE.length());
        ClientKeys.publicKeyOf(key); // validates without repeating it
        return new ClientCredential(client, text.substring(0, at), key.toUpperCase(Locale.ROOT));
    }

    public String client() {
        return client;
    }

    /** The service's address with ".onion". */
    public String onionAddress() {
        return bareAddress + ".onion";
    }

    /** The base32 private key alone, as Tor Browser's "Onion site authentication" prompt asks for it. */
    public String privateKey() {
        return privateKey;
    }

    /** The x25519 public key matching {@link #privateKey()}. */
    public String publicKey() {
        return ClientKeys.publicKeyOf(privateKey);
    }

    /** {@code <56-char address>:descriptor:x25519:<private key>}, the content of an .auth_private file. */
    public String authPrivateLine() {
        return bareAddress + MIDDLE + privateKey;
    }

    /** {@code <56-char address>.auth_private}: the name tor's ClientOnionAuthDir expects (any *.auth_private works). */
    public String fileName() {
        return bareAddress + ".auth_private";
    }

    /**
     * Writes the .auth_private file into {@code dir} (created 0700 if missing), 0600, atomically; returns it.
     * An existing file for the same address is replaced.
     */
    public Path writeTo(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            FilePermissions.createPrivateDirectories(dir);
        }
        Path file = dir.resolve(fileName());
        writeFile(file);
        return file;
    }

    /** Writes the .auth_private line to exactly {@code file} (0600, atomic). */
    public void writeFile(Path file) throws IOException {
        AtomicFiles.writePrivate(file, (authPrivateLine() + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "ClientCredential[client=" + client + ", onion=" + onionAddress() + ", privateKey=(hidden)]";
    }
}
