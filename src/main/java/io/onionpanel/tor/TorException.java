package io.onionpanel.tor;

/** Tor could not be found, started, controlled or bootstrapped; the message says what tor last said. */
public class TorException extends Exception {
    public TorException(String message) {
        super(message);
    }

    public TorException(String message, Throwable cause) {
        super(message, cause);
    }
}
