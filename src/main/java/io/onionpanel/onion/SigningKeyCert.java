package io.onionpanel.onion;

import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;

/**
 * Reads a v3 descriptor's {@code descriptor-signing-key-cert} (tor's ed25519 certificate, cert-spec §2.1:
 * version, type, expiry, key type, certified key, extensions, signature) for the key that signed it. In a
 * descriptor that is the blinded key of the current time period, which the descriptor's encryption keys
 * depend on. The signature is not checked: a wrong key makes the layer's MAC fail anyway.
 */
final class SigningKeyCert {
    /** cert-spec's extension type "signed-with-ed25519-key". */
    private static final int SIGNED_WITH_KEY = 0x04;

    private SigningKeyCert() {
    }

    static byte[] signingKey(byte[] cert) {
        try {
            ByteBuffer b = ByteBuffer.wrap(cert);
            if (b.get() != 1) {
                throw new IllegalArgumentException("the signing-key certificate is not version 1");
            }
            b.position(1 + 1 + 4 + 1 + 32); // type, expiry, key type, certified key
            int extensions = b.get() & 0xff;
            for (int i = 0; i < extensions; i++) {
                int length = b.getShort() & 0xffff;
                int type = b.get() & 0xff;
                b.get(); // flags
                byte[] data = new byte[length];
                b.get(data);
                if (type == SIGNED_WITH_KEY && length == 32) {
                    return data;
                }
            }
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("the signing-key certificate is truncated", e);
        }
        throw new IllegalArgumentException("the signing-key certificate does not name the key that signed it");
    }
}
