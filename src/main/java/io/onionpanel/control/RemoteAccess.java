package io.onionpanel.control;

import io.onionpanel.common.DaemonThreads;
import io.onionpanel.engine.Engine;
import io.onionpanel.onion.OnionKeys;
import io.onionpanel.tor.TorControl;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of remote access: the engine's control API published as an onion service of its own tor, for the
 * paired desktops only. tor forwards the onion's port 80 to {@code remote/remote.sock} (0600, in the 0700 data
 * folder: only tor and the engine's user reach it); each connection is a {@link ControlSession} with the same
 * methods as the local socket behind a {@link RemoteGate}. The onion is an ADD_ONION service with v3 client
 * authorisation (one ClientAuthV3 per paired desktop), added on the engine's own tor connection and added again on
 * every new tor: it is not in torrc or the settings, so it is never one of the user's services, and with remote
 * access off or no desktop paired it is not published at all. A change (pair, revoke, enable, disable; told by
 * {@code remoteChanged}) takes the onion down and puts it up again with the new clients: DEL_ONION closes its
 * circuits, and a revoked desktop's open sessions are closed at once.
 */
final class RemoteAccess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteAccess.class);
    private static final int MAX_SESSIONS = 8;
    static final int VIRTUAL_PORT = 80;

    private final Engine engine;
    private final RemoteServerFiles files;
    private final Map<ControlSession, RemoteGate> sessions = new ConcurrentHashMap<>();
    private volatile RemoteConfig config = RemoteConfig.NONE;
    private ControlMethods methods;
    private EventFeed feed;
    private ServerSocketChannel server;
    /** The tor connection the onion was added on, and its service id; guarded by this. */
    private TorControl publishedOn;
    private String serviceId;
    private boolean dirty = true;
    private volatile boolean closed;

    RemoteAccess(Engine engine) {
        this.engine = engine;
        this.files = new RemoteServerFiles(engine.dataDir());
    }

    void start(ControlMethods methods, EventFeed feed) {
        this.methods = methods;
        this.feed = feed;
        readConfig();
        DaemonThreads.start("onion-panel-remote-publisher", this::publishLoop);
    }

    /** The CLI changed remote.json: closes the sessions of revoked desktops now and republishes within a second. */
    void reload() {
        readConfig();
        synchronized (this) {
            dirty = true;
            notifyAll();
        }
    }

    private void readConfig() {
        try {
            config = files.read();
        } catch (IOException e) {
            LOG.warn("Remote access: cannot read {}: {}; it stays off", RemoteServerFiles.DIR + "/remote.json", e.getMessage());
            config = RemoteConfig.NONE;
        }
        RemoteConfig now = config;
        sessions.forEach((session, gate) -> {
            String desktop = gate.desktop();
            if (desktop != null && (!now.enabled() || now.desktop(desktop).isEmpty())) {
                LOG.info("Remote desktop '{}': access revoked, its session closed", desktop);
                session.close();
            }
        });
    }

    /** A paired desktop's token hash, null when that name is not paired (or remote access is off). */
    private String tokenHashOf(String desktop) {
        RemoteConfig c = config;
        return c.enabled() ? c.desktop(desktop).map(RemoteConfig.Desktop::tokenSha256).orElse(null) : null;
    }

    private void publishLoop() {
        while (!closed) {
            try {
                synchronized (this) {
                    TorControl tor = engine.torLink().control().orElse(null);
                    if (tor != null && tor.isOpen() && (dirty || tor != publishedOn)) {
                        publish(tor);
                    }
                    wait(1000);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Remote access: {}", e.toString());
            }
        }
    }

    /** Brings the onion in line with the config on this tor; guarded by this. */
    private void publish(TorControl tor) {
        RemoteConfig c = config;
        try {
            if (publishedOn == tor && serviceId != null) {
                tor.command("DEL_ONION " + serviceId);
            }
            publishedOn = tor;
            serviceId = null;
            if (c.published()) {
                bind();
                List<String> reply = tor.command(addOnion(c));
                serviceId = reply.stream().filter(l -> l.startsWith("ServiceID=")).map(l -> l.substring("ServiceID=".length()))
                        .findFirst().orElseThrow(() -> new IOException("tor did not say the service id"));
                LOG.info("Remote access: published on {}.onion for {} paired desktop(s)", serviceId, c.desktops().size());
            }
            dirty = false;
        } catch (IOException | RuntimeException e) {
            // Tried again at the next change or the next tor; the message never holds the key (tor's answer only).
            dirty = false;
            LOG.warn("Remote access: could not publish the control onion: {}", e.getMessage());
        }
    }

    /** Never logged: it carries the onion's private key. */
    private String addOnion(RemoteConfig c) throws IOException {
        Path socket = files.socket();
        if (socket.toString().chars().anyMatch(ch -> ch <= ' ' || ch == '"' || ch == '\\' || ch == ',')) {
            throw new IOException("the data folder's path has a space, quote or comma, which tor's Port= cannot take: " + socket);
        }
        StringBuilder b = new StringBuilder("ADD_ONION ").append(keyArgument()).append(" Flags=V3Auth,DiscardPK Port=")
                .append(VIRTUAL_PORT).append(",unix:").append(socket);
        for (RemoteConfig.Desktop d : c.desktops()) {
            b.append(" ClientAuthV3=").append(d.publicKey());
        }
        return b.toString();
    }

    private String keyArgument() throws IOException {
        files.address(); // makes the key if remote.json was written by hand
        byte[] content = Files.readAllBytes(files.onionDir().resolve(OnionKeys.SECRET_KEY_FILE));
        try {
            OnionKeys.requireSecretKeyFile(content);
            return "ED25519-V3:" + Base64.getEncoder().encodeToString(Arrays.copyOfRange(content, 32, 96));
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /** Binds remote.sock on first use, so a panel that never turned remote access on has no such socket. */
    private void bind() throws IOException {
        if (server != null) {
            return;
        }
        Path socket = files.socket();
        files.address(); // the 0700 folder
        Files.deleteIfExists(socket); // the engine holds the data folder's lock: a leftover of a killed engine
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            s.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            s.close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        server = s;
        DaemonThreads.start("onion-panel-remote-accept", () -> acceptLoop(s));
    }

    private void acceptLoop(ServerSocketChannel s) {
        while (!closed) {
            SocketChannel channel;
            try {
                channel = s.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("Remote access socket stopped accepting: {}", e.toString());
                }
                return;
            }
            if (sessions.size() >= MAX_SESSIONS || !config.published()) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // Refused anyway.
                }
                continue;
            }
            RemoteGate gate = new RemoteGate(this::tokenHashOf, new TokenBucket(RemoteGate.RATE_PER_SECOND, RemoteGate.BURST));
            ControlSession session = new ControlSession(channel, methods, feed, gate, sessions::remove);
            sessions.put(session, gate);
            DaemonThreads.start("onion-panel-remote-session", session::serve);
        }
    }

    /** The desktops with an open, authenticated session (for tests and the CLI's list). */
    List<String> connectedDesktops() {
        List<String> names = new ArrayList<>();
        sessions.values().forEach(g -> {
            if (g.desktop() != null) {
                names.add(g.desktop());
            }
        });
        return names;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            notifyAll();
            if (publishedOn != null && serviceId != null && publishedOn.isOpen()) {
                try {
                    publishedOn.command("DEL_ONION " + serviceId);
                } catch (IOException | RuntimeException e) {
                    LOG.debug("Remote access: DEL_ONION at close: {}", e.toString());
                }
            }
            serviceId = null;
            if (server != null) {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // Closing.
                }
                try {
                    Files.deleteIfExists(files.socket());
                } catch (IOException ignored) {
                    // Closing.
                }
            }
        }
        new ArrayList<>(sessions.keySet()).forEach(ControlSession::close);
    }
}
