package io.onionpanel.testnet;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** A tiny HTTP server on 127.0.0.1 standing in for Routstr Core behind an onion service. */
public final class StandInRoutstr implements AutoCloseable {

    public static final String INFO_JSON = "{\"name\":\"Stand-in Routstr\",\"description\":\"test\","
            + "\"version\":\"0.4.5\",\"npub\":\"\",\"mints\":[],\"http_url\":\"\",\"onion_url\":\"\","
            + "\"child_key_cost_msats\":0}";
    public static final String MODELS_JSON = "{\"data\":[{\"id\":\"gpt-test\",\"name\":\"Test model\","
            + "\"created\":0,\"description\":\"\",\"context_length\":4096}]}";
    public static final String NOT_FOUND_JSON = "{\"detail\":\"Not Found\"}";
    public static final String UNAUTHORIZED_JSON = "{\"detail\":\"Unauthorized\"}";
    /** The bearer key paid routes accept; the answer to POST /v1/chat/completions echoes the request body. */
    public static final String API_KEY = "sk-stand-in-key";

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean stopped;

    private StandInRoutstr(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts on a random free port. */
    public static StandInRoutstr start() throws IOException {
        return new StandInRoutstr(0);
    }

    /** Starts on the given port, e.g. to bring a stopped stand-in back where the onion service points. */
    public static StandInRoutstr start(int port) throws IOException {
        return new StandInRoutstr(port);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String hostPort() {
        return "127.0.0.1:" + port();
    }

    public int requestCount() {
        return requests.get();
    }

    public void stop() {
        if (!stopped) {
            stopped = true;
            server.stop(0);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            boolean get = "GET".equals(exchange.getRequestMethod());
            if (get && "/v1/info".equals(path)) {
                respond(exchange, 200, INFO_JSON);
            } else if (get && "/v1/models".equals(path)) {
                respond(exchange, 200, MODELS_JSON);
            } else if ("POST".equals(exchange.getRequestMethod()) && "/v1/chat/completions".equals(path)) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                boolean paid = ("Bearer " + API_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"));
                respond(exchange, paid ? 200 : 401, paid ? chatJson(body) : UNAUTHORIZED_JSON);
            } else {
                respond(exchange, 404, NOT_FOUND_JSON);
            }
        }
    }

    /** What POST /v1/chat/completions answers to an authorised request with {@code requestBody}. */
    public static String chatJson(String requestBody) {
        return "{\"object\":\"chat.completion\",\"echo\":" + requestBody + "}";
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
