package io.onionpanel.engine;

/** The engine could not start; the message is written for the operator. */
public class EngineException extends Exception {
    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
