package io.onionpanel.onion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.backup.RealTor;
import io.onionpanel.common.ValidationException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

/** secret key → public key → address, checked against key folders written by a real tor. */
class KeyDerivationTest {

    @Test
    void publicKeyAndAddressDeriveFromTheSecretKeyTorWrote() throws Exception {
        List<Path> folders = RealTor.sharedFolders();
        for (Path dir : folders) {
            byte[] secret = Files.readAllBytes(dir.resolve("hs_ed25519_secret_key"));
            byte[] publicFile = Files.readAllBytes(dir.resolve("hs_ed25519_public_key"));
            String hostname = Files.readString(dir.resolve("hostname"), StandardCharsets.US_ASCII);

            byte[] derived = OnionKeys.publicKeyFromSecretKeyFile(secret);
            assertArrayEquals(OnionKeys.parsePublicKeyFile(publicFile), derived, "public key of " + dir);
            assertArrayEquals(publicFile, OnionKeys.publicKeyFile(derived), "tor's public key file, byte for byte");
            assertEquals(hostname, OnionAddress.fromPublicKey(derived) + "\n");
            assertArrayEquals(hostname.getBytes(StandardCharsets.US_ASCII), OnionKeys.hostnameFile(OnionAddress.fromPublicKey(derived)));
        }
        assertNotEquals(Files.readString(folders.get(0).resolve("hostname")), Files.readString(folders.get(1).resolve("hostname")));
    }

    @Test
    void matchesBouncyCastleForClampedScalarsFromSeeds() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] seed = new byte[32];
            random.nextBytes(seed);
            byte[] expected = new byte[32];
            Ed25519.generatePublicKey(seed, 0, expected, 0);
            // RFC 8032 key expansion, as tor stores it: SHA-512(seed), first half clamped.
            byte[] scalar = Arrays.copyOf(MessageDigest.getInstance("SHA-512").digest(seed), 32);
            scalar[0] &= (byte) 248;
            scalar[31] &= 127;
            scalar[31] |= 64;
            assertArrayEquals(expected, Edwards25519.scalarMultBase(scalar), "seed #" + i);
        }
    }

    /** tor (ed25519-donna) reduces the whole 256-bit value mod l: so must we, for unclamped scalars too. */
    @Test
    void matchesAReferenceImplementationForAnyScalar() {
        Random random = new Random(7);
        for (int i = 0; i < 40; i++) {
            byte[] scalar = new byte[32];
            random.nextBytes(scalar);
            if (i == 0) {
                Arrays.fill(scalar, (byte) 0xff);
            }
            assertArrayEquals(Reference.scalarMultBase(scalar), Edwards25519.scalarMultBase(scalar), "scalar #" + i);
        }
        // a and a + l give the same point.
        byte[] a = new byte[32];
        a[0] = 9;
        BigInteger plusL = BigInteger.valueOf(9).add(Reference.L);
        assertArrayEquals(Edwards25519.scalarMultBase(a), Edwards25519.scalarMultBase(Reference.littleEndian(plusL)));
        // 0·B is the neutral element (0, 1).
        byte[] one = new byte[32];
        one[0] = 1;
        assertArrayEquals(one, Edwards25519.scalarMultBase(new byte[32]));
    }

    @Test
    void keyFilesWithTheWrongSizeOrTagAreRefused() throws Exception {
        byte[] secret = Files.readAllBytes(RealTor.sharedFolders().get(0).resolve("hs_ed25519_secret_key"));
        assertThrows(ValidationException.class, () -> OnionKeys.requireSecretKeyFile(Arrays.copyOf(secret, 95)));
        byte[] wrongTag = secret.clone();
        wrongTag[14] = 'X';
        var e = assertThrows(ValidationException.class, () -> OnionKeys.requireSecretKeyFile(wrongTag));
        assertTrue(e.getMessage().contains("without that tag"), e.getMessage());
        byte[] publicFile = Files.readAllBytes(RealTor.sharedFolders().get(0).resolve("hs_ed25519_public_key"));
        assertThrows(ValidationException.class, () -> OnionKeys.parsePublicKeyFile(secret));
        assertThrows(ValidationException.class, () -> OnionKeys.parsePublicKeyFile(Arrays.copyOf(publicFile, 63)));
    }

    /** Affine edwards25519 with BigInteger: slow and plainly written, an independent check. */
    static final class Reference {
        static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
        static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
        static final BigInteger D = BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);

        static byte[] scalarMultBase(byte[] scalar) {
            BigInteger k = new BigInteger(1, reverse(scalar)).mod(L);
            BigInteger[] r = {BigInteger.ZERO, BigInteger.ONE};
            BigInteger[] b = {Edwards25519.BASE_X, Edwards25519.BASE_Y};
            for (int i = k.bitLength() - 1; i >= 0; i--) {
                r = add(r, r);
                if (k.testBit(i)) {
                    r = add(r, b);
                }
            }
            byte[] out = littleEndian(r[1]);
            if (r[0].testBit(0)) {
                out[31] |= (byte) 0x80;
            }
            return out;
        }

        static BigInteger[] add(BigInteger[] p, BigInteger[] q) {
            BigInteger dxy = D.multiply(p[0]).multiply(q[0]).multiply(p[1]).multiply(q[1]).mod(P);
            BigInteger x = p[0].multiply(q[1]).add(q[0].multiply(p[1]))
                    .multiply(BigInteger.ONE.add(dxy).modInverse(P)).mod(P);
            BigInteger y = p[1].multiply(q[1]).add(p[0].multiply(q[0]))
                    .multiply(BigInteger.ONE.subtract(dxy).mod(P).modInverse(P)).mod(P);
            return new BigInteger[]{x, y};
        }

        static byte[] littleEndian(BigInteger v) {
            byte[] be = v.toByteArray();
            byte[] le = new byte[32];
            for (int i = 0; i < 32 && i < be.length; i++) {
                le[i] = be[be.length - 1 - i];
            }
            return le;
        }

        static byte[] reverse(byte[] b) {
            byte[] r = new byte[b.length];
            for (int i = 0; i < b.length; i++) {
                r[i] = b[b.length - 1 - i];
            }
            return r;
        }
    }
}
