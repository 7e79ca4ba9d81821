package io.onionpanel.probe;

import io.onionpanel.common.SafeText;
import io.onionpanel.common.ValidationException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What the tester sends: method, path (with query), headers, body. The host is the service's address. */
public record ProbeRequest(String method, String path, List<ProbeHeader> headers, String body) {
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    /** The OpenAI-compatible presets Routstr serves without a key. */
    public static final ProbeRequest INFO = new ProbeRequest("GET", "/v1/info", List.of(), null);
    public static final ProbeRequest MODELS = new ProbeRequest("GET", "/v1/models", List.of(), null);

    public ProbeRequest {
        method = method == null || method.isBlank() ? "GET" : method.strip().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new ValidationException("Method '" + SafeText.requireSafe("Method", method) + "' is not one of " + METHODS);
        }
        path = path == null || path.isBlank() ? "/" : path.strip();
        if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new ValidationException("The path must start with / and contain no spaces or control characters");
        }
        headers = headers == null ? List.of() : List.copyOf(headers);
        body = body == null || body.isEmpty() ? null : body;
        if (body != null && (method.equals("GET") || method.equals("HEAD"))) {
            throw new ValidationException(method + " requests carry no body; use POST, PUT or PATCH");
        }
    }

    /** The request as history keeps it: secret header values masked. */
    public ProbeRequest masked() {
        return new ProbeRequest(method, path, headers.stream().map(ProbeHeader::masked).toList(), body);
    }

    public String describe() {
        return method + " " + path;
    }
}
