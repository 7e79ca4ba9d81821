package io.onionpanel.onion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.util.encoders.Base32;

/** v3 onion addresses: base32(PUBKEY | CHECKSUM | VERSION) + ".onion" (rend-spec-v3 §6). */
public final class OnionAddress {
    public static final int LENGTH = 56;
    private static final byte VERSION = 3;

    private OnionAddress() {
    }

    /**
     * The address without its ".onion" suffix, as tor writes it in control events (HS_DESC, REND_QUERY); the
     * case is kept, since tor's own spelling is lower case already.
     */
    public static String bare(String onion) {
        return onion.endsWith(".onion") ? onion.substring(0, onion.length() - ".onion".length()) : onion;
    }

    /** The address tor derives for an ed25519 public key, with the ".onion" suffix. */
    public static String fromPublicKey(byte[] publicKey) {
        if (publicKey.length != 32) {
            throw new IllegalArgumentException("an ed25519 public key has 32 bytes");
        }
        byte[] raw = new byte[35];
        System.arraycopy(publicKey, 0, raw, 0, 32);
        System.arraycopy(checksum(publicKey), 0, raw, 32, 2);
        raw[34] = VERSION;
        return Base32.toBase32String(raw).toLowerCase(Locale.ROOT) + ".onion";
    }

    /** True for a well-formed v3 address (with or without ".onion") whose checksum and version are right. */
    public static boolean isValid(String address) {
        return publicKeyOf(address).isPresent();
    }

    public static Optional<byte[]> publicKeyOf(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String a = bare(address.toLowerCase(Locale.ROOT));
        if (a.length() != LENGTH || !a.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'))) {
            return Optional.empty();
        }
        byte[] raw = Base32.decode(a.toUpperCase(Locale.ROOT));
        byte[] key = Arrays.copyOf(raw, 32);
        byte[] sum = checksum(key);
        if (raw[34] != VERSION || raw[32] != sum[0] || raw[33] != sum[1]) {
            return Optional.empty();
        }
        return Optional.of(key);
    }

    /** Reads the {@code hostname} file tor writes in a HiddenServiceDir; empty when it is not there yet. */
    public static Optional<String> readHostname(Path serviceDir) {
        try {
            String text = Files.readString(serviceDir.resolve("hostname"), StandardCharsets.US_ASCII).trim();
            return isValid(text) ? Optional.of(text) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static byte[] checksum(byte[] publicKey) {
        return Arrays.copyOf(Digests.sha3(".onion checksum".getBytes(StandardCharsets.US_ASCII), publicKey,
                new byte[] {VERSION}), 2);
    }
}
