package io.onionpanel.common;

/** Operator input that was refused; the message is written for the operator and is safe to show. */
public class ValidationException extends RuntimeException {
    public ValidationException(String message) {
        super(message);
    }
}
