package io.onionpanel.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.util.encoders.Base32;

/**
 * A desktop's session token: 32 random bytes in base32 (52 characters), handed over once in the pairing code.
 * The server keeps only its SHA-256, so a copy of the server's data folder does not let anyone in (the token is
 * random, so a plain hash is enough: there is nothing to guess from a dictionary).
 */
public final class RemoteToken {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RemoteToken() {
    }

    public static String generate() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return Base32.toBase32String(raw).replace("=", "");
    }

    /** The SHA-256 of the token, in hex: what the server stores. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Whether {@code token} hashes to {@code storedHash}, in constant time. */
    public static boolean matches(String token, String storedHash) {
        if (token == null || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(token).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
