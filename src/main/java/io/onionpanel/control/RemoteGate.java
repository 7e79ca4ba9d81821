package io.onionpanel.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate of one remote session. Its first request must be {@code hello} with {@code {"desktop": NAME, "token":
 * TOKEN}}: the token is checked against the hash kept for that paired desktop, and binds the session to that name
 * (a wrong or missing one ends the session after the answer). Then each request must be in {@link RemoteMethods},
 * within the session's rate, and the desktop still paired; logged ones are logged with the desktop's name (never
 * the parameters: a passphrase, a backup).
 */
final class RemoteGate implements SessionGate {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteGate.class);
    /** JSON-RPC's "server error" range: the request was understood and refused. */
    static final int UNAUTHORISED = -32001;
    static final int NOT_ALLOWED = -32002;
    static final int RATE_LIMITED = -32003;
    /** A window's steady use is a few requests a second (charts every second, status); bursts at attach. */
    static final double RATE_PER_SECOND = 20;
    static final double BURST = 60;

    private final Function<String, String> tokenHashOf;
    private final TokenBucket bucket;
    private volatile String desktop;
    private volatile boolean open = true;

    /** {@code tokenHashOf}: a paired desktop's name → its token's SHA-256, null when not (or no longer) paired. */
    RemoteGate(Function<String, String> tokenHashOf, TokenBucket bucket) {
        this.tokenHashOf = tokenHashOf;
        this.bucket = bucket;
    }

    /** The desktop this session authenticated as; null before {@code hello}. */
    String desktop() {
        return desktop;
    }

    @Override
    public boolean keepOpen() {
        return open;
    }

    @Override
    public Object admit(String method, JsonNode params) {
        if (!bucket.tryTake()) {
            throw new ControlException(RATE_LIMITED, "Too many requests: at most " + (int) RATE_PER_SECOND + " a second");
        }
        String name = desktop;
        if (name == null) {
            return hello(method, params);
        }
        if (tokenHashOf.apply(name) == null) {
            open = false;
            throw new ControlException(UNAUTHORISED, "This desktop's pairing was revoked");
        }
        if (method.equals("hello")) {
            return Map.of("protocol", ControlProtocol.NAME, "version", ControlProtocol.VERSION, "desktop", name);
        }
        if (!RemoteMethods.allowed(method)) {
            throw new ControlException(NOT_ALLOWED, "'" + method + "' is not available through remote access");
        }
        if (RemoteMethods.logged(method)) {
            LOG.info("Remote desktop '{}' called {}", name, method);
        }
        return null;
    }

    private Object hello(String method, JsonNode params) {
        if (!method.equals("hello")) {
            open = false;
            throw new ControlException(UNAUTHORISED, "Say hello with your desktop name and token first");
        }
        JsonNode name = params.path("desktop");
        JsonNode token = params.path("token");
        String hash = name.isTextual() && name.asText().length() <= 64 ? tokenHashOf.apply(name.asText()) : null;
        if (hash == null || !token.isTextual() || !RemoteToken.matches(token.asText(), hash)) {
            open = false;
            // Neither the token nor the name given: the name is the caller's text, and a token typed by mistake
            // into the name would end up in the log.
            LOG.warn("Remote access: refused a connection (unknown desktop or wrong token)");
            throw new ControlException(UNAUTHORISED, "Unknown desktop or wrong token: pair this desktop again");
        }
        desktop = name.asText();
        LOG.info("Remote desktop '{}' connected", desktop);
        return Map.of("protocol", ControlProtocol.NAME, "version", ControlProtocol.VERSION, "desktop", desktop);
    }
}
