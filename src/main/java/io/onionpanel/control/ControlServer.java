package io.onionpanel.control;

import io.onionpanel.common.DaemonThreads;
import io.onionpanel.engine.Engine;
import io.onionpanel.monitor.Monitor;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the control API ({@link ControlProtocol}) of the engine that owns a data folder. Threat model
 * (docs/control-api.md): whoever can connect can do what the window can (restart and stop tor, apply the
 * settings); no method returns key material. Only the engine's own OS user can connect: the socket is 0600 inside
 * the 0700 data folder, and a peer of another uid (SO_PEERCRED) is dropped before it is read. There is no network
 * listener. Started after the engine holds the data folder's lock, so the socket file it replaces is a stale one.
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    private static final int MAX_SESSIONS = 16;

    private final Path socket;
    private final ServerSocketChannel server;
    private final ControlMethods methods;
    private final EventFeed feed;
    private final Set<ControlSession> sessions = ConcurrentHashMap.newKeySet();
    private final UserPrincipal owner;
    private final RemoteAccess remote;
    private volatile boolean closed;

    private ControlServer(Path socket, ServerSocketChannel server, ControlMethods methods, EventFeed feed,
                          UserPrincipal owner, RemoteAccess remote) {
        this.remote = remote;
        this.socket = socket;
        this.server = server;
        this.methods = methods;
        this.feed = feed;
        this.owner = owner;
    }

    /** Binds {@code control.sock} in the engine's data folder and serves it until {@link #close()}. */
    public static ControlServer start(Engine engine, Monitor monitor, Runnable stopRequested) throws IOException {
        Path socket = ControlProtocol.socket(engine.dataDir());
        refuseIfAnswered(socket);
        Files.deleteIfExists(socket); // a stale one, left by a killed engine
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
            // The folder (0700) already keeps others out; the socket's own mode says the same on its own.
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            server.close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        EventFeed feed = new EventFeed();
        engine.addListener(feed);
        monitor.addListener(feed);
        UserPrincipal owner = Files.getOwner(socket);
        RemoteAccess remote = new RemoteAccess(engine);
        ControlMethods methods = new ControlMethods(engine, monitor, stopRequested, remote::reload);
        ControlServer s = new ControlServer(socket, server, methods, feed, owner, remote);
        DaemonThreads.start("onion-panel-control", s::acceptLoop);
        // The same methods through the remote onion, for paired desktops (off unless 'remote enable' and a pairing).
        remote.start(methods, feed);
        return s;
    }

    /** Another engine still serving this folder (e.g. a daemon with its tor stopped) keeps its socket. */
    private static void refuseIfAnswered(Path socket) throws IOException {
        if (!Files.exists(socket)) {
            return;
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return; // nobody answers: stale
        }
        throw new IOException("another engine answers on " + socket);
    }

    public Path socket() {
        return socket;
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("Control socket stopped accepting: {}", e.toString());
                }
                return;
            }
            if (!samePerson(channel) || sessions.size() >= MAX_SESSIONS) {
                closeQuietly(channel);
                continue;
            }
            ControlSession session = new ControlSession(channel, methods, feed, sessions::remove);
            sessions.add(session);
            DaemonThreads.start("onion-panel-control-session", session::serve);
        }
    }

    private boolean samePerson(SocketChannel channel) {
        try {
            UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            boolean same = peer.user().equals(owner);
            if (!same) {
                LOG.warn("Control socket: refused a connection from user {}", peer.user().getName());
            }
            return same;
        } catch (IOException | UnsupportedOperationException e) {
            // No peer credentials on this platform: the socket's mode is the only gate, as for tor's own socket.
            return true;
        }
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // Refused anyway.
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        // Attached windows then know the engine stops on purpose and do not try to bring it back.
        feed.stopping();
        sessions.forEach(ControlSession::flush);
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("Control socket close: {}", e.toString());
        }
        sessions.forEach(ControlSession::close);
        remote.close();
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.debug("Control socket delete: {}", e.toString());
        }
    }
}
