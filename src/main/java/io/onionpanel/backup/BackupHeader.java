package io.onionpanel.backup;

import java.time.Instant;

/**
 * The clear-text header of an encrypted backup: enough to tell which service a file holds without the
 * passphrase. It is authenticated (GCM associated data), so an edited header makes decryption fail, but it
 * is only trustworthy after a successful {@link BackupFile#read}.
 *
 * @param version format version from the first line
 * @param address the onion address the keys give
 * @param service the service's name when it was exported
 * @param created when the backup was made
 * @param kdf     the scrypt parameters the passphrase is stretched with
 */
public record BackupHeader(int version, String address, String service, Instant created, ScryptParams kdf) {
}
