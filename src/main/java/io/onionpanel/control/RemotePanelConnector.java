package io.onionpanel.control;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Opens a {@link ControlConnection} to a remote panel paired with this desktop ({@link KnownRemotes}), through this
 * desktop's own engine's tor: the local engine is handed the remote's client key ({@code remoteAccess}), then a
 * socket goes through its SOCKS port to the remote's onion, its address given to tor unresolved (SOCKS5 with a host
 * name: nothing is looked up on this machine), and the remote session is opened with {@code hello {desktop, token}}.
 * The result is the same connection the local socket gives, so anything that drives a local engine drives this one.
 */
public final class RemotePanelConnector {
    /** The first connection to an onion may wait for its descriptor and circuits; on the real network, tens of seconds. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration HELLO_TIMEOUT = Duration.ofSeconds(60);

    private RemotePanelConnector() {
    }

    /** Connects to the remote panel paired here as {@code name}; {@code events} and {@code ended} as for a local one. */
    public static ControlConnection connect(Path dataDir, String name, Consumer<JsonNode> events, Runnable ended) throws IOException {
        return connect(dataDir, name, CONNECT_TIMEOUT, events, ended);
    }

    /** As above, giving up after {@code timeout} of failed attempts to reach the onion. */
    public static ControlConnection connect(Path dataDir, String name, Duration timeout, Consumer<JsonNode> events,
                                            Runnable ended) throws IOException {
        PairingCode code = new KnownRemotes(dataDir).get(name);
        InetSocketAddress socks = localSocks(dataDir, code);
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            Socket socket = new Socket(new Proxy(Proxy.Type.SOCKS, socks));
            try {
                int left = (int) Math.max(1000, (deadline - System.nanoTime()) / 1_000_000);
                socket.connect(InetSocketAddress.createUnresolved(code.host(), RemoteAccess.VIRTUAL_PORT), left);
                return ControlConnection.over(socket, Map.of("desktop", code.desktop(), "token", code.token()),
                        "remote panel '" + name + "'", HELLO_TIMEOUT, events, ended);
            } catch (ControlException e) {
                throw new IOException("The remote panel '" + name + "' refused this desktop: " + e.getMessage(), e);
            } catch (IOException e) {
                socket.close();
                last = e;
                // tor answers "host unreachable" while the descriptor or a circuit is not there yet: try again.
                sleep(1000);
            }
        }
        throw new IOException("Could not reach the remote panel '" + name + "' (" + code.host() + ") through this desktop's tor"
                + " within " + timeout.toSeconds() + " s: " + (last == null ? "no answer" : last.getMessage())
                + ". Is its engine running with remote access on, and this desktop still paired?");
    }

    /**
     * This desktop's engine's SOCKS address, once its tor knows the remote's client key. With no engine on the data
     * folder one is started as the window starts it ({@code daemon} in a process of its own, which stays); with its
     * tor stopped, tor is started.
     */
    private static InetSocketAddress localSocks(Path dataDir, PairingCode code) throws IOException {
        Optional<ControlConnection> local = ControlConnection.open(dataDir, e -> { }, () -> { });
        if (local.isEmpty()) {
            local = startLocalEngine(dataDir);
        }
        try (ControlConnection c = local.get()) {
            Duration wait = Duration.ofSeconds(60);
            long until = System.nanoTime() + wait.toNanos();
            boolean askedToStart = false;
            while (true) {
                try {
                    JsonNode answer = c.call("remoteAccess", Map.of("onion", code.onion(), "clientKey", code.clientKey()), wait);
                    String hostPort = answer.path("socks").asText();
                    int colon = hostPort.lastIndexOf(':');
                    return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
                } catch (ControlException e) {
                    if (System.nanoTime() > until) {
                        throw new IOException(e.getMessage(), e);
                    }
                    if (!askedToStart && "STOPPED".equals(c.call("status", null, wait).path("tor").path("state").asText())) {
                        c.call("startTor", null, wait);
                        askedToStart = true;
                    }
                    sleep(500); // tor starting: no control connection or SOCKS port yet
                }
            }
        }
    }

    private static Optional<ControlConnection> startLocalEngine(Path dataDir) throws IOException {
        EngineProcess.ofThisProgram().spawn(dataDir);
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until) {
            sleep(250);
            Optional<ControlConnection> c = ControlConnection.open(dataDir, e -> { }, () -> { });
            if (c.isPresent()) {
                return c;
            }
        }
        throw new IOException("No engine runs on " + dataDir + " and the one started for it did not answer within 30 s"
                + " (see " + dataDir.resolve(EngineProcess.LOG_FILE) + "). A remote panel is reached through this"
                + " desktop's own tor: start it with 'onion-panel daemon' (or open the window), then try again.");
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted", e);
        }
    }
}
