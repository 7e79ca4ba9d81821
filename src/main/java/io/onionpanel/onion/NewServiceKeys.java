package io.onionpanel.onion;

import io.onionpanel.common.AtomicFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * Creates the keys of a service that has none yet, as tor would at its first load ({@code ed25519_extsk}: 32
 * random bytes, SHA-512, the first half clamped), in tor's files. The engine gives tor its services only after
 * bootstrap; made here, a new service's address is known from the start, even while tor is offline.
 */
public final class NewServiceKeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private NewServiceKeys() {
    }

    /**
     * Writes {@code hs_ed25519_secret_key}, {@code hs_ed25519_public_key} and {@code hostname} into {@code dir}
     * (an existing 0700 folder) if it has no secret key; returns the new address, or empty when keys were there.
     * An existing key is never replaced, even by a concurrent writer.
     */
    public static Optional<String> createIfMissing(Path dir) throws IOException {
        if (Files.exists(dir.resolve(OnionKeys.SECRET_KEY_FILE), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        byte[] seed = new byte[32];
        byte[] expanded = null;
        try {
            RANDOM.nextBytes(seed);
            expanded = sha512(seed);
            expanded[0] &= (byte) 248;
            expanded[31] &= 127;
            expanded[31] |= 64;
            return Optional.of(store(dir, expanded));
        } catch (FileAlreadyExistsException raced) {
            return Optional.empty();
        } finally {
            Arrays.fill(seed, (byte) 0);
            wipe(expanded);
        }
    }

    /**
     * Writes tor's three files for this 64-byte expanded key into {@code dir} and returns the address; the secret
     * key file must not exist yet ({@link FileAlreadyExistsException} otherwise, and nothing is written).
     */
    public static String store(Path dir, byte[] expandedKey) throws IOException {
        byte[] secretFileContent = OnionKeys.secretKeyFile(expandedKey);
        try {
            byte[] publicKey = OnionKeys.publicKeyFromSecretKeyFile(secretFileContent);
            String address = OnionAddress.fromPublicKey(publicKey);
            AtomicFiles.createPrivate(dir.resolve(OnionKeys.SECRET_KEY_FILE), secretFileContent);
            AtomicFiles.writePrivate(dir.resolve(OnionKeys.PUBLIC_KEY_FILE), OnionKeys.publicKeyFile(publicKey));
            AtomicFiles.writePrivate(dir.resolve(OnionKeys.HOSTNAME_FILE), OnionKeys.hostnameFile(address));
            return address;
        } finally {
            wipe(secretFileContent);
        }
    }

    private static byte[] sha512(byte[] seed) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(seed);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-512", e);
        }
    }

    private static void wipe(byte[] b) {
        if (b != null) {
            Arrays.fill(b, (byte) 0);
        }
    }
}
