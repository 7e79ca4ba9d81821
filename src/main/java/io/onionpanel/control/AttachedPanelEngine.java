package io.onionpanel.control;

import com.fasterxml.jackson.databind.JsonNode;
import io.onionpanel.common.DaemonThreads;
import io.onionpanel.engine.EngineException;
import io.onionpanel.engine.EngineListener;
import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.monitor.MonitorView;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window's side of an engine in another process: its events become {@link EngineListener} and monitor events,
 * its methods the window's actions. When the connection drops without the engine saying it stops (a crash, a kill),
 * the window says "reconnecting" and attaches again to whatever engine comes back (its supervisor's restart); an
 * engine this window started and that does not come back within {@link #RESPAWN_AFTER} is started again.
 */
public final class AttachedPanelEngine implements PanelEngine {
    private static final Logger LOG = LoggerFactory.getLogger(AttachedPanelEngine.class);
    static final Duration RESPAWN_AFTER = Duration.ofSeconds(5);
    private static final Duration CALL = Duration.ofSeconds(30);
    private static final Duration SPAWN = Duration.ofSeconds(30);
    public static final String RECONNECTING = "The engine disconnected; reconnecting…";

    private final Path dataDir;
    private final EngineProcess launcher;
    private final Opener opener;
    private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();
    private final RemoteMonitor monitor;
    private final Map<String, ServiceStatus> services = new ConcurrentHashMap<>();
    private volatile TorStatus tor = TorStatus.stopped();
    private volatile ControlConnection connection;
    private volatile long enginePid;
    private volatile boolean startedHere;
    /** The engine announced it stops, or the window stopped it: no reconnecting. */
    private volatile boolean stoppedOnPurpose;
    private volatile boolean closed;
    private Thread reconnector; // guarded by this
    /**
     * Events that came before the answer to {@code subscribe}: applied after its snapshot, in order. One may say
     * "starting" while the snapshot, taken a moment before, still said "stopped"; the newer must win.
     */
    private List<JsonNode> early; // guarded by order
    private final Object order = new Object();

    /** How a connection to the engine is opened: the data folder's socket, or a remote panel through tor. */
    @FunctionalInterface
    interface Opener {
        /** Empty when no engine answers (and trying again later makes sense). */
        Optional<ControlConnection> open(java.util.function.Consumer<JsonNode> events, Runnable ended) throws IOException;
    }

    private AttachedPanelEngine(Path dataDir, EngineProcess launcher) {
        this(dataDir, launcher, (events, ended) -> ControlConnection.open(dataDir, events, ended));
    }

    private AttachedPanelEngine(Path dataDir, EngineProcess launcher, Opener opener) {
        this.dataDir = dataDir;
        this.launcher = launcher;
        this.opener = opener;
        this.monitor = new RemoteMonitor(this::connection);
    }

    /**
     * Attached to the remote panel paired with this desktop as {@code name} ({@link RemotePanelConnector}, through
     * the engine of {@code dataDir}); reconnects the same way when the connection drops, and never starts an engine.
     * Methods outside the remote allow-list (stopping the engine) are refused by the server.
     */
    public static AttachedPanelEngine attachRemote(Path dataDir, String name) throws IOException {
        return attachRemote(dataDir, name, RemotePanelConnector.CONNECT_TIMEOUT);
    }

    /** As above, giving up a first connection (and each attempt to reconnect) after {@code timeout}. */
    public static AttachedPanelEngine attachRemote(Path dataDir, String name, Duration timeout) throws IOException {
        AttachedPanelEngine e = new AttachedPanelEngine(dataDir, null,
                (events, ended) -> Optional.of(RemotePanelConnector.connect(dataDir, name, timeout, events, ended)));
        if (!e.connect()) {
            throw new IOException("The remote panel '" + name + "' did not answer");
        }
        return e;
    }

    /** Attached to the engine running on {@code dataDir}, if one answers; otherwise empty. */
    public static Optional<AttachedPanelEngine> attachIfRunning(Path dataDir, EngineProcess launcher) throws IOException {
        AttachedPanelEngine e = new AttachedPanelEngine(dataDir, launcher);
        return e.connect() ? Optional.of(e) : Optional.empty();
    }

    /** Not attached yet: {@link #start()} starts an engine process and attaches to it. */
    public static AttachedPanelEngine notRunning(Path dataDir, EngineProcess launcher) {
        return new AttachedPanelEngine(dataDir, launcher);
    }

    private ControlConnection connection() {
        return connection;
    }

    /** Connects, subscribes and takes the engine's state; false when no engine answers. */
    private synchronized boolean connect() throws IOException {
        if (connection != null && connection.isOpen()) {
            return true;
        }
        java.util.concurrent.atomic.AtomicReference<ControlConnection> self = new java.util.concurrent.atomic.AtomicReference<>();
        Optional<ControlConnection> c = opener.open(this::event, () -> disconnected(self.get()));
        if (c.isEmpty()) {
            return false;
        }
        ControlConnection conn = c.get();
        self.set(conn);
        JsonNode state;
        synchronized (order) {
            early = new ArrayList<>();
        }
        try {
            enginePid = conn.call("hello", null, CALL).path("pid").asLong();
            state = conn.call("subscribe", null, CALL);
        } catch (IOException e) {
            conn.close();
            return false;
        }
        connection = conn;
        stoppedOnPurpose = false;
        takeStatus(state);
        while (true) {
            List<JsonNode> batch;
            synchronized (order) {
                if (early.isEmpty()) {
                    early = null;
                    break;
                }
                batch = List.copyOf(early);
                early.clear();
            }
            batch.forEach(this::handle);
        }
        return true;
    }

    private void takeStatus(JsonNode state) throws IOException {
        TorStatus t = ControlProtocol.JSON.treeToValue(state.path("tor"), TorStatus.class);
        List<ServiceStatus> now = new ArrayList<>();
        for (JsonNode s : state.path("services")) {
            now.add(ControlProtocol.JSON.treeToValue(s, ServiceStatus.class));
        }
        setTor(t);
        List<String> names = now.stream().map(ServiceStatus::name).toList();
        for (String known : List.copyOf(services.keySet())) {
            if (!names.contains(known)) {
                ServiceStatus gone = services.remove(known);
                fire(l -> l.serviceStatusChanged(new ServiceStatus(gone.name(), gone.onion(), ServiceStatus.State.REMOVED,
                        gone.ports(), null)));
            }
        }
        now.forEach(this::setService);
    }

    private void setTor(TorStatus t) {
        tor = t;
        fire(l -> l.torStatusChanged(t));
    }

    private void setService(ServiceStatus s) {
        if (s.state() == ServiceStatus.State.REMOVED) {
            services.remove(s.name());
        } else {
            services.put(s.name(), s);
        }
        fire(l -> l.serviceStatusChanged(s));
    }

    private void event(JsonNode params) {
        synchronized (order) {
            if (early != null) {
                early.add(params);
                return;
            }
        }
        handle(params);
    }

    private void handle(JsonNode params) {
        String type = params.path("type").asText();
        JsonNode data = params.path("data");
        try {
            switch (type) {
                case "tor" -> setTor(ControlProtocol.JSON.treeToValue(data, TorStatus.class));
                case "service" -> setService(ControlProtocol.JSON.treeToValue(data, ServiceStatus.class));
                case "error" -> fire(l -> l.error(data.asText()));
                case "notice" -> fire(l -> l.notice(data.asText()));
                case "settings" -> fire(EngineListener::settingsChanged);
                case "unreachable" -> fire(l -> l.serviceUnreachable(data.path("service").asText(), data.path("message").asText()));
                case "stopping" -> stoppedOnPurpose = true;
                default -> monitor.event(type, data);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Engine event '{}' not understood: {}", type, e.toString());
        }
    }

    private void disconnected(ControlConnection which) {
        if (closed || which == null || which != connection) {
            return; // a connection that never became ours (it failed during hello or subscribe)
        }
        if (stoppedOnPurpose) {
            setTor(TorStatus.stopped().with(TorStatus.State.STOPPED, "The engine stopped"));
            servicesDown(null);
            startedHere = false;
            return;
        }
        setTor(tor.with(TorStatus.State.RESTARTING, RECONNECTING));
        // Unknown until the engine is back (a killed engine took its tor along): not "published".
        for (ServiceStatus s : List.copyOf(services.values())) {
            setService(new ServiceStatus(s.name(), s.onion(), ServiceStatus.State.STARTING, s.ports(),
                    "Waiting for the engine to come back"));
        }
        fire(l -> l.error("The engine disconnected (pid " + enginePid + "); reconnecting"));
        startReconnecting();
    }

    private void servicesDown(String why) {
        for (ServiceStatus s : List.copyOf(services.values())) {
            setService(new ServiceStatus(s.name(), s.onion(), ServiceStatus.State.STOPPED, s.ports(), why));
        }
    }

    private synchronized void startReconnecting() {
        if (reconnector != null && reconnector.isAlive()) {
            return;
        }
        reconnector = DaemonThreads.start("onion-panel-reconnect", this::reconnectLoop);
    }

    private void reconnectLoop() {
        long since = System.nanoTime();
        while (!closed) {
            try {
                if (connect()) {
                    LOG.info("Reattached to the engine (pid {})", enginePid);
                    return;
                }
                if (startedHere && launcher != null && System.nanoTime() - since > RESPAWN_AFTER.toNanos()) {
                    // Ours, with no supervisor bringing it back: start it again (same data folder, same addresses).
                    LOG.warn("The engine did not come back within {} s; starting it again", RESPAWN_AFTER.toSeconds());
                    launcher.spawn(dataDir);
                    since = System.nanoTime() + SPAWN.toNanos(); // give it time before another try
                }
                Thread.sleep(250);
            } catch (IOException e) {
                LOG.debug("Reconnect: {}", e.toString());
                sleepQuietly();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fire(java.util.function.Consumer<EngineListener> event) {
        for (EngineListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("Engine listener failed: {}", e.toString());
            }
        }
    }

    private JsonNode call(String method) throws IOException {
        ControlConnection c = connection;
        if (c == null || !c.isOpen()) {
            throw new IOException("Not connected to the engine");
        }
        return c.call(method, null, CALL);
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void addListener(EngineListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(EngineListener listener) {
        listeners.remove(listener);
    }

    @Override
    public TorStatus torStatus() {
        return tor;
    }

    @Override
    public List<ServiceStatus> services() {
        return List.copyOf(services.values());
    }

    @Override
    public void start() throws EngineException {
        try {
            if (connect()) {
                call("startTor");
                return;
            }
            if (launcher == null) {
                throw new EngineException("No engine runs on " + dataDir + ", and this window cannot start one");
            }
            Process p = launcher.spawn(dataDir);
            startedHere = true;
            long deadline = System.nanoTime() + SPAWN.toNanos();
            while (System.nanoTime() < deadline) {
                if (connect()) {
                    return; // the daemon starts tor by itself
                }
                if (!p.isAlive() && !connect()) {
                    throw new EngineException("The engine ended at start (exit " + p.exitValue() + "): "
                            + EngineProcess.tail(dataDir, 5));
                }
                Thread.sleep(100);
            }
            throw new EngineException("The engine did not open its control socket within " + SPAWN.toSeconds() + " s: "
                    + EngineProcess.tail(dataDir, 5));
        } catch (IOException e) {
            throw new EngineException("Cannot start the engine: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("Interrupted while starting the engine", e);
        }
    }

    @Override
    public void stopTor() {
        try {
            call("stopTor");
        } catch (IOException e) {
            LOG.warn("Stopping tor: {}", e.getMessage());
        }
    }

    @Override
    public void restartTor() {
        try {
            call("restartTor");
        } catch (IOException e) {
            fire(l -> l.error("Restarting tor: " + e.getMessage()));
        }
    }

    @Override
    public void applySettingsNow() {
        ControlConnection c = connection;
        if (c != null && c.isOpen()) {
            c.call("applySettings", null); // the engine also picks the file up by itself within a second
        }
    }

    @Override
    public Optional<InetSocketAddress> socksAddress() {
        try {
            return io.onionpanel.engine.RuntimeInfo.hostPort(call("socks").path("socks").asText());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public MonitorView monitor() {
        return monitor;
    }

    /** Through the engine's current connection: after a reconnect, the new one; none while disconnected (said). */
    @Override
    public io.onionpanel.actions.PanelActions actions() {
        return new RemotePanelActions(() -> {
            ControlConnection c = connection;
            if (c == null || !c.isOpen()) {
                throw new java.io.UncheckedIOException(new IOException("Not connected to the engine"));
            }
            return c;
        });
    }

    @Override
    public boolean separateProcess() {
        return true;
    }

    @Override
    public boolean startedHere() {
        return startedHere;
    }

    /** The engine's process id, as it said in hello; 0 before the first attach. */
    @Override
    public long enginePid() {
        return enginePid;
    }

    public boolean attached() {
        ControlConnection c = connection;
        return c != null && c.isOpen();
    }

    @Override
    public void stopEngine() {
        stoppedOnPurpose = true;
        long pid = enginePid;
        try {
            call("stop");
        } catch (IOException e) {
            LOG.warn("Stopping the engine: {}", e.getMessage());
        }
        // Its answer comes before it stops: wait for the process itself (tor stopped, history saved).
        ProcessHandle.of(pid).ifPresent(h -> {
            try {
                h.onExit().get(CALL.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("The engine (pid {}) did not end within {} s", pid, CALL.toSeconds());
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            if (reconnector != null) {
                reconnector.interrupt();
            }
        }
        ControlConnection c = connection;
        if (c != null) {
            c.close();
        }
    }
}
