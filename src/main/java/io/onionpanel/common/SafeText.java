package io.onionpanel.common;

/**
 * The one gate every operator-supplied string passes before it can reach torrc or the control port:
 * a newline would start a new torrc line or control command, a quote would end a quoted argument.
 */
public final class SafeText {
    private SafeText() {
    }

    /** Throws a {@link ValidationException} naming the field if {@code value} could inject a line or argument. */
    public static String requireSafe(String field, String value) {
        if (value == null) {
            throw new ValidationException(field + " is missing");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r') {
                throw new ValidationException(field + " must not contain a line break");
            }
            if (c == '"' || c == '\'') {
                throw new ValidationException(field + " must not contain quotes");
            }
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw new ValidationException(field + " must not contain control characters (found U+"
                        + String.format("%04X", (int) c) + ")");
            }
        }
        return value;
    }
}
