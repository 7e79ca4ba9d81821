package io.onionpanel.routstr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Routstr Core as the panel meets it, after its source (tag v0.4.5): {@code core/main.py}'s {@code /v1/info},
 * {@code core/admin.py}'s login, settings GET and PATCH with their status codes and bodies, and
 * {@code core/settings.py}'s boot: on the first boot the environment (.env) is copied into the database; on every
 * later boot the database's non-empty values win over the environment (Routstr issue #217). A PATCH changes the
 * live settings and the database at once. Admin tokens live in memory, so a restart forgets them. Before
 * {@link #boot} nothing listens on its port (a node that has never started).
 */
public final class StandInRoutstrNode implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path envFile;
    private final String adminPassword;
    private final String version;
    private final boolean adminApi;
    private final int port;
    private HttpServer server;
    /** Null until the first boot. */
    private Map<String, String> database;
    private final Map<String, String> live = new LinkedHashMap<>();
    private final Set<String> tokens = new HashSet<>();
    public final AtomicInteger logins = new AtomicInteger();
    public final AtomicInteger patches = new AtomicInteger();

    private StandInRoutstrNode(Path envFile, String adminPassword, String version, boolean adminApi) throws IOException {
        this.envFile = envFile;
        this.adminPassword = adminPassword;
        this.version = version;
        this.adminApi = adminApi;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
    }

    /** Routstr 0.4.5 reading {@code envFile}, not started yet. */
    public static StandInRoutstrNode v045(Path envFile, String adminPassword) throws IOException {
        return new StandInRoutstrNode(envFile, adminPassword, "0.4.5", true);
    }

    /** Routstr 0.1.4: settings in its database already, but no password login (its admin used a cookie). */
    public static StandInRoutstrNode v014(Path envFile) throws IOException {
        return new StandInRoutstrNode(envFile, null, "0.1.4", false);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts (or restarts) the node the way Routstr's SettingsService.initialize does. */
    public synchronized StandInRoutstrNode boot() throws IOException {
        stop();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("onion_url", EnvFile.get(envFile, "ONION_URL").orElse(""));
        env.put("tor_proxy_url", EnvFile.get(envFile, "TOR_PROXY_URL").orElse("socks5://127.0.0.1:9050"));
        live.clear();
        live.putAll(env);
        if (database == null) {
            database = new LinkedHashMap<>(env);
        } else {
            database.forEach((k, v) -> {
                if (!v.isEmpty()) {
                    live.put(k, v);
                }
            });
        }
        tokens.clear();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Admin tokens still valid: the panel logs out after its change. */
    public synchronized int openSessions() {
        return tokens.size();
    }

    public synchronized String onionUrl() {
        return live.get("onion_url");
    }

    /** What an operator would do in the dashboard: changes the running node's onion URL (live and database). */
    public synchronized void dashboardSets(String onionUrl) {
        live.put("onion_url", onionUrl);
        database.put("onion_url", onionUrl);
    }

    @Override
    public void close() {
        stop();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            synchronized (this) {
                route(x);
            }
        }
    }

    private void route(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String method = x.getRequestMethod();
        if (method.equals("GET") && path.equals("/v1/info")) {
            ObjectNode info = io.onionpanel.common.json.JsonCodec.objectNode().put("name", "ARoutstrNode").put("description", "A Routstr Node")
                    .put("version", version).put("npub", "").put("http_url", "").put("onion_url", live.get("onion_url"))
                    .put("child_key_cost_msats", 0);
            info.putArray("mints");
            respond(x, 200, info);
        } else if (adminApi && method.equals("POST") && path.equals("/admin/api/login")) {
            JsonNode body = MAPPER.readTree(x.getRequestBody());
            if (body == null || !body.path("password").isTextual()) {
                respond(x, 422, detail("Field required"));
            } else if (adminPassword == null) {
                respond(x, 500, detail("Admin password not configured"));
            } else if (!adminPassword.equals(body.get("password").asText())) {
                respond(x, 401, detail("Invalid password"));
            } else {
                logins.incrementAndGet();
                String token = UUID.randomUUID().toString();
                tokens.add(token);
                respond(x, 200, io.onionpanel.common.json.JsonCodec.objectNode().put("ok", true).put("token", token).put("expires_in", 3600));
            }
        } else if (adminApi && method.equals("POST") && path.equals("/admin/api/logout")) {
            String auth = x.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Bearer ") || !tokens.remove(auth.substring(7))) {
                respond(x, 403, detail("Unauthorized"));
            } else {
                respond(x, 200, io.onionpanel.common.json.JsonCodec.objectNode().put("ok", true));
            }
        } else if (path.equals("/admin/api/settings") && (method.equals("GET") || method.equals("PATCH"))) {
            String auth = x.getRequestHeaders().getFirst("Authorization");
            if (!adminApi) {
                // 0.1.x: the settings API exists, but wants the password as a cookie.
                respond(x, 403, detail("Unauthorized"));
                return;
            }
            if (auth == null || !auth.startsWith("Bearer ") || !tokens.contains(auth.substring(7))) {
                respond(x, 403, detail("Unauthorized"));
                return;
            }
            if (method.equals("PATCH")) {
                patches.incrementAndGet();
                MAPPER.readTree(x.getRequestBody()).fields().forEachRemaining(e -> {
                    if (live.containsKey(e.getKey())) {
                        live.put(e.getKey(), e.getValue().asText());
                    }
                });
                database = new LinkedHashMap<>(live);
            }
            respond(x, 200, settingsJson());
        } else {
            respond(x, 404, detail("Not Found"));
        }
    }

    private ObjectNode settingsJson() {
        ObjectNode s = io.onionpanel.common.json.JsonCodec.objectNode().put("upstream_base_url", "").put("upstream_api_key", "[REDACTED]")
                .put("name", "ARoutstrNode").put("description", "A Routstr Node").put("npub", "").put("http_url", "");
        live.forEach(s::put);
        return s.put("nsec", "");
    }

    private static ObjectNode detail(String d) {
        return io.onionpanel.common.json.JsonCodec.objectNode().put("detail", d);
    }

    private static void respond(HttpExchange x, int status, JsonNode json) throws IOException {
        byte[] body = MAPPER.writeValueAsBytes(json);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }
}
