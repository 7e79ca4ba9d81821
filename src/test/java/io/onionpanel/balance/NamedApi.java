package io.onionpanel.balance;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in API behind one backend: answers every GET with its own name, after a fixed service time (0 = at once),
 * so that a load test on one machine shows how requests spread over backends.
 */
public final class NamedApi implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private NamedApi(String name, int port, long serviceMillis, int workers) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(Executors.newFixedThreadPool(workers));
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            if (serviceMillis > 0) {
                try {
                    Thread.sleep(serviceMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = name.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public static NamedApi start(String name, long serviceMillis) throws IOException {
        return new NamedApi(name, 0, serviceMillis, 16);
    }

    /** One request at a time, each taking {@code serviceMillis}: a backend that saturates at 1000/serviceMillis a second. */
    public static NamedApi serial(String name, long serviceMillis) throws IOException {
        return new NamedApi(name, 0, serviceMillis, 1);
    }

    public String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
