package io.onionpanel.auth;

/**
 * A generated x25519 key pair in base32. Holds a private key: {@link #toString()} never shows it, and it is
 * handed out only through {@link #privateKey()}.
 */
public final class ClientKeyPair {
    private final String publicKey;
    private final String privateKey;

    ClientKeyPair(String publicKey, String privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    public String publicKey() {
        return publicKey;
    }

    public String privateKey() {
        return privateKey;
    }

    @Override
    public String toString() {
        return "ClientKeyPair[publicKey=" + publicKey + ", privateKey=(hidden)]";
    }
}
