package io.onionpanel.auth;

import io.onionpanel.common.SafeText;
import io.onionpanel.common.ValidationException;
import io.onionpanel.onion.ServiceValidation;

/**
 * Client names become file names ({@code authorized_clients/<name>.auth}, {@code client-keys/<service>/<name>
 * .auth_private}), so they follow the service-name rules; notes are free text that must stay on one line.
 */
public final class ClientValidation {
    public static final int MAX_NOTE_LENGTH = 200;

    private ClientValidation() {
    }

    public static String requireName(String name) {
        try {
            ServiceValidation.requireName(name);
        } catch (ValidationException e) {
            // The same rules as service names, said about a client.
            throw new ValidationException(e.getMessage().replaceFirst("^Service name", "Client name"));
        }
        return name;
    }

    /** Returns the note trimmed; null means no note. */
    public static String requireNote(String note) {
        if (note == null) {
            return "";
        }
        SafeText.requireSafe("Note", note);
        String trimmed = note.strip();
        if (trimmed.length() > MAX_NOTE_LENGTH) {
            throw new ValidationException("Note is " + trimmed.length() + " characters long; keep it under "
                    + MAX_NOTE_LENGTH);
        }
        return trimmed;
    }
}
