package io.onionpanel.common.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * A JSON value that does not fit the type asked for (or text that is not JSON). A {@link JsonProcessingException},
 * as jackson-core's parse errors are, so that one {@code catch} takes both; the message names the property's path,
 * e.g. {@code services[0].ports[1].virtual}.
 */
public final class JsonBindException extends JsonProcessingException {
    private static final long serialVersionUID = 1L;
    private final String unknownProperty;

    JsonBindException(String message) {
        super(message);
        this.unknownProperty = null;
    }

    /** A property the record does not have, refused because the codec fails on unknown properties. */
    static JsonBindException unknownProperty(String message, String property) {
        return new JsonBindException(message, property);
    }

    private JsonBindException(String message, String unknownProperty) {
        super(message);
        this.unknownProperty = unknownProperty;
    }

    JsonBindException(String message, Throwable cause) {
        super(message, cause);
        this.unknownProperty = null;
    }

    JsonBindException(String message, JsonLocation where) {
        super(message, where);
        this.unknownProperty = null;
    }

    /** The unknown property's name when that is what was refused, else null. */
    public String unknownProperty() {
        return unknownProperty;
    }
}
