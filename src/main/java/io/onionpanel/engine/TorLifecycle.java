package io.onionpanel.engine;

import io.onionpanel.connection.ConnectionHints;
import io.onionpanel.onion.ServiceFolders;
import io.onionpanel.settings.Settings;
import io.onionpanel.settings.SettingsWatcher;
import io.onionpanel.settings.TorSettings;
import io.onionpanel.tor.TorBinary;
import io.onionpanel.tor.TorControl;
import io.onionpanel.tor.TorEvent;
import io.onionpanel.tor.TorException;
import io.onionpanel.tor.TorHandle;
import io.onionpanel.tor.TorPaths;
import io.onionpanel.tor.TorSupport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * tor's life in the engine: launch (or attach), the bootstrap watchdog, restart with backoff after tor dies,
 * stop and shutdown; the data-folder lock. Engine thread: what it keeps is read there, except the SOCKS port and
 * control connection, which other threads read through the engine's {@link TorLink}.
 */
final class TorLifecycle implements CrashRestarts.Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final Duration CONTROL_PORT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    /** What the engine does with the launched tor's events; called on the thread named. */
    interface Events {
        /** On tor's control reader thread. */
        void arrived(int generation, TorEvent event);

        /** On the engine thread: tor had bootstrapped when its control port answered. */
        void bootstrapped();
    }

    private final EngineOptions options;
    private final TorLauncher launcher;
    private final Timescale time;
    private final SettingsWatcher settingsWatcher;
    private final ServiceFolders folders;
    private final TorPaths paths;
    private final ScheduledExecutorService thread;
    private final StatusBoard board;
    private final TorScopedParts parts;
    private final ServiceReconciler reconciler;
    private final Events events;

    private InstanceLock lock;
    private TorHandle tor;
    private int generation;
    private TorBinary binary;
    /** The running tor is below the supported minimum and runs only because the operator allowed it. */
    private boolean unsupportedAllowed;
    private Settings launched;
    private byte[] settingsBytes;
    private final BootstrapWatchdog watchdog;
    private final CrashRestarts crashes;
    private ScheduledFuture<?> keysPoll;
    private boolean running;
    private volatile InetSocketAddress socks;
    /** The running tor's control connection, for the {@link TorLink} (circuit list, NEWNYM); null while tor is down. */
    private volatile TorControl liveControl;

    TorLifecycle(EngineOptions options, TorLauncher launcher, Timescale time, ScheduledExecutorService thread,
                 StatusBoard board, TorLogTail tail, TorScopedParts parts, ServiceReconciler reconciler, Events events) {
        this.options = options;
        this.launcher = launcher;
        this.time = time;
        this.settingsWatcher = SettingsWatcher.of(options.dataDir());
        this.folders = new ServiceFolders(options.dataDir());
        this.paths = TorPaths.in(options.dataDir());
        this.thread = thread;
        this.board = board;
        this.watchdog = new BootstrapWatchdog(thread, time, board, tail);
        this.parts = parts;
        this.crashes = new CrashRestarts(thread, time, board, this);
        this.reconciler = reconciler;
        this.events = events;
    }

    /**
     * Locks the data folder and launches tor; then runs {@code followKeys} every poll interval (keys replaced in a
     * service's folder change nothing in the settings file, which reaches the engine from its watcher).
     */
    void start(Runnable followKeys) throws EngineException {
        if (running) {
            return;
        }
        lock = InstanceLock.acquire(options.dataDir());
        running = true;
        try {
            launch();
        } catch (EngineException e) {
            running = false;
            lock.close();
            board.setTorStatus(board.torStatus().with(TorStatus.State.FAILED, e.getMessage()));
            throw e;
        }
        long every = options.settingsPollInterval().toMillis();
        keysPoll = thread.scheduleWithFixedDelay(followKeys, every, every, TimeUnit.MILLISECONDS);
    }

    /** Stops tor and launches another (the Restart button, or tor's own settings changed); {@code why} may be null. */
    void restart(String why) {
        board.notice("Restarting tor: " + (why == null ? "asked from the panel"
                : Character.toLowerCase(why.charAt(0)) + why.substring(1)));
        stopTor();
        board.setTorStatus(board.torStatus().with(TorStatus.State.RESTARTING, why));
        try {
            launch();
        } catch (EngineException e) {
            fail(e.getMessage());
        }
    }

    /** tor finished bootstrapping: the watchdog and the backoff are done with. */
    void bootstrapped() {
        crashes.reset();
        watchdog.disarm();
    }

    @Override
    public boolean running() {
        return running;
    }

    @Override
    public boolean hasTor() {
        return tor != null;
    }

    @Override
    public boolean attached() {
        return EngineAttach.isAttached(binary);
    }

    @Override
    public void forget() {
        tor = null;
        socks = null;
        liveControl = null;
    }

    /** The tor in use, or null while it is down. */
    TorHandle tor() {
        return tor;
    }

    /** Counts the tors launched: events, timers and answers of an earlier one are dropped. */
    @Override
    public int generation() {
        return generation;
    }

    TorBinary binary() {
        return binary;
    }

    TorSettings launchedTorSettings() {
        return launched == null ? null : launched.tor();
    }

    /** The settings the running tor was launched with (its services are applied from them once it bootstraps). */
    Settings launchedSettings() {
        return launched;
    }

    InetSocketAddress socks() {
        return socks;
    }

    TorControl control() {
        return liveControl;
    }

    /** The settings file as last applied; null makes the next look apply it whatever it holds. */
    byte[] settingsBytes() {
        return settingsBytes;
    }

    void settingsBytes(byte[] bytes) {
        settingsBytes = bytes;
    }

    /** Launches (or attaches to) a tor with what the settings say now; engine thread. */
    @Override
    public void launch() throws EngineException {
        LaunchPlan plan = LaunchPlan.read(options, settingsWatcher, folders, paths, launcher);
        Settings settings = plan.settings();
        Wanted wanted = plan.wanted();
        var attach = plan.attach();
        binary = plan.binary();
        if (attach == null) {
            unsupportedAllowed = plan.unsupportedAllowed();
        }

        int gen = ++generation;
        parts.newTor();
        board.setTorStatus(new TorStatus(TorStatus.State.STARTING, 0, "starting", "Starting tor", binary.version(),
                binary.origin().label(), null, unsupportedAllowed, null));
        if (unsupportedAllowed) {
            board.notice("Running an unsupported tor because it was allowed: " + TorSupport.why(binary));
        }
        if (attach != null) {
            tor = launcher.attach(attach, wanted.services(), event -> events.arrived(gen, event),
                    notice -> thread.execute(() -> board.notice(notice)));
            binary = EngineAttach.announce(tor, attach, settings.tor(), options, board);
            unsupportedAllowed = false;
        } else {
            try {
                tor = launcher.launch(binary, paths, plan.torrc(), CONTROL_PORT_TIMEOUT, event -> events.arrived(gen, event));
            } catch (TorException e) {
                throw new EngineException(e.getMessage(), e);
            }
        }
        liveControl = tor.control();
        TorHandle process = tor;
        process.onExit().thenRun(() -> thread.execute(() -> crashes.exited(gen, process)));
        launched = settings;
        reconciler.launched(wanted, plan.deferServices(), plan.settingsBytes());
        settingsBytes = plan.settingsBytes();
        socks = process.socksIfListening();
        // Before any listener hears of the new tor: whoever sees its addresses can find its SOCKS port.
        RuntimeInfo.record(options.dataDir(), process, socks);
        // Tor's state first, then the addresses: whoever sees an address finds tor already past STARTING.
        TorEvent.Bootstrap phase = null;
        try {
            phase = process.bootstrapPhase();
            board.setTorStatus(board.torStatus().with(TorStatus.State.BOOTSTRAPPING, null)
                    .withProgress(phase.progress(), phase.tag(), phase.summary()));
        } catch (IOException e) {
            LOG.warn("Could not read tor's bootstrap phase: {}", e.toString());
        }
        if (plan.deferServices()) {
            // Off the path to tor's launch (a key takes ~0.1 s in a fresh JVM), well before its bootstrap.
            wanted.createMissingKeys(folders, board);
        }
        reconciler.refreshStatuses(settings, tor != null);
        if (phase != null && phase.done()) {
            events.bootstrapped();
            if (gen != generation) {
                return; // the services' settings asked for another tor, launched from there with its own watchdog
            }
        }
        EngineDefenses.singleOnionNotice(settings.tor()).ifPresent(board::notice);
        int timeout = settings.tor().bootstrapTimeoutSeconds();
        if (board.torStatus().state() != TorStatus.State.RUNNING) {
            var connection = settings.tor().connection();
            watchdog.arm(timeout, () -> gen == generation, message -> {
                String hint = ConnectionHints.afterTimeout(connection, board.torStatus().tag());
                stopTor();
                fail(hint.isEmpty() || message.endsWith(".") ? message + hint : message + "." + hint);
            });
        }
    }

    void fail(String message) {
        LOG.error(message);
        servicesDown();
        board.setTorStatus(board.torStatus().with(TorStatus.State.FAILED, message));
        board.error(message);
    }

    void stopTor() {
        generation++;
        watchdog.disarm();
        parts.torStopping();
        if (tor != null) {
            tor.stop(STOP_GRACE);
            tor = null;
        }
        forget();
        RuntimeInfo.delete(options.dataDir());
    }

    Void shutdown() {
        if (!running) {
            return null;
        }
        running = false;
        if (keysPoll != null) {
            keysPoll.cancel(false);
        }
        stopTor();
        servicesDown();
        board.setTorStatus(board.torStatus().with(TorStatus.State.STOPPED, null));
        if (lock != null) {
            lock.close();
            lock = null;
        }
        return null;
    }

    @Override
    public void servicesDown() {
        parts.servicesDown();
    }
}
