package io.onionpanel.routstr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onionpanel.common.json.JsonCodec;
import io.onionpanel.routstr.RoutstrApiException.Kind;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * One Routstr Core node on its local address (not through tor): its public {@code /v1/info} and the admin API of
 * Routstr 0.2.0 to 0.4.5 ({@code routstr/core/admin.py}): {@code POST /admin/api/login {"password"}} answers
 * {@code {"ok","token","expires_in":3600}} or 401; {@code GET}/{@code PATCH /admin/api/settings} with
 * {@code Authorization: Bearer <token>} answer the whole settings object (403 for a bad token). Routstr 0.1.x had
 * no login (a cookie holding the password itself), so the panel does not use its admin API.
 */
public final class RoutstrNode implements AutoCloseable {
    /** What {@code /v1/info} says: {@code onion_url} raw ("" when none). */
    public record Info(String version, String onionUrl) {
    }

    private static final JsonCodec MAPPER = JsonCodec.STANDARD;
    private static final MediaType JSON = MediaType.get("application/json");
    private static final Pattern VERSION = Pattern.compile("^v?(\\d+)\\.(\\d+)");

    private final String base;
    private final OkHttpClient client;

    public RoutstrNode(String baseUrl, Duration timeout) {
        this(baseUrl, new OkHttpClient.Builder().callTimeout(timeout));
    }

    /**
     * The node at its onion URL, reached through tor's SOCKS port ({@code isolation}: tor's stream isolation): the
     * name goes to tor, never to local DNS. For reading {@code /v1/info} from another machine than the node's.
     */
    public static RoutstrNode throughTor(String onionBaseUrl, java.net.InetSocketAddress socks, String isolation,
                                         Duration timeout) {
        return new RoutstrNode(onionBaseUrl, new OkHttpClient.Builder().callTimeout(timeout)
                .socketFactory(new io.onionpanel.probe.TorSocketFactory(socks, isolation))
                .dns(io.onionpanel.probe.TorDns.INSTANCE));
    }

    private RoutstrNode(String baseUrl, OkHttpClient.Builder http) {
        this.base = baseUrl.strip().replaceAll("/+$", "");
        okhttp3.HttpUrl parsed = okhttp3.HttpUrl.parse(base);
        if (parsed == null || !parsed.encodedPath().equals("/") || parsed.query() != null) {
            throw new io.onionpanel.common.ValidationException("Not a Routstr URL: '" + baseUrl.strip() + "' (e.g."
                    + " http://127.0.0.1:8000)");
        }
        // No redirects: a login must not carry the password to wherever a 30x points.
        this.client = http.followRedirects(false).retryOnConnectionFailure(false).build();
    }

    public String baseUrl() {
        return base;
    }

    public Info info() {
        JsonNode info = call(new Request.Builder().url(url("/v1/info")).build(), "/v1/info", r -> {
            if (r.code() != 200) {
                throw unexpected("/v1/info answers HTTP " + r.code());
            }
        });
        if (!info.isObject() || !info.hasNonNull("version") || !info.has("onion_url")) {
            throw unexpected("/v1/info has no version and onion_url: this is not a Routstr Core node the panel knows");
        }
        JsonNode onion = info.get("onion_url");
        return new Info(info.get("version").asText(), onion.isNull() ? "" : onion.asText());
    }

    /** Whether a node of this version logs in with a password (0.2.0 and later); an unknown form is tried. */
    public static boolean hasPasswordLogin(String version) {
        Matcher m = VERSION.matcher(version == null ? "" : version.strip());
        if (!m.find()) {
            return true;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major > 0 || minor >= 2;
    }

    /** A bearer token valid for one hour. */
    public String login(String password) {
        ObjectNode body = JsonCodec.objectNode().put("password", password);
        Request request = new Request.Builder().url(url("/admin/api/login")).post(RequestBody.create(MAPPER.writeValueAsString(body), JSON))
                .build();
        JsonNode answer = call(request, "/admin/api/login", r -> {
            switch (r.code()) {
                case 200 -> { }
                case 401 -> throw new RoutstrApiException(Kind.WRONG_PASSWORD, "Routstr refused the admin password"
                        + " (HTTP 401): nothing was changed. Check the password file (one line, the dashboard password).");
                case 404, 405 -> throw new RoutstrApiException(Kind.NO_ADMIN_API, "Routstr at " + base + " has no admin"
                        + " login (/admin/api/login answers HTTP " + r.code() + ")");
                case 500 -> throw new RoutstrApiException(Kind.NO_ADMIN_PASSWORD, "Routstr has no admin password yet"
                        + " (HTTP 500 from the login): open its dashboard at " + base + "/admin once to set one");
                default -> throw unexpected("/admin/api/login answers HTTP " + r.code());
            }
        });
        JsonNode token = answer.get("token");
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            throw unexpected("the login answered without a token");
        }
        return token.asText();
    }

