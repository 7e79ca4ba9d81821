package io.onionpanel.onion;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * {@code a·B} on edwards25519 for a raw 32-byte scalar, as tor computes an onion service's public key from the
 * expanded secret key ({@code ed25519_donna_pubkey}: the 256-bit little-endian value, reduced mod the group
 * order, times the base point). BouncyCastle 1.78.1 does this only behind a private method
 * ({@code Ed25519.scalarMultBaseEncoded}); its public API accepts only a seed that it hashes first. So the
 * point arithmetic is done here on BouncyCastle's constant-time field ({@link X25519Field}).
 *
 * <p>A Montgomery ladder over all 256 bits with the complete (unified) twisted Edwards addition: the same
 * sequence of field operations for every scalar, no secret-dependent branches or table look-ups. Walking all
 * 256 bits computes {@code a·B} for the whole integer, which equals {@code (a mod l)·B} because B has order l,
 * so no reduction is needed and unclamped scalars come out exactly as tor's.
 */
final class Edwards25519 {
    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    /** d = -121665/121666 mod p. */
    private static final BigInteger D = BigInteger.valueOf(-121665)
            .multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    /** The base point of RFC 8032 §5.1: y = 4/5, x even. */
    static final BigInteger BASE_X = new BigInteger(
            "15112221349535400772501151409588531511454012693041857206046113283949847762202");
    static final BigInteger BASE_Y = BigInteger.valueOf(4).multiply(BigInteger.valueOf(5).modInverse(P)).mod(P);

    private static final int[] TWO_D = field(D.shiftLeft(1).mod(P));
    private static final int[] BX = field(BASE_X);
    private static final int[] BY = field(BASE_Y);
    private static final int[] BT = field(BASE_X.multiply(BASE_Y).mod(P));

    static {
        // -x² + y² = 1 + d·x²·y²: guards the constants above against a typo.
        BigInteger x2 = BASE_X.pow(2).mod(P);
        BigInteger y2 = BASE_Y.pow(2).mod(P);
        if (!y2.subtract(x2).mod(P).equals(BigInteger.ONE.add(D.multiply(x2).multiply(y2)).mod(P))) {
            throw new IllegalStateException("edwards25519 base point is not on the curve");
        }
    }

    private Edwards25519() {
    }

    /** The encoded point {@code scalar·B} (32 bytes: y little-endian, sign of x in the top bit). */
    static byte[] scalarMultBase(byte[] scalar) {
        if (scalar.length != 32) {
            throw new IllegalArgumentException("an ed25519 scalar has 32 bytes");
        }
        Point r0 = Point.neutral();
        Point r1 = Point.base();
        Point tmp = new Point();
        for (int i = 255; i >= 0; i--) {
            int bit = (scalar[i >>> 3] >>> (i & 7)) & 1;
            r0.cswap(bit, r1);
            add(r0, r1, r1, tmp);
            add(r0, r0, r0, tmp);
            r0.cswap(bit, r1);
        }
        byte[] encoded = encode(r0);
        r0.clear();
        r1.clear();
        tmp.clear();
        return encoded;
    }

    /**
     * out = p + q in extended coordinates (add-2008-hwcd-3 for a = -1; complete on edwards25519, so it also
     * doubles). {@code out} may be {@code p} or {@code q}.
     */
    private static void add(Point p, Point q, Point out, Point t) {
        int[] a = t.x;
        int[] b = t.y;
        int[] c = t.z;
        int[] d = t.t;
        int[] e = X25519Field.create();
        int[] f = X25519Field.create();
        int[] g = X25519Field.create();
        int[] h = X25519Field.create();

        sub(p.y, p.x, e);
        sub(q.y, q.x, f);
        X25519Field.mul(e, f, a);          // A = (Y1-X1)(Y2-X2)
        sum(p.y, p.x, e);
        sum(q.y, q.x, f);
        X25519Field.mul(e, f, b);          // B = (Y1+X1)(Y2+X2)
        X25519Field.mul(p.t, TWO_D, c);
        X25519Field.mul(c, q.t, c);        // C = T1·2d·T2
        X25519Field.mul(p.z, q.z, d);
        sum(d, d, d);                      // D = 2·Z1·Z2
        sub(b, a, e);                      // E = B - A
        sub(d, c, f);                      // F = D - C
        sum(d, c, g);                      // G = D + C
        sum(b, a, h);                      // H = B + A
        X25519Field.mul(e, f, out.x);      // X3 = E·F
        X25519Field.mul(g, h, out.y);      // Y3 = G·H
        X25519Field.mul(e, h, out.t);      // T3 = E·H
        X25519Field.mul(f, g, out.z);      // Z3 = F·G
        Arrays.fill(e, 0);
        Arrays.fill(f, 0);
        Arrays.fill(g, 0);
        Arrays.fill(h, 0);
    }

    private static void sum(int[] x, int[] y, int[] z) {
        X25519Field.add(x, y, z);
        X25519Field.carry(z);
    }

    private static void sub(int[] x, int[] y, int[] z) {
        X25519Field.sub(x, y, z);
        X25519Field.carry(z);
    }

    private static byte[] encode(Point p) {
        int[] zInv = X25519Field.create();
        int[] x = X25519Field.create();
        int[] y = X25519Field.create();
        X25519Field.inv(p.z, zInv);
        X25519Field.mul(p.x, zInv, x);
        X25519Field.mul(p.y, zInv, y);
        X25519Field.normalize(x);
        X25519Field.normalize(y);
        byte[] out = new byte[32];
        X25519Field.encode(y, out, 0);
        out[31] |= (byte) ((x[0] & 1) << 7);
        Arrays.fill(zInv, 0);
        Arrays.fill(x, 0);
        Arrays.fill(y, 0);
        return out;
    }

    private static int[] field(BigInteger value) {
        byte[] be = value.toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
            le[i] = be[be.length - 1 - i];
        }
        int[] z = X25519Field.create();
        X25519Field.decode(le, 0, z);
        return z;
    }

    /** Extended coordinates: x = X/Z, y = Y/Z, T = X·Y/Z. */
    private static final class Point {
        final int[] x = X25519Field.create();
        final int[] y = X25519Field.create();
        final int[] z = X25519Field.create();
        final int[] t = X25519Field.create();

        static Point neutral() {
            Point p = new Point();
            X25519Field.one(p.y);
            X25519Field.one(p.z);
            return p;
        }

        static Point base() {
            Point p = new Point();
            X25519Field.copy(BX, 0, p.x, 0);
            X25519Field.copy(BY, 0, p.y, 0);
            X25519Field.one(p.z);
            X25519Field.copy(BT, 0, p.t, 0);
            return p;
        }

        void cswap(int swap, Point other) {
            X25519Field.cswap(swap, x, other.x);
            X25519Field.cswap(swap, y, other.y);
            X25519Field.cswap(swap, z, other.z);
            X25519Field.cswap(swap, t, other.t);
        }

        void clear() {
            Arrays.fill(x, 0);
            Arrays.fill(y, 0);
            Arrays.fill(z, 0);
            Arrays.fill(t, 0);
        }
    }
}
