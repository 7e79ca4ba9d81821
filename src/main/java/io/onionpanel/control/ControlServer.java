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
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
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
 * (docs/control-api.md): whoever can connect can do what the window and the CLI can (restart and stop tor, apply
 * the settings, manage services, clients and backups); only {@code backup.export} returns key material, encrypted,
 * and the group socket refuses it ({@link MethodKind}). Only the engine's own OS user can connect: the socket is 0600 inside
 * the 0700 data folder, and a peer of another uid (SO_PEERCRED) is dropped before it is read. The system service
 * opens a second socket for one group ({@link GroupSocket}: 0660 in a 0750 folder of that group); there a member of
 * the group is let in too, anyone else is dropped the same way. There is no network listener. Started after the engine holds the data folder's lock, so the socket file it replaces is a stale one.
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    private static final int MAX_SESSIONS = 16;

    private final Path socket;
    private final ServerSocketChannel server;
    private final ControlMethods methods;
    private final EventFeed feed;
    private final Set<ControlSession> sessions = ConcurrentHashMap.newKeySet();
    private final PeerPolicy admitted;
    private final RemoteAccess remote;
    private final SessionGate gate;
    private volatile boolean closed;

    private ControlServer(Path socket, ServerSocketChannel server, ControlMethods methods, EventFeed feed,
                          PeerPolicy admitted, RemoteAccess remote, SessionGate gate) {
        this.remote = remote;
        this.gate = gate;
        this.socket = socket;
        this.server = server;
        this.methods = methods;
        this.feed = feed;
        this.admitted = admitted;
    }

    /** Binds {@code control.sock} in the engine's data folder and serves it until {@link #close()}. */
    public static ControlServer start(Engine engine, Monitor monitor, Runnable stopRequested) throws IOException {
        Path socket = ControlProtocol.ownSocket(engine.dataDir());
        ServerSocketChannel server = bind(socket, "rw-------", null);
        UserPrincipal owner = Files.getOwner(socket);
        return serve(engine, monitor, stopRequested, socket, server, PeerPolicy.ownerOnly(owner), true, SessionGate.LOCAL);
    }

    /**
     * Binds the group's socket ({@link GroupSocket}) and serves it until {@link #close()}: 0660 with that group, in
     * its folder (created 0750 with that group; one that exists must be the engine user's own, as systemd's
     * RuntimeDirectory is). The group must exist, and the engine's user must be able to give files to it (be root or
     * a member), else this fails with a message saying which.
     */
    public static ControlServer startForGroup(Engine engine, Monitor monitor, Runnable stopRequested, GroupSocket shared)
            throws IOException {
        return startForGroup(engine, monitor, stopRequested, shared, GroupMembers.ETC_GROUP);
    }

    static ControlServer startForGroup(Engine engine, Monitor monitor, Runnable stopRequested, GroupSocket shared,
                                       Path groupFile) throws IOException {
        GroupPrincipal group;
        try {
            group = engine.dataDir().getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(shared.group());
        } catch (java.nio.file.attribute.UserPrincipalNotFoundException e) {
            throw new IOException("there is no group " + shared.group() + " on this system");
        }
        Path folder = shared.socket().getParent();
        prepareFolder(folder, group);
        ServerSocketChannel server = bind(shared.socket(), "rw-rw----", group);
        UserPrincipal owner = Files.getOwner(shared.socket());
        // Remote access is the data folder's server's alone: a second one would publish the same onion twice.
        // Members read and change, but get no key material (backups, client keys): MethodKind.GROUP.
        return serve(engine, monitor, stopRequested, shared.socket(), server, PeerPolicy.ownerOrGroup(owner, group, groupFile),
                false, SessionGate.only(MethodKind.GROUP, "on the group's socket (it carries key material)"));
    }

    /** The socket's folder: traversable and listable for the group, writable only by the engine's user. */
    private static void prepareFolder(Path folder, GroupPrincipal group) throws IOException {
        if (Files.notExists(folder)) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
        }
        UserPrincipal me = folder.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
        UserPrincipal folderOwner = Files.getOwner(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (!Files.isDirectory(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS) || !folderOwner.equals(me)) {
            // Someone else's folder could have the socket swapped under us.
            throw new IOException(folder + " must be a folder of the engine's user " + me.getName()
                    + " (it belongs to " + folderOwner.getName() + ")");
        }
        PosixFileAttributeView view = Files.getFileAttributeView(folder, PosixFileAttributeView.class);
        view.setGroup(group);
        view.setPermissions(PosixFilePermissions.fromString("rwxr-x---"));
    }

    private static ServerSocketChannel bind(Path socket, String mode, GroupPrincipal group) throws IOException {
        refuseIfAnswered(socket);
        Files.deleteIfExists(socket); // a stale one, left by a killed engine
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        // Bound under a name of its own, given its mode and group, and only then renamed into place: the socket's
        // name never shows a socket with the process's default mode (a client, or a test, reading it in between).
        // A listening socket keeps listening when its file is renamed; clients connect through the new name.
        // No longer than "control.sock": a Unix socket's path has a length limit (108 bytes).
        Path bindingName = socket.resolveSibling("." + ProcessHandle.current().pid() + ".new");
        Files.deleteIfExists(bindingName);
        boolean bound = false;
        try {
            server.bind(UnixDomainSocketAddress.of(bindingName));
            bound = true;
            // The folder (0700, or 0750 for a group socket) already keeps others out; the socket's mode says the same.
            Files.setPosixFilePermissions(bindingName, PosixFilePermissions.fromString(mode));
            if (group != null) {
                Files.getFileAttributeView(bindingName, PosixFileAttributeView.class).setGroup(group);
            }
            Files.move(bindingName, socket, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UnsupportedOperationException e) {
            server.close();
            if (bound) {
                Files.deleteIfExists(bindingName); // ours, with a mode we could not set: not left for anyone to use
            }
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        return server;
    }

    private static ControlServer serve(Engine engine, Monitor monitor, Runnable stopRequested, Path socket,
                                       ServerSocketChannel server, PeerPolicy admitted, boolean withRemote,
                                       SessionGate gate) {
        EventFeed feed = new EventFeed();
        engine.addListener(feed);
        monitor.addListener(feed);
        RemoteAccess remote = withRemote ? new RemoteAccess(engine) : null;
        ControlMethods methods = new ControlMethods(engine, monitor, stopRequested, remote == null ? () -> { } : remote::reload);
        ControlServer s = new ControlServer(socket, server, methods, feed, admitted, remote, gate);
        DaemonThreads.start("onion-panel-control", s::acceptLoop);
        if (remote != null) {
            // The same methods through the remote onion, for paired desktops (off unless 'remote enable' and a pairing).
            remote.start(methods, feed);
        }
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
            if (!admitted(channel) || sessions.size() >= MAX_SESSIONS) {
                closeQuietly(channel);
                continue;
            }
            ControlSession session = new ControlSession(channel, methods, feed, gate, sessions::remove);
            sessions.add(session);
            DaemonThreads.start("onion-panel-control-session", session::serve);
        }
    }

    private boolean admitted(SocketChannel channel) {
        try {
            UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            boolean ok = admitted.admits(peer);
            if (!ok) {
                LOG.warn("Control socket {}: refused a connection from user {}", socket, peer.user().getName());
            }
            return ok;
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
        if (remote != null) {
            remote.close();
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.debug("Control socket delete: {}", e.toString());
        }
    }
}
