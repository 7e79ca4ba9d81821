package io.onionpanel.monitor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.onionpanel.common.DaemonThreads;
import io.onionpanel.common.json.JsonCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The opt-in metrics endpoint on a loopback address: {@code GET /metrics} (Prometheus text) and
 * {@code GET /status} (JSON with the health checks). Read-only; anything else is 404 or 405.
 */
public final class MetricsServer implements AutoCloseable {
    private static final JsonCodec JSON = JsonCodec.STANDARD;
    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds (the address was checked by {@link MetricsAddress}) and serves until closed. */
    public static MetricsServer start(InetSocketAddress address, Supplier<MetricsSnapshot> snapshot) throws IOException {
        if (!address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("metrics serve on loopback only");
        }
        HttpServer server = HttpServer.create(address, 8);
        ExecutorService executor = Executors.newSingleThreadExecutor(DaemonThreads.factory("onion-panel-metrics"));
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(exchange, snapshot));
        server.start();
        return new MetricsServer(server, executor);
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void handle(HttpExchange exchange, Supplier<MetricsSnapshot> snapshot) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
                return;
            }
            switch (path) {
                case "/metrics" -> respond(exchange, 200, PrometheusText.CONTENT_TYPE, PrometheusText.render(snapshot.get()));
                case "/status" -> respond(exchange, 200, "application/json", statusJson(snapshot.get()));
                default -> respond(exchange, 404, "text/plain; charset=utf-8", "not found: try /metrics or /status\n");
            }
        } catch (RuntimeException e) {
            respond(exchange, 500, "text/plain; charset=utf-8", "internal error\n");
        }
    }

    static String statusJson(MetricsSnapshot m) {
        ObjectNode root = JsonCodec.objectNode();
        root.putObject("tor").put("up", m.torUp()).put("bootstrapPercent", m.bootstrapPercent());
        ObjectNode circuits = root.putObject("circuits");
        for (String p : SeriesKeys.CIRCUIT_PURPOSES) {
            circuits.put(p, m.circuits().getOrDefault(p, 0));
        }
        ArrayNode services = root.putArray("services");
        for (ServiceHealth h : m.health()) {
            ObjectNode s = services.addObject().put("service", h.service())
                    .put("overall", h.overall().name().toLowerCase(Locale.ROOT)).put("reason", h.reason())
                    .put("changedAt", h.changedAt() == null ? null : h.changedAt().toString());
            ArrayNode checks = s.putArray("checks");
            for (HealthCheck c : h.checks()) {
                checks.addObject().put("name", c.name()).put("level", c.level().name().toLowerCase(Locale.ROOT))
                        .put("evidence", c.evidence()).put("since", c.since() == null ? null : c.since().toString());
            }
        }
        return JSON.writeValueAsString(root);
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
