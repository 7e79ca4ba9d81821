package io.onionpanel.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onionpanel.common.json.JsonCodec;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The engine's local control API, version 1 (docs/control-api.md): JSON-RPC 2.0, one JSON object per line, over a
 * Unix domain socket in the data folder. Requests carry an {@code id}; events come as notifications (no id) after
 * {@code subscribe}.
 */
public final class ControlProtocol {
    public static final String NAME = "onion-panel-control";
    public static final int VERSION = 1;
    public static final String SOCKET_FILE = "control.sock";
    /** A request longer than this is refused and the connection closed: nothing in version 1 comes close. */
    static final int MAX_LINE = 64 * 1024;
    /**
     * Unknown properties ignored (a newer peer's additions); times (log lines, health checks) as ISO-8601 text, e.g.
     * "2026-12-02T13:28:25.123Z", as JsonCodec writes every Instant.
     */
    static final JsonCodec JSON = JsonCodec.STANDARD.failOnUnknownProperties(false);

    // JSON-RPC 2.0 error codes.
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;

    private ControlProtocol() {
    }

    /** Refuses an engine that speaks another protocol or version, from its answer to {@code hello}. */
    static void requireCompatible(com.fasterxml.jackson.databind.JsonNode hello, String where) throws java.io.IOException {
        if (!NAME.equals(hello.path("protocol").asText()) || hello.path("version").asInt() != VERSION) {
            throw new java.io.IOException("The engine on " + where + " speaks " + hello.path("protocol").asText() + " version "
                    + hello.path("version").asText() + "; this panel speaks version " + VERSION);
        }
    }

    /**
     * Where this process's clients (the window, the CLI) find the engine: the socket given with
     * {@code --engine-socket} / {@code --attach-system}, else the data folder's own.
     */
    public static Path socket(Path dataDir) {
        Path chosen = engineSocket;
        return chosen != null ? chosen : ownSocket(dataDir);
    }

    /** The socket an engine opens in its own data folder (owner only). */
    public static Path ownSocket(Path dataDir) {
        return dataDir.resolve(SOCKET_FILE);
    }

    private static volatile Path engineSocket;

    /**
     * Makes this process's clients use {@code socket} (e.g. the system service's group socket) instead of the data
     * folder's; {@code null} goes back to the data folder's. Set once, by the command line, before any client runs.
     */
    public static void useEngineSocket(Path socket) {
        engineSocket = socket == null ? null : socket.toAbsolutePath().normalize();
    }

    /** Whether clients were pointed at another engine's socket than the data folder's. */
    public static boolean engineSocketChosen() {
        return engineSocket != null;
    }

    static ObjectNode notification(String method, Object params) {
        ObjectNode n = JsonCodec.objectNode().put("jsonrpc", "2.0").put("method", method);
        n.set("params", JSON.valueToTree(params));
        return n;
    }
}
