package io.onionpanel.settings;

/** settings.json could not be read or written; the message says which file and what to do. */
public class SettingsException extends RuntimeException {
    public SettingsException(String message) {
        super(message);
    }

    public SettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
