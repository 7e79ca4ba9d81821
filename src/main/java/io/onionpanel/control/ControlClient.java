package io.onionpanel.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onionpanel.common.json.JsonCodec;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A client of a running engine's control socket (the CLI; later the window). One request at a time; events after
 * {@code subscribe} go to the consumer given at connect, on the thread that reads the answers.
 */
public final class ControlClient implements AutoCloseable {
    private final SocketChannel channel;
    private final LineChannel lines;
    private final Consumer<JsonNode> events;
    private long nextId = 1;

    private ControlClient(SocketChannel channel, Consumer<JsonNode> events) {
        this.channel = channel;
        this.lines = new LineChannel(channel, Integer.MAX_VALUE);
        this.events = events;
    }

    /** The engine that owns this data folder, if one runs and answers; empty when none does. */
    public static Optional<ControlClient> connect(Path dataDir, Consumer<JsonNode> events) throws IOException {
        Path socket = ControlProtocol.socket(dataDir);
        if (!Files.exists(socket)) {
            return Optional.empty();
        }
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (java.net.ConnectException e) {
            channel.close();
            return Optional.empty(); // a socket file left by a killed engine
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        ControlClient client = new ControlClient(channel, events);
        try {
            ControlProtocol.requireCompatible(client.call("hello"), dataDir.toString());
        } catch (IOException e) {
            client.close();
            throw e;
        }
        return Optional.of(client);
    }

    public static Optional<ControlClient> connect(Path dataDir) throws IOException {
        return connect(dataDir, e -> { });
    }

    /** Calls a method without parameters and returns its result; an error answer becomes a {@link ControlException}. */
    public synchronized JsonNode call(String method) throws IOException {
        long id = nextId++;
        ObjectNode request = JsonCodec.objectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        lines.writeLine(ControlProtocol.JSON.writeValueAsString(request));
        while (true) {
            String line = lines.readLine();
            if (line == null) {
                throw new IOException("The engine closed the control connection");
            }
            JsonNode message = ControlProtocol.JSON.readTree(line);
            if (!message.has("id")) {
                events.accept(message.path("params"));
                continue;
            }
            if (message.path("id").asLong() != id) {
                continue;
            }
            if (message.has("error")) {
                throw new ControlException(message.path("error").path("code").asInt(), message.path("error").path("message").asText());
            }
            return message.path("result");
        }
    }

    /** Waits for the next event (after {@code subscribe}), handing it to the consumer; false at the end of the stream. */
    public boolean nextEvent() throws IOException {
        String line = lines.readLine();
        if (line == null) {
            return false;
        }
        JsonNode message = ControlProtocol.JSON.readTree(line);
        if (!message.has("id")) {
            events.accept(message.path("params"));
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
