package io.onionpanel.onion;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA3-256 over concatenated parts: the hash of v3 onion addresses and descriptors (rend-spec-v3's H). */
final class Digests {
    private Digests() {
    }

    static byte[] sha3(byte[]... parts) {
        try {
            MessageDigest sha3 = MessageDigest.getInstance("SHA3-256");
            for (byte[] part : parts) {
                sha3.update(part);
            }
            return sha3.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA3-256 is part of every Java 9+ runtime", e);
        }
    }
}
