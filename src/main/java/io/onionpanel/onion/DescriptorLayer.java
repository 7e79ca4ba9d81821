package io.onionpanel.onion;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHAKEDigest;

/**
 * One encrypted layer of a v3 onion service descriptor (rend-spec-v3 §2.5.3, checked against tor's
 * hs_descriptor.c): blob = SALT(16) | ENCRYPTED | MAC(32); keys = SHAKE-256(SECRET_DATA | subcredential |
 * INT_8(revision counter) | SALT | layer constant) gives a 32-byte AES-256-CTR key, a 16-byte IV and a 32-byte
 * MAC key; MAC = SHA3-256(INT_8(32) | MAC key | INT_8(16) | SALT | ENCRYPTED). The JDK has no SHAKE, hence
 * BouncyCastle's.
 */
final class DescriptorLayer {
    static final String OUTER = "hsdir-superencrypted-data";
    static final String INNER = "hsdir-encrypted-data";
    private static final int SALT = 16;
    private static final int KEY = 32;
    private static final int IV = 16;
    private static final int MAC = 32;

    private DescriptorLayer() {
    }

    /**
     * The layer's plaintext, without tor's NUL padding.
     *
     * @param secretData the blinded key (plus the descriptor cookie for the inner layer of a service with
     *                   client authorisation, which this panel never needs to read)
     * @throws IllegalArgumentException when the MAC does not match: another address's descriptor, or keys
     *                                  that are not the ones it was encrypted for
     */
    static String decrypt(byte[] blob, byte[] secretData, byte[] subcredential, long revision, String constant) {
        if (blob.length <= SALT + MAC) {
            throw new IllegalArgumentException("the encrypted layer is too short (" + blob.length + " bytes)");
        }
        byte[] salt = Arrays.copyOfRange(blob, 0, SALT);
        byte[] encrypted = Arrays.copyOfRange(blob, SALT, blob.length - MAC);
        byte[] mac = Arrays.copyOfRange(blob, blob.length - MAC, blob.length);
        byte[] keys = kdf(secretData, subcredential, revision, salt, constant);
        byte[] macKey = Arrays.copyOfRange(keys, KEY + IV, KEY + IV + MAC);
        byte[] expected = Digests.sha3(ByteBuffer.allocate(8).putLong(MAC).array(), macKey,
                ByteBuffer.allocate(8).putLong(SALT).array(), salt, encrypted);
        if (!MessageDigest.isEqual(expected, mac)) {
            throw new IllegalArgumentException("the " + constant + " layer's MAC does not match: not this address's"
                    + " descriptor, or one with client authorisation");
        }
        byte[] plain;
        try {
            Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys, 0, KEY, "AES"), new IvParameterSpec(keys, KEY, IV));
            plain = aes.doFinal(encrypted);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CTR is not available: " + e.getMessage(), e);
        }
        int end = 0;
        while (end < plain.length && plain[end] != 0) {
            end++;
        }
        return new String(plain, 0, end, StandardCharsets.UTF_8);
    }

    private static byte[] kdf(byte[] secretData, byte[] subcredential, long revision, byte[] salt, String constant) {
        SHAKEDigest shake = new SHAKEDigest(256);
        byte[] counter = ByteBuffer.allocate(8).putLong(revision).array();
        byte[] label = constant.getBytes(StandardCharsets.US_ASCII);
        for (byte[] part : new byte[][] {secretData, subcredential, counter, salt, label}) {
            shake.update(part, 0, part.length);
        }
        byte[] out = new byte[KEY + IV + MAC];
        shake.doFinal(out, 0, out.length);
        return out;
    }
}
