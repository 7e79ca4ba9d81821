package io.onionpanel.auth;

import io.onionpanel.common.SafeText;
import io.onionpanel.common.ValidationException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.XECPrivateKey;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.util.encoders.Base32;

/**
 * x25519 keys for v3 client authorisation, in tor's text form: RFC 4648 base32 of the 32 raw bytes, without
 * padding (52 characters), upper case as tor writes it. Messages about a refused key never repeat the key:
 * an operator may paste a private key by mistake.
 */
public final class ClientKeys {
    public static final int RAW_LENGTH = 32;
    public static final int BASE32_LENGTH = 52;
    private static final String LINE_PREFIX = "descriptor:x25519:";
    private static final Pattern AUTH_PRIVATE_LINE = Pattern.compile("(?i)[a-z2-7]{56}(\\.onion)?:descriptor:x25519:.*");

    private ClientKeys() {
    }

    /** A fresh key pair from the JDK's X25519 generator. */
    public static ClientKeyPair generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            byte[] raw = ((XECPrivateKey) pair.getPrivate()).getScalar().orElseThrow();
            byte[] x509 = pair.getPublic().getEncoded();
            byte[] pub = Arrays.copyOfRange(x509, x509.length - RAW_LENGTH, x509.length);
            try {
                return new ClientKeyPair(encode(pub), encode(raw));
            } finally {
                Arrays.fill(raw, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X25519 is part of every Java 11+ runtime", e);
        }
    }

    /** Base32 of 32 raw bytes, upper case, no padding. */
    public static String encode(byte[] raw) {
        if (raw.length != RAW_LENGTH) {
            throw new IllegalArgumentException("an x25519 key has 32 bytes");
        }
        return Base32.toBase32String(raw).replace("=", "");
    }

    /** The 32 raw bytes of a canonical (already validated) key. */
    static byte[] decode(String canonical) {
        return Arrays.copyOf(Base32.decode(canonical + "===="), RAW_LENGTH);
    }

    /** The public key that belongs to a base32 private key (for checking a kept or pasted credential). */
    public static String publicKeyOf(String privateKey) {
        byte[] k = decode(requireKey("Private key", privateKey));
        byte[] pub = new byte[RAW_LENGTH];
        try {
            X25519.generatePublicKey(k, 0, pub, 0);
            return encode(pub);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    /**
     * Checks a client's public key as an operator pastes it (lower or upper case, with or without '='
     * padding, or the whole {@code descriptor:x25519:KEY} line of a .auth file) and returns it in tor's form.
     */
    public static String requirePublicKey(String input) {
        SafeText.requireSafe("Public key", input);
        String text = input.strip();
        if (AUTH_PRIVATE_LINE.matcher(text).matches()) {
            throw new ValidationException("This is a client's private credential (an .auth_private line), not a public"
                    + " key. It must stay with the client: ask the client for its public key instead");
        }
        if (text.regionMatches(true, 0, LINE_PREFIX, 0, LINE_PREFIX.length())) {
            text = text.substring(LINE_PREFIX.length());
        }
        return requireKey("Public key", text);
    }

    private static String requireKey(String what, String input) {
        String text = input.strip();
        while (text.endsWith("=")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
            throw new ValidationException(what + " is empty: paste the client's x25519 key (" + BASE32_LENGTH
                    + " base32 characters)");
        }
        String upper = text.toUpperCase(Locale.ROOT);
        for (int i = 0; i < upper.length(); i++) {
            char c = upper.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'))) {
                throw new ValidationException(what + " is not base32: character " + (i + 1) + " is "
                        + (Character.isWhitespace(c) ? "a space" : "'" + c + "'") + "; base32 uses only A–Z and 2–7");
            }
        }
        if (upper.length() != BASE32_LENGTH) {
            throw new ValidationException(what + " has " + upper.length() + " characters; an x25519 key in base32 has "
                    + BASE32_LENGTH);
        }
        byte[] raw = decode(upper);
        try {
            if (!encode(raw).equals(upper)) {
                throw new ValidationException(what + " is not a valid base32 encoding of 32 bytes (its last character"
                        + " is wrong): check that it was copied completely");
            }
            boolean allZero = true;
            for (byte b : raw) {
                allZero &= b == 0;
            }
            if (allZero) {
                throw new ValidationException(what + " is all zeros, which is not a usable x25519 key");
            }
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
        return upper;
    }

    /** What the panel shows for a key: its first 8 characters and an ellipsis. */
    public static String fingerprint(String publicKey) {
        return publicKey == null || publicKey.length() < 8 ? "?" : publicKey.substring(0, 8) + "…";
    }

    /** The one line of an {@code authorized_clients/<name>.auth} file, without the line break. */
    public static String authLine(String publicKey) {
        return LINE_PREFIX + publicKey;
    }
}
