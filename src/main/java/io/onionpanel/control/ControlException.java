package io.onionpanel.control;

/** A request the control API refuses, with its JSON-RPC error code and a message in words. */
public final class ControlException extends RuntimeException {
    private final int code;

    public ControlException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
