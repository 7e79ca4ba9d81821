package io.onionpanel.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onionpanel.common.AppVersion;
import io.onionpanel.common.ValidationException;
import io.onionpanel.common.json.JsonCodec;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.onion.ServiceValidation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * The panel's encrypted backup format, version 1:
 * <pre>
 * ONION-PANEL-BACKUP 1\n
 * {"address":…,"service":…,"created":…,"app":…,"kdf":{…},"cipher":{…},"check":…,"payload":{…}}\n
 * AES-256-GCM ciphertext of the payload, then the 16-byte tag
 * </pre>
 * The two header lines, exactly as stored (newlines included), are the GCM associated data, so changing any
 * header byte makes decryption fail. The payload is the same tar.gz an unencrypted export writes
 * ({@code <name>/hostname}, {@code <name>/hs_ed25519_secret_key}, …). The key is the first 32 bytes of
 * scrypt(passphrase as NFC UTF-8, salt, N, r, p, 64 bytes); {@code check} is the first 16 bytes of
 * SHA-256(CHECK_LABEL ‖ bytes 32–63), which tells a wrong passphrase apart from a damaged file without
 * helping a guesser (the tag already lets anyone test a guess at the same cost).
 */
final class EncryptedBackup {
    static final String MAGIC = "ONION-PANEL-BACKUP";
    static final int VERSION = 1;
    static final int MAX_HEADER_BYTES = 4096;
    private static final Pattern FIRST_LINE = Pattern.compile(Pattern.quote(MAGIC) + " ([0-9]{1,6})");
    private static final String CIPHER = "AES-256-GCM";
    private static final String PAYLOAD_TYPE = "tar.gz";
    private static final byte[] CHECK_LABEL = "onion-panel-backup passphrase check".getBytes(StandardCharsets.US_ASCII);
    private static final int SALT_BYTES = 16;
    private static final int NONCE_BYTES = 12;
    private static final int CHECK_BYTES = 16;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A parsed file; nothing in it is trusted until {@link #decrypt} succeeded. */
    record Parsed(BackupHeader header, byte[] aad, byte[] salt, byte[] nonce, byte[] check, byte[] ciphertext) {
    }

    private EncryptedBackup() {
    }

    static boolean looksEncrypted(byte[] file) {
        byte[] magic = MAGIC.getBytes(StandardCharsets.US_ASCII);
        return file.length >= magic.length && Arrays.equals(file, 0, magic.length, magic, 0, magic.length);
    }

    static byte[] encrypt(byte[] payload, String address, String service, Instant created, ScryptParams kdf,
                          char[] passphrase) throws IOException {
        byte[] salt = random(SALT_BYTES);
        byte[] nonce = random(NONCE_BYTES);
        byte[] derived = derive(passphrase, salt, kdf);
        try {
            ObjectNode h = JsonCodec.objectNode();
            h.put("address", address);
            h.put("service", service);
            h.put("created", created.toString());
            h.put("app", AppVersion.get());
            ObjectNode k = h.putObject("kdf");
            k.put("name", "scrypt");
            k.put("N", kdf.n());
            k.put("r", kdf.r());
            k.put("p", kdf.p());
            k.put("salt", b64(salt));
            ObjectNode c = h.putObject("cipher");
            c.put("name", CIPHER);
            c.put("nonce", b64(nonce));
            h.put("check", b64(check(derived)));
            ObjectNode p = h.putObject("payload");
            p.put("type", PAYLOAD_TYPE);
            p.put("length", payload.length + TAG_BITS / 8);
            byte[] aad = (MAGIC + " " + VERSION + "\n" + ServiceKeys.JSON.writeValueAsString(h) + "\n")
                    .getBytes(StandardCharsets.UTF_8);

            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, derived, nonce);
            cipher.updateAAD(aad);
            byte[] ciphertext = cipher.doFinal(payload);
            byte[] out = Arrays.copyOf(aad, aad.length + ciphertext.length);
            System.arraycopy(ciphertext, 0, out, aad.length, ciphertext.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is part of every Java runtime", e);
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    /** Reads and checks the header without the passphrase. */
    static Parsed parse(byte[] file) {
        int end1 = indexOf(file, (byte) '\n', 0, 64);
        if (end1 < 0) {
            throw new BackupException(file.length < 64 ? "The backup is truncated (it ends inside its first line)"
                    : "The backup's first line is damaged");
        }
        Matcher m = FIRST_LINE.matcher(new String(file, 0, end1, StandardCharsets.US_ASCII));
        if (!m.matches()) {
            throw new BackupException("The backup's first line is damaged: expected '" + MAGIC + " <version>'");
        }
        int version = Integer.parseInt(m.group(1));
        if (version != VERSION) {
            throw new BackupException("This backup uses format version " + version + "; this Onion Panel reads version "
                    + VERSION + " only. Import it with " + (version > VERSION ? "a newer" : "another") + " Onion Panel.");
        }
        int end2 = indexOf(file, (byte) '\n', end1 + 1, MAX_HEADER_BYTES);
        if (end2 < 0) {
            throw new BackupException(file.length - end1 - 1 < MAX_HEADER_BYTES
                    ? "The backup is truncated (it ends inside its header)" : "The backup's header is damaged (too long)");
        }
        JsonNode h;
        try {
            h = ServiceKeys.JSON.readTree(new String(file, end1 + 1, end2 - end1 - 1, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BackupException("The backup's header is damaged (not valid JSON)");
        }
        if (h == null || !h.isObject()) {
            throw new BackupException("The backup's header is damaged (not a JSON object)");
        }
        String address = text(h, "address");
        if (!OnionAddress.isValid(address) || !address.endsWith(".onion")) {
            throw new BackupException("The backup's header is damaged: 'address' is not a v3 onion address");
        }
        String service = text(h, "service");
        try {
            ServiceValidation.requireName(service);
        } catch (ValidationException e) {
            throw new BackupException("The backup's header is damaged: " + e.getMessage());
        }
        Instant created;
        try {
            created = Instant.parse(text(h, "created"));
        } catch (DateTimeParseException e) {
            throw new BackupException("The backup's header is damaged: 'created' is not a time");
        }
        JsonNode kdf = h.path("kdf");
        if (!"scrypt".equals(kdf.path("name").asText())) {
            throw new BackupException("The backup uses key derivation '" + ArchiveReader.printable(kdf.path("name").asText())
                    + "'; this version knows scrypt only");
        }
        long n = number(kdf, "N");
        if (n < 2 || Long.bitCount(n) != 1) {
            throw new BackupException("The backup's header is damaged: scrypt N must be a power of two");
        }
        ScryptParams params = new ScryptParams(Long.numberOfTrailingZeros(n), (int) number(kdf, "r"), (int) number(kdf, "p"));
        byte[] salt = bytes(kdf, "salt", 16, 64);
        JsonNode cipher = h.path("cipher");
        if (!CIPHER.equals(cipher.path("name").asText())) {
            throw new BackupException("The backup uses cipher '" + ArchiveReader.printable(cipher.path("name").asText())
                    + "'; this version knows " + CIPHER + " only");
        }
        byte[] nonce = bytes(cipher, "nonce", NONCE_BYTES, NONCE_BYTES);
        byte[] check = bytes(h, "check", CHECK_BYTES, CHECK_BYTES);
        JsonNode payload = h.path("payload");
        if (!PAYLOAD_TYPE.equals(payload.path("type").asText())) {
            throw new BackupException("The backup's payload type is not " + PAYLOAD_TYPE + "; the header is damaged");
        }
        long length = number(payload, "length");
        long actual = (long) file.length - end2 - 1;
        if (actual < length) {
            throw new BackupException("The backup is truncated: " + actual + " of " + length + " bytes of encrypted data are there");
        }
        if (actual > length) {
            throw new BackupException("The backup is damaged: " + (actual - length) + " unexpected bytes after the encrypted data");
        }
        if (length < TAG_BITS / 8) {
            throw new BackupException("The backup's header is damaged: the encrypted data is too short");
        }
        return new Parsed(new BackupHeader(version, address, service, created, params),
                Arrays.copyOf(file, end2 + 1), salt, nonce, check, Arrays.copyOfRange(file, end2 + 1, file.length));
    }

    /** The payload; refuses a wrong passphrase, and any change to the header or the ciphertext. */
    static byte[] decrypt(Parsed parsed, char[] passphrase) throws IOException {
        byte[] derived = derive(passphrase, parsed.salt(), parsed.header().kdf());
        try {
            if (!MessageDigest.isEqual(check(derived), parsed.check())) {
                throw new BackupException("Wrong passphrase");
            }
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, derived, parsed.nonce());
            cipher.updateAAD(parsed.aad());
            return cipher.doFinal(parsed.ciphertext());
        } catch (AEADBadTagException e) {
            throw new BackupException("The backup was changed or damaged: its header or encrypted data fails"
                    + " authentication (the passphrase is right)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is part of every Java runtime", e);
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    private static byte[] derive(char[] passphrase, byte[] salt, ScryptParams kdf) throws IOException {
        byte[] secret = utf8(passphrase);
        try {
            return SCrypt.generate(secret, salt, kdf.n(), kdf.r(), kdf.p(), 64);
        } catch (OutOfMemoryError e) {
            throw new IOException("Not enough memory for the passphrase key derivation (" + kdf + " needs "
                    + (kdf.memoryBytes() >> 20) + " MiB); give Java more, e.g. -Xmx512m");
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** The passphrase as NFC UTF-8, so the same passphrase typed on another OS gives the same key. */
    static byte[] utf8(char[] passphrase) {
        if (passphrase == null || passphrase.length == 0) {
            throw new BackupException("The passphrase is empty");
        }
        CharBuffer chars = CharBuffer.wrap(passphrase);
        if (!Normalizer.isNormalized(chars, Normalizer.Form.NFC)) {
            // Rare (decomposed accents); the normalised copy is a String that cannot be wiped.
            chars = CharBuffer.wrap(Normalizer.normalize(chars, Normalizer.Form.NFC));
        }
        ByteBuffer encoded;
        try {
            encoded = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(chars);
        } catch (CharacterCodingException e) {
            throw new BackupException("The passphrase contains invalid characters");
        }
        byte[] out = new byte[encoded.remaining()];
        encoded.get(out);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return out;
    }

    private static byte[] check(byte[] derived) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(CHECK_LABEL);
            sha.update(derived, 32, 32);
            return Arrays.copyOf(sha.digest(), CHECK_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static Cipher cipher(int mode, byte[] derived, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(derived, 0, 32, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        return cipher;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new BackupException("The backup's header is damaged: '" + field + "' is missing");
        }
        return v.asText();
    }

    private static long number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber()) {
            throw new BackupException("The backup's header is damaged: '" + field + "' is not a number");
        }
        return v.asLong();
    }

    private static byte[] bytes(JsonNode node, String field, int min, int max) {
        byte[] b;
        try {
            b = Base64.getDecoder().decode(text(node, field));
        } catch (IllegalArgumentException e) {
            throw new BackupException("The backup's header is damaged: '" + field + "' is not base64");
        }
        if (b.length < min || b.length > max) {
            throw new BackupException("The backup's header is damaged: '" + field + "' has the wrong length");
        }
        return b;
    }

    private static int indexOf(byte[] data, byte b, int from, int maxDistance) {
        int end = (int) Math.min(data.length, (long) from + maxDistance);
        for (int i = from; i < end; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
