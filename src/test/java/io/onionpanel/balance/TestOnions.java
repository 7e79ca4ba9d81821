package io.onionpanel.balance;

import io.onionpanel.onion.OnionAddress;

/** Well-formed v3 onion addresses (valid checksums) that no one serves, one for each seed. */
public final class TestOnions {
    private TestOnions() {
    }

    public static String address(int seed) {
        byte[] key = new byte[32];
        key[0] = (byte) seed;
        key[5] = 7;
        return OnionAddress.fromPublicKey(key);
    }
}
