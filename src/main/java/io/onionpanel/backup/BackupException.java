package io.onionpanel.backup;

import io.onionpanel.common.ValidationException;

/**
 * A backup (or an export or import request) that was refused: wrong passphrase, damaged or unsafe file, keys
 * that do not match. Nothing was written when this is thrown. The message is written for the operator and
 * never contains key material.
 */
public class BackupException extends ValidationException {
    public BackupException(String message) {
        super(message);
    }
}
