package io.onionpanel.settings;

/**
 * A client allowed to reach a service under v3 client authorisation. Only the client's x25519 public key is
 * stored here; its private half is the client's (the panel keeps a copy only if the operator asks it to,
 * outside the settings and outside the service's key folder).
 *
 * @param name      the client's name; also the name of its {@code authorized_clients/<name>.auth} file
 * @param publicKey the x25519 public key, base32 (RFC 4648, upper case, 52 characters, no padding)
 * @param added     when it was added, ISO-8601 UTC (e.g. {@code 2025-01-31T12:00:00Z})
 * @param note      the operator's note, may be empty
 */
public record AuthorizedClient(String name, String publicKey, String added, String note) {
    public AuthorizedClient {
        note = note == null ? "" : note;
        added = added == null ? "" : added;
    }
}
