package io.onionpanel.onion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.backup.RealTor;
import io.onionpanel.common.AtomicFiles;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys the panel makes for a new service are the keys tor would make, and an existing key is never replaced. */
class NewServiceKeysTest {
    @TempDir
    Path tmp;

    @Test
    void writesTorsThreeFilesOwnerOnlyWithTheDerivedAddress() throws Exception {
        Path dir = RealTor.privateDir(tmp.resolve("api"));
        String address = NewServiceKeys.createIfMissing(dir).orElseThrow();

        assertTrue(OnionAddress.isValid(address), address);
        byte[] secret = Files.readAllBytes(dir.resolve(OnionKeys.SECRET_KEY_FILE));
        OnionKeys.requireSecretKeyFile(secret);
        byte[] publicKey = OnionKeys.parsePublicKeyFile(Files.readAllBytes(dir.resolve(OnionKeys.PUBLIC_KEY_FILE)));
        assertArrayEquals(OnionKeys.publicKeyFromSecretKeyFile(secret), publicKey);
        assertEquals(address, OnionAddress.fromPublicKey(publicKey));
        assertEquals(address + "\n", Files.readString(dir.resolve(OnionKeys.HOSTNAME_FILE)));
        // ed25519's clamping of the scalar, as tor's ed25519_extsk does it.
        assertEquals(0, secret[32] & 7);
        assertEquals(64, secret[63] & 0xC0);
        for (String file : List.of(OnionKeys.SECRET_KEY_FILE, OnionKeys.PUBLIC_KEY_FILE, OnionKeys.HOSTNAME_FILE)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(file))), file);
        }
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void anExistingKeyIsKeptAsItIs() throws Exception {
        Path dir = RealTor.privateDir(tmp.resolve("api"));
        String first = NewServiceKeys.createIfMissing(dir).orElseThrow();
        byte[] secret = Files.readAllBytes(dir.resolve(OnionKeys.SECRET_KEY_FILE));

        assertEquals(Optional.empty(), NewServiceKeys.createIfMissing(dir));
        assertArrayEquals(secret, Files.readAllBytes(dir.resolve(OnionKeys.SECRET_KEY_FILE)));
        assertEquals(first + "\n", Files.readString(dir.resolve(OnionKeys.HOSTNAME_FILE)));
        // A writer that checked before another one wrote still cannot replace the key.
        byte[] other = new byte[64];
        other[31] = 64;
        assertThrows(FileAlreadyExistsException.class, () -> NewServiceKeys.store(dir, other));
        assertThrows(FileAlreadyExistsException.class,
                () -> AtomicFiles.createPrivate(dir.resolve(OnionKeys.SECRET_KEY_FILE), new byte[96]));
        assertArrayEquals(secret, Files.readAllBytes(dir.resolve(OnionKeys.SECRET_KEY_FILE)));
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void eachServiceGetsItsOwnKey() throws Exception {
        String a = NewServiceKeys.createIfMissing(RealTor.privateDir(tmp.resolve("a"))).orElseThrow();
        String b = NewServiceKeys.createIfMissing(RealTor.privateDir(tmp.resolve("b"))).orElseThrow();
        assertNotEquals(a, b);
    }

    @Test
    void realTorLoadsTheKeyAndDerivesTheSameAddress() throws Exception {
        Path dir = RealTor.privateDir(tmp.resolve("routstr"));
        String address = NewServiceKeys.createIfMissing(dir).orElseThrow();
        byte[] secret = Files.readAllBytes(dir.resolve(OnionKeys.SECRET_KEY_FILE));
        // Only the secret key stays: tor writes the public key and hostname from it.
        Files.delete(dir.resolve(OnionKeys.PUBLIC_KEY_FILE));
        Files.delete(dir.resolve(OnionKeys.HOSTNAME_FILE));

        RealTor.createServiceFolders(tmp, List.of("routstr"));

        assertEquals(address + "\n", Files.readString(dir.resolve(OnionKeys.HOSTNAME_FILE)));
        assertArrayEquals(secret, Files.readAllBytes(dir.resolve(OnionKeys.SECRET_KEY_FILE)), "tor kept the key");
        assertArrayEquals(OnionKeys.publicKeyFile(OnionKeys.publicKeyFromSecretKeyFile(secret)),
                Files.readAllBytes(dir.resolve(OnionKeys.PUBLIC_KEY_FILE)));
    }
}
