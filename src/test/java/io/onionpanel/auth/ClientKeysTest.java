package io.onionpanel.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.common.ValidationException;
import io.onionpanel.onion.OnionAddress;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.XECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.KeyAgreement;
import org.bouncycastle.util.encoders.Base32;
import org.junit.jupiter.api.Test;

class ClientKeysTest {
    private static final Pattern BASE32_KEY = Pattern.compile("[A-Z2-7]{52}");

    static String someAddress() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return OnionAddress.fromPublicKey(key);
    }

    @Test
    void generatedKeysAre52Base32CharactersAndBelongTogether() throws Exception {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            ClientKeyPair pair = ClientKeys.generate();
            assertTrue(BASE32_KEY.matcher(pair.publicKey()).matches(), pair.publicKey());
            assertTrue(BASE32_KEY.matcher(pair.privateKey()).matches());
            assertEquals(pair.publicKey(), ClientKeys.publicKeyOf(pair.privateKey()), "BouncyCastle derives the JDK's public key");
            assertEquals(pair.publicKey(), ClientKeys.requirePublicKey(pair.publicKey()));
            assertTrue(seen.add(pair.publicKey()) && seen.add(pair.privateKey()));
        }
    }

    @Test
    void keysAgreeAsX25519WithTheJdk() throws Exception {
        // A second party's DH with our public key gives the same secret as ours with theirs: the bytes are real x25519.
        ClientKeyPair ours = ClientKeys.generate();
        var theirs = KeyPairGenerator.getInstance("X25519").generateKeyPair();
        KeyFactory kf = KeyFactory.getInstance("X25519");
        var ourPrivate = kf.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, ClientKeys.decode(ours.privateKey())));
        byte[] theirRaw = Arrays.copyOfRange(theirs.getPublic().getEncoded(), 12, 44);
        PublicKey theirPublic = publicKey(kf, theirRaw);
        PublicKey ourPublic = publicKey(kf, ClientKeys.decode(ours.publicKey()));
        KeyAgreement a = KeyAgreement.getInstance("X25519");
        a.init(ourPrivate);
        a.doPhase(theirPublic, true);
        KeyAgreement b = KeyAgreement.getInstance("X25519");
        b.init(theirs.getPrivate());
        b.doPhase(ourPublic, true);
        assertTrue(Arrays.equals(a.generateSecret(), b.generateSecret()));
        assertEquals(32, ((XECPrivateKey) ourPrivate).getScalar().orElseThrow().length);
    }

    private static PublicKey publicKey(KeyFactory kf, byte[] raw) throws Exception {
        byte[] x509 = new byte[44];
        byte[] header = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00};
        System.arraycopy(header, 0, x509, 0, 12);
        System.arraycopy(raw, 0, x509, 12, 32);
        return kf.generatePublic(new java.security.spec.X509EncodedKeySpec(x509));
    }

    @Test
    void acceptsTheFormsOperatorsPaste() {
        String key = ClientKeys.generate().publicKey();
        assertEquals(key, ClientKeys.requirePublicKey(key.toLowerCase(Locale.ROOT)));
        assertEquals(key, ClientKeys.requirePublicKey("  " + key + "\t".strip() + " "));
        assertEquals(key, ClientKeys.requirePublicKey(Base32.toBase32String(ClientKeys.decode(key))), "with '=' padding");
        assertEquals(key, ClientKeys.requirePublicKey("descriptor:x25519:" + key));
        assertEquals(key, ClientKeys.requirePublicKey("DESCRIPTOR:X25519:" + key.toLowerCase(Locale.ROOT)));
    }

    @Test
    void refusedKeysGetClearMessagesThatNeverRepeatTheKey() {
        String key = ClientKeys.generate().publicKey();
        record Case(String input, String message) {
        }
        // 52 characters carry 260 bits for 256: the last character's low 4 bits must be 0 (only A or Q are valid).
        String lastWrong = key.substring(0, 51) + "B";
        for (Case c : new Case[]{
                new Case("", "Public key is empty"),
                new Case(key.substring(0, 51), "Public key has 51 characters; an x25519 key in base32 has 52"),
                new Case(key + "A", "has 53 characters"),
                new Case(key.substring(0, 10) + "1" + key.substring(11), "not base32: character 11 is '1'"),
                new Case(key.substring(0, 10) + " " + key.substring(11), "character 11 is a space"),
                new Case(key.substring(0, 4) + "é" + key.substring(5), "character 5 is 'É'"),
                new Case(lastWrong, "its last character is wrong"),
                new Case("A".repeat(52), "all zeros"),
                new Case(key + "\n", "line break"),
                new Case(key.substring(0, 30) + "\"", "quotes"),
                new Case(someAddress().replace(".onion", "") + ":descriptor:x25519:" + ClientKeys.generate().privateKey(),
                        "private credential")}) {
            ValidationException e = assertThrows(ValidationException.class, () -> ClientKeys.requirePublicKey(c.input()), c.input());
            assertTrue(e.getMessage().contains(c.message()), c + " → " + e.getMessage());
            if (c.input().length() > 20) {
                assertFalse(e.getMessage().contains(c.input().strip().substring(0, 20)), "message repeats the input: " + e.getMessage());
            }
        }
    }

    @Test
    void credentialFormsMatchTor() throws Exception {
        ClientKeyPair pair = ClientKeys.generate();
        String onion = someAddress();
        String bare = onion.substring(0, 56);
        ClientCredential c = new ClientCredential("alice", onion, pair.privateKey());
        assertEquals(bare + ":descriptor:x25519:" + pair.privateKey(), c.authPrivateLine());
        assertEquals(bare + ".auth_private", c.fileName());
        assertEquals(pair.privateKey(), c.privateKey());
        assertEquals(pair.publicKey(), c.publicKey());
        assertEquals(onion, c.onionAddress());
        ClientCredential parsed = ClientCredential.parse("alice", c.authPrivateLine() + "\n");
        assertEquals(c.authPrivateLine(), parsed.authPrivateLine());
        assertEquals("descriptor:x25519:" + pair.publicKey(), ClientKeys.authLine(pair.publicKey()));
        assertEquals(pair.publicKey().substring(0, 8) + "…", ClientKeys.fingerprint(pair.publicKey()));
    }

    @Test
    void privateKeysStayOutOfToStringAndExceptions() {
        ClientKeyPair pair = ClientKeys.generate();
        assertFalse(pair.toString().contains(pair.privateKey()), pair.toString());
        assertTrue(pair.toString().contains(pair.publicKey()));
        ClientCredential c = new ClientCredential("alice", someAddress(), pair.privateKey());
        assertFalse(c.toString().contains(pair.privateKey()), c.toString());
        String broken = c.authPrivateLine().substring(0, c.authPrivateLine().length() - 1) + "1";
        ValidationException e = assertThrows(ValidationException.class, () -> ClientCredential.parse("alice", broken));
        assertFalse(e.getMessage().contains(pair.privateKey().substring(0, 20)), e.getMessage());
        assertNotEquals(pair.publicKey(), pair.privateKey());
    }
}
