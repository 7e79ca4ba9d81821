package io.onionpanel.tor;

/** A tor the panel will not run on the real network (too old); refused input, not a failure of tor. */
public final class UnsupportedTorException extends TorException {
    public UnsupportedTorException(String message) {
        super(message);
    }
}
