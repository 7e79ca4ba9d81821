package io.onionpanel.onion;

import io.onionpanel.common.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * tor's key files in a HiddenServiceDir and the derivation secret key → public key → address.
 * <ul>
 * <li>{@code hs_ed25519_secret_key}: 96 bytes, {@code "== ed25519v1-secret: type0 =="} + 3 NUL + the 64-byte
 * expanded key (32-byte scalar, then the 32-byte PRF secret).</li>
 * <li>{@code hs_ed25519_public_key}: 64 bytes, {@code "== ed25519v1-public: type0 =="} + 3 NUL + 32-byte key.</li>
 * <li>{@code hostname}: the address + {@code ".onion\n"}.</li>
 * </ul>
 */
public final class OnionKeys {
    public static final String SECRET_KEY_FILE = "hs_ed25519_secret_key";
    public static final String PUBLIC_KEY_FILE = "hs_ed25519_public_key";
    public static final String HOSTNAME_FILE = "hostname";
    public static final String CLIENTS_DIR = "authorized_clients";

    private static final byte[] SECRET_HEADER = header("== ed25519v1-secret: type0 ==");
    private static final byte[] PUBLIC_HEADER = header("== ed25519v1-public: type0 ==");
    static final int SECRET_FILE_LENGTH = 32 + 64;
    static final int PUBLIC_FILE_LENGTH = 32 + 32;

    private OnionKeys() {
    }

    /** The 32-byte public key for the content of an {@code hs_ed25519_secret_key} file. */
    public static byte[] publicKeyFromSecretKeyFile(byte[] secretKeyFile) {
        requireSecretKeyFile(secretKeyFile);
        byte[] scalar = Arrays.copyOfRange(secretKeyFile, 32, 64);
        try {
            return Edwards25519.scalarMultBase(scalar);
        } finally {
            Arrays.fill(scalar, (byte) 0);
        }
    }

    /** Checks the size and tag of an {@code hs_ed25519_secret_key} file; the message never shows key bytes. */
    public static void requireSecretKeyFile(byte[] content) {
        if (content.length != SECRET_FILE_LENGTH || !startsWith(content, SECRET_HEADER)) {
            throw new ValidationException(SECRET_KEY_FILE + " is not a tor v3 onion service secret key (expected "
                    + SECRET_FILE_LENGTH + " bytes starting with \"== ed25519v1-secret: type0 ==\", found "
                    + content.length + " bytes" + (startsWith(content, SECRET_HEADER) ? "" : " without that tag") + ")");
        }
    }

    /** The 32-byte key inside an {@code hs_ed25519_public_key} file. */
    public static byte[] parsePublicKeyFile(byte[] content) {
        if (content.length != PUBLIC_FILE_LENGTH || !startsWith(content, PUBLIC_HEADER)) {
            throw new ValidationException(PUBLIC_KEY_FILE + " is not a tor v3 onion service public key (expected "
                    + PUBLIC_FILE_LENGTH + " bytes starting with \"== ed25519v1-public: type0 ==\", found "
                    + content.length + " bytes" + (startsWith(content, PUBLIC_HEADER) ? "" : " without that tag") + ")");
        }
        return Arrays.copyOfRange(content, 32, 64);
    }

    /** An {@code hs_ed25519_secret_key} file for a 64-byte expanded key. */
    public static byte[] secretKeyFile(byte[] expandedKey) {
        if (expandedKey.length != 64) {
            throw new IllegalArgumentException("an expanded ed25519 secret key has 64 bytes");
        }
        byte[] out = Arrays.copyOf(SECRET_HEADER, SECRET_FILE_LENGTH);
        System.arraycopy(expandedKey, 0, out, 32, 64);
        return out;
    }

    public static byte[] publicKeyFile(byte[] publicKey) {
        if (publicKey.length != 32) {
            throw new IllegalArgumentException("an ed25519 public key has 32 bytes");
        }
        byte[] out = Arrays.copyOf(PUBLIC_HEADER, PUBLIC_FILE_LENGTH);
        System.arraycopy(publicKey, 0, out, 32, 32);
        return out;
    }

    public static byte[] hostnameFile(String address) {
        return (address + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The address in a {@code hostname} file: trimmed, lower case; refused when it is not a valid v3 address.
     */
    public static String parseHostname(byte[] content) {
        String text = new String(content, StandardCharsets.US_ASCII).trim().toLowerCase(java.util.Locale.ROOT);
        if (!OnionAddress.isValid(text) || !text.endsWith(".onion")) {
            throw new ValidationException(HOSTNAME_FILE + " does not hold a valid v3 onion address");
        }
        return text;
    }

    private static byte[] header(String tag) {
        byte[] t = tag.getBytes(StandardCharsets.US_ASCII);
        return Arrays.copyOf(t, 32);
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
