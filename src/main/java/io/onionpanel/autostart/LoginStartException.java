package io.onionpanel.autostart;

/** Start at login could not be changed (systemctl refused, a file could not be written); the message says what. */
public final class LoginStartException extends RuntimeException {
    public LoginStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