    public ObjectNode settings(String token) {
        Request request = new Request.Builder().url(url("/admin/api/settings")).header("Authorization", "Bearer " + token)
                .build();
        return settingsFrom(call(request, "/admin/api/settings", r -> settingsStatus(r.code())));
    }

    /** Changes only {@code values}; answers the settings after the change. */
    public ObjectNode patch(String token, Map<String, String> values) {
        ObjectNode body = JsonCodec.objectNode();
        values.forEach(body::put);
        Request request = new Request.Builder().url(url("/admin/api/settings")).header("Authorization", "Bearer " + token)
                .patch(RequestBody.create(MAPPER.writeValueAsString(body), JSON)).build();
        return settingsFrom(call(request, "/admin/api/settings", r -> {
            if (r.code() == 400) {
                throw new RoutstrApiException(Kind.REFUSED, "Routstr refused the new settings (HTTP 400): " + detail(r));
            }
            settingsStatus(r.code());
        }));
    }

    /** Ends the session at once rather than leaving a token valid for an hour; a failure here changes nothing. */
    public void logout(String token) {
        Request request = new Request.Builder().url(url("/admin/api/logout")).header("Authorization", "Bearer " + token)
                .post(RequestBody.create("", JSON)).build();
        try (Response r = client.newCall(request).execute()) {
            // Whatever it answers: the token expires within the hour anyway.
        } catch (IOException e) {
            // Same.
        }
    }

    private void settingsStatus(int code) {
        switch (code) {
            case 200 -> { }
            case 401, 403 -> throw new RoutstrApiException(Kind.REFUSED, "Routstr refused the admin token (HTTP " + code
                    + "; tokens live one hour): log in again");
            case 404, 405 -> throw new RoutstrApiException(Kind.NO_ADMIN_API, "Routstr at " + base + " has no settings"
                    + " API (/admin/api/settings answers HTTP " + code + ")");
            default -> throw unexpected("/admin/api/settings answers HTTP " + code);
        }
    }

    private ObjectNode settingsFrom(JsonNode settings) {
        if (!(settings instanceof ObjectNode o) || !o.has("onion_url")) {
            throw unexpected("its settings have no onion_url");
        }
        return o;
    }

    private interface StatusCheck {
        void check(Response r) throws IOException;
    }

    private JsonNode call(Request request, String what, StatusCheck status) {
        try (Response r = client.newCall(request).execute()) {
            status.check(r);
            try {
                return MAPPER.readTree(r.body().byteStream());
            } catch (IOException e) {
                throw unexpected(what + " answered something that is not JSON");
            }
        } catch (RoutstrApiException e) {
            throw e;
        } catch (IOException e) {
            // The exception's own text names the address and the cause, never the request body.
            throw new RoutstrApiException(Kind.NOT_REACHABLE, "Routstr does not answer at " + base + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
    }

    private static String detail(Response r) throws IOException {
        try {
            JsonNode d = MAPPER.readTree(r.body().byteStream()).get("detail");
            return d == null ? "no reason given" : d.isTextual() ? d.asText() : MAPPER.writeValueAsString(d);
        } catch (IOException | RuntimeException e) {
            return "no reason given";
        }
    }

    private RoutstrApiException unexpected(String what) {
        return new RoutstrApiException(Kind.UNEXPECTED_ANSWER, "Routstr at " + base + " answers, but not as the Routstr"
                + " versions the panel knows (0.2 to 0.4.5): " + what);
    }

    private String url(String path) {
        return base + path;
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
