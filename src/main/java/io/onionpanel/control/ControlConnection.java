package io.onionpanel.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onionpanel.common.DaemonThreads;
import io.onionpanel.common.json.JsonCodec;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A long-lived connection to an engine's control socket, for the window: calls from any thread, answered in any
 * order of waiting, while a thread of its own reads answers and events. {@link ControlClient} is the CLI's simpler
 * one-request-at-a-time kind.
 */
public final class ControlConnection implements AutoCloseable {
    private final java.io.Closeable channel;
    private final Lines lines;
    private final Consumer<JsonNode> events;
    private final Runnable ended;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private volatile boolean closed;

    private ControlConnection(java.io.Closeable channel, Lines lines, Consumer<JsonNode> events, Runnable ended) {
        this.channel = channel;
        this.lines = lines;
        this.events = events;
        this.ended = ended;
    }

    /**
     * A connection over any open socket (a remote panel reached through tor's SOCKS port): says {@code hello} with
     * {@code helloParams} (a remote wants {@code {desktop, token}}, see {@link RemoteGate}) and checks the protocol.
     * The socket is closed if that fails. {@code events} and {@code ended} as for {@link #open}.
     */
    public static ControlConnection over(java.net.Socket socket, Object helloParams, String what, Duration helloTimeout,
                                         Consumer<JsonNode> events, Runnable ended) throws IOException {
        ControlConnection c;
        try {
            c = new ControlConnection(socket, new LineStreams(socket.getInputStream(), socket.getOutputStream(),
                    Integer.MAX_VALUE), events, ended);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        DaemonThreads.start("onion-panel-control-reader", c::readLoop);
        try {
            ControlProtocol.requireCompatible(c.call("hello", helloParams, helloTimeout), what);
        } catch (IOException | ControlException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * Connects to the engine that owns {@code dataDir} and checks it speaks this protocol; empty when none answers.
     * {@code events} gets each event's {@code params} on the reading thread; {@code ended} runs once when the
     * connection is gone (the engine stopped or died, or {@link #close()}).
     */
    public static Optional<ControlConnection> open(Path dataDir, Consumer<JsonNode> events, Runnable ended) throws IOException {
        Path socket = ControlProtocol.socket(dataDir);
        if (!Files.exists(socket)) {
            return Optional.empty();
        }
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            channel.close();
            // A file left by a killed engine refuses connections; one of another user is not ours to use.
            return Optional.empty();
        }
        ControlConnection c = new ControlConnection(channel, new LineChannel(channel, Integer.MAX_VALUE), events, ended);
        DaemonThreads.start("onion-panel-control-reader", c::readLoop);
        JsonNode hello;
        try {
            hello = c.call("hello", null, Duration.ofSeconds(5));
        } catch (IOException e) {
            c.close();
            return Optional.empty(); // it went away while we said hello
        }
        try {
            ControlProtocol.requireCompatible(hello, dataDir.toString());
        } catch (IOException e) {
            c.close();
            throw e;
        }
        return Optional.of(c);
    }

    /** Sends a request; the future fails with {@link ControlException} for an error answer, IOException when cut off. */
    public CompletableFuture<JsonNode> call(String method, Object params) {
        long id = nextId.getAndIncrement();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode request = JsonCodec.objectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        if (params != null) {
            request.set("params", ControlProtocol.JSON.valueToTree(params));
        }
        try {
            String text = ControlProtocol.JSON.writeValueAsString(request);
            synchronized (this) {
                if (closed) {
                    throw new IOException("Not connected to the engine");
                }
                lines.writeLine(text);
            }
        } catch (IOException e) {
            pending.remove(id);
            answer.completeExceptionally(e);
        }
        return answer;
    }

    /** Calls and waits; for the background threads of the window's actions. */
    public JsonNode call(String method, Object params, Duration timeout) throws IOException {
        try {
            return call(method, params).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ControlException ce) {
                throw ce;
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("The engine did not answer '" + method + "' within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        }
    }

    public boolean isOpen() {
        return !closed;
    }

    private void readLoop() {
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                JsonNode message = ControlProtocol.JSON.readTree(line);
                if (!message.has("id")) {
                    events.accept(message.path("params"));
                    continue;
                }
                CompletableFuture<JsonNode> answer = pending.remove(message.path("id").asLong());
                if (answer == null) {
                    continue;
                }
                if (message.has("error")) {
                    answer.completeExceptionally(new ControlException(message.path("error").path("code").asInt(),
                            message.path("error").path("message").asText()));
                } else {
                    answer.complete(message.path("result"));
                }
            }
        } catch (IOException | RuntimeException e) {
            // The engine went away (or sent something that is not JSON): the connection is over either way.
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing.
        }
        IOException gone = new IOException("The engine connection closed");
        pending.values().forEach(f -> f.completeExceptionally(gone));
        pending.clear();
        ended.run();
    }
}
