package io.onionpanel.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.onionpanel.common.json.JsonCodec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * A method's parameters, checked before anything is done: an object (or none) with only the names the method
 * knows, each of its type and length. Texts meant for settings.json and torrc carry no control character, no
 * newline and no quote. Every refusal is -32602 and never repeats a value (it may be a passphrase).
 */
final class MethodParams {
    /** Enough for any name, port mapping, key or note the panel takes; a value longer is not one of them. */
    static final int MAX_TEXT = 512;

    private final String method;
    private final JsonNode params;

    private MethodParams(String method, JsonNode params) {
        this.method = method;
        this.params = params;
    }

    /** The parameters of {@code method}; refused when not an object or with a name not in {@code names}. */
    static MethodParams of(String method, JsonNode params, Set<String> names) {
        JsonNode p = params == null || params.isMissingNode() || params.isNull() ? JsonCodec.objectNode() : params;
        if (!p.isObject()) {
            throw refused("'" + method + "' takes an object of parameters");
        }
        p.fieldNames().forEachRemaining(name -> {
            if (!names.contains(name)) {
                throw refused("'" + method + "' has no parameter '" + printable(name) + "'");
            }
        });
        return new MethodParams(method, p);
    }

    /** A nested object's parameters, e.g. a service's {@code defenses}; empty when not given. */
    MethodParams object(String name, Set<String> names) {
        JsonNode v = params.path(name);
        if (!v.isMissingNode() && !v.isNull() && !v.isObject()) {
            throw refused("'" + name + "' must be an object");
        }
        return of(method + "." + name, v, names);
    }

    boolean has(String name) {
        JsonNode v = params.path(name);
        return !v.isMissingNode() && !v.isNull();
    }

    String requiredText(String name) {
        String t = text(name);
        if (t == null || t.isEmpty()) {
            throw refused("'" + method + "' needs '" + name + "'");
        }
        return t;
    }

    /** A text for the settings or torrc: no control characters, newlines or quotes; null when not given. */
    String text(String name) {
        String t = rawText(name, MAX_TEXT);
        if (t != null && !safe(t)) {
            throw refused("'" + name + "' has a control character, a newline or a quote");
        }
        return t;
    }

    /** A passphrase: any text but control characters; never repeated in a message. */
    char[] secret(String name) {
        String t = rawText(name, MAX_TEXT);
        if (t == null || t.isEmpty()) {
            throw refused("'" + method + "' needs '" + name + "'");
        }
        if (t.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw refused("'" + name + "' has a control character");
        }
        return t.toCharArray();
    }

    private String rawText(String name, int max) {
        if (!has(name)) {
            return null;
        }
        JsonNode v = params.get(name);
        if (!v.isTextual()) {
            throw refused("'" + name + "' must be a string");
        }
        if (v.asText().length() > max) {
            throw refused("'" + name + "' is longer than " + max + " characters");
        }
        return v.asText();
    }

    /** A list of texts (port mappings); null when not given. */
    List<String> texts(String name, int maxItems) {
        if (!has(name)) {
            return null;
        }
        JsonNode v = params.get(name);
        if (!v.isArray() || v.size() > maxItems) {
            throw refused("'" + name + "' must be a list of at most " + maxItems + " strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual() || item.asText().length() > MAX_TEXT || !safe(item.asText())) {
                throw refused("'" + name + "' must hold strings without control characters, newlines or quotes");
            }
            out.add(item.asText());
        }
        return List.copyOf(out);
    }

    Boolean bool(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode v = params.get(name);
        if (!v.isBoolean()) {
            throw refused("'" + name + "' must be true or false");
        }
        return v.asBoolean();
    }

    int integer(String name, int min, int max) {
        JsonNode v = params.path(name);
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
            throw refused("'" + name + "' must be a whole number from " + min + " to " + max);
        }
        return v.asInt();
    }

    /** Base64 bytes of at most {@code maxBytes}. */
    byte[] bytes(String name, int maxBytes) {
        String t = rawText(name, (maxBytes + 2) / 3 * 4);
        if (t == null || t.isEmpty()) {
            throw refused("'" + method + "' needs '" + name + "' (base64)");
        }
        try {
            return Base64.getDecoder().decode(t);
        } catch (IllegalArgumentException e) {
            throw refused("'" + name + "' is not base64");
        }
    }

    /** Nothing that could end a torrc line or a quoted control-port argument early. */
    private static boolean safe(String text) {
        return text.chars().noneMatch(c -> c < 0x20 || c == 0x7f || c == '"');
    }

    static ControlException refused(String message) {
        return new ControlException(ControlProtocol.INVALID_PARAMS, message);
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
