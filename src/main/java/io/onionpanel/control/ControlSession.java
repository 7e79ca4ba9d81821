package io.onionpanel.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onionpanel.common.DaemonThreads;
import io.onionpanel.common.json.JsonCodec;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * One client of the control socket: reads requests line by line and answers each in order; once subscribed it also
 * gets the engine's events. Everything it sends goes through a bounded outbox written by a thread of its own, so
 * the engine and monitor threads that hand it events never wait for a client: one that stops reading loses its
 * connection when the outbox is full.
 */
final class ControlSession implements AutoCloseable {
    private static final int OUTBOX = 2000;

    private final SocketChannel channel;
    private final LineChannel lines;
    private final ControlMethods methods;
    private final EventFeed feed;
    private final SessionGate gate;
    private final Consumer<ControlSession> ended;
    private final BlockingQueue<String> outbox = new LinkedBlockingQueue<>(OUTBOX);
    private volatile boolean closed;
    private volatile Thread writer;
    private final java.util.concurrent.atomic.AtomicLong queued = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
    /** Set by a request whose action must wait for its answer to be written (stop); session thread only. */
    private Runnable afterAnswer;

    ControlSession(SocketChannel channel, ControlMethods methods, EventFeed feed, Consumer<ControlSession> ended) {
        this(channel, methods, feed, SessionGate.LOCAL, ended);
    }

    ControlSession(SocketChannel channel, ControlMethods methods, EventFeed feed, SessionGate gate, Consumer<ControlSession> ended) {
        this.channel = channel;
        this.lines = new LineChannel(channel, ControlProtocol.MAX_LINE);
        this.methods = methods;
        this.feed = feed;
        this.gate = gate;
        this.ended = ended;
    }

    void serve() {
        writer = DaemonThreads.start("onion-panel-control-writer", this::writeLoop);
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.isBlank()) {
                    send(answer(line));
                    if (!gate.keepOpen()) {
                        awaitWritten();
                        return; // the finally block closes it
                    }
                    Runnable then = afterAnswer;
                    afterAnswer = null;
                    if (then != null) {
                        awaitWritten();
                        then.run();
                    }
                }
            }
        } catch (IOException e) {
            // The client went away, or sent a line longer than any request: either way the session ends.
        } finally {
            close();
        }
    }

    private void writeLoop() {
        try {
            while (!closed) {
                lines.writeLine(outbox.take());
                written.incrementAndGet();
            }
        } catch (IOException | InterruptedException e) {
            close();
        }
    }
    private ObjectNode answer(String line) {
        JsonNode request;
        try {
            request = ControlProtocol.JSON.readTree(line);
        } catch (IOException e) {
            return error(null, ControlProtocol.PARSE_ERROR, "Not JSON");
        }
        JsonNode id = request.get("id");
        if (!request.isObject() || !"2.0".equals(request.path("jsonrpc").asText()) || !request.path("method").isTextual()
                || id == null || !(id.isTextual() || id.isIntegralNumber())) {
            return error(id, ControlProtocol.INVALID_REQUEST, "Expected a JSON-RPC 2.0 request with a method and an id");
        }
        String method = request.get("method").asText();
        JsonNode params = request.path("params");
        try {
            Object early = gate.admit(method, params);
            Object result = early != null ? early : method.equals("subscribe") ? subscribe() : methods.call(method, params, gate.owner());
            if (result instanceof ControlMethods.AfterAnswer a) {
                afterAnswer = a.then();
                result = a.result();
            }
            ObjectNode r = JsonCodec.objectNode().put("jsonrpc", "2.0");
            r.set("id", id);
            r.set("result", ControlProtocol.JSON.valueToTree(result));
            return r;
        } catch (ControlException e) {
            return error(id, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            return error(id, ControlProtocol.INTERNAL_ERROR, "The engine could not do it: " + e.getMessage());
        }
    }

    private Object subscribe() {
        feed.subscribe(this);
        return methods.status();
    }

    /** Any thread; never blocks. */
    void event(ObjectNode notification) {
        send(notification);
    }

    private void send(ObjectNode message) {
        String text = ControlProtocol.JSON.writeValueAsString(message);
        if (outbox.offer(text)) {
            queued.incrementAndGet();
        } else {
            close();
        }
    }

    /** Waits (briefly) until what was queued so far is written: the last events before the engine stops. */
    void flush() {
        awaitWritten();
    }

    /** Waits (briefly) until everything queued so far is on the wire. */
    private void awaitWritten() {
        long target = queued.get();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
        while (written.get() < target && !closed && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode r = JsonCodec.objectNode().put("jsonrpc", "2.0");
        r.set("id", id);
        r.putObject("error").put("code", code).put("message", message);
        return r;
    }

    @Override
    public void close() {
        closed = true;
        Thread w = writer;
        if (w != null && w != Thread.currentThread()) {
            w.interrupt();
        }
        feed.unsubscribe(this);
        ended.accept(this);
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing.
        }
    }
}
