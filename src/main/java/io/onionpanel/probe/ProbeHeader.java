package io.onionpanel.probe;

import io.onionpanel.common.ValidationException;

/**
 * One request header. A secret header (an API key, {@code Authorization: Bearer …}) is sent as is but
 * shown and stored only masked.
 */
public record ProbeHeader(String name, String value, boolean secret) {
    public static final String MASK = "••••••";

    public ProbeHeader {
        if (name == null || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            throw new ValidationException("Header name '" + (name == null ? "" : name.replaceAll("\\p{Cntrl}", "?"))
                + "' is not a valid HTTP header name");
        }
        value = value == null ? "" : value.strip();
        // Quotes are legal in header values; a line break would smuggle a second header or request.
        if (value.chars().anyMatch(c -> c != '\t' && (Character.isISOControl(c) || c == 0x2028 || c == 0x2029))) {
            throw new ValidationException("Header " + name + " must not contain line breaks or control characters");
        }
    }

    /** Parses {@code Name: value} (the CLI's --header K:V). */
    public static ProbeHeader parse(String text, boolean secret) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0) {
            throw new ValidationException("A header is written NAME:VALUE, e.g. 'Authorization: Bearer sk-…'");
        }
        return new ProbeHeader(text.substring(0, colon).strip(), text.substring(colon + 1), secret);
    }

    /** What the window, the history and the logs show: the value only when it is not secret. */
    public String shownValue() {
        return secret ? MASK : value;
    }

    /** The same header with its secret value replaced by the mask: the only form history keeps. */
    public ProbeHeader masked() {
        return secret ? new ProbeHeader(name, MASK, true) : this;
    }
}
