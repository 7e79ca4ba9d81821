package io.onionpanel.engine;

import io.onionpanel.common.DaemonThreads;
import io.onionpanel.common.ValidationException;
import io.onionpanel.onion.ServiceFolders;
import io.onionpanel.settings.Settings;
import io.onionpanel.settings.SettingsSnapshot;
import io.onionpanel.settings.SettingsWatcher;
import io.onionpanel.settings.TorSettings;
import io.onionpanel.tor.TorBinary;
import io.onionpanel.tor.TorControl;
import io.onionpanel.tor.TorPaths;
import io.onionpanel.tor.TorrcLines;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The panel's engine: runs tor, keeps the configured onion services on it, follows settings changes made
 * by any process, and restarts tor with backoff if it dies. All state is confined to one thread, so its parts
 * need no locks and see tor's events, timers and settings changes in one order; callers and tor's event thread
 * hand work to it. This class is the front door and follows the settings; the parts do the work:
 * {@link TorLifecycle} (launch or attach, {@link BootstrapWatchdog}, {@link CrashRestarts}, stop),
 * {@link TorEventRouter} (tor's events in order), {@link ServiceReconciler} (settings → tor's services, with
 * {@link ServiceStatuses}), {@link PublicationWatch} (publish timeout), {@link ServiceProber} (reachability),
 * {@link ClientChangeTracker}, {@link NetworkVersionCheck} and {@link StatusBoard} (statuses and listeners).
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final EngineOptions options;
    private final SettingsWatcher settings;
    /** The engine's subscription to the settings watcher while it runs; engine thread. */
    private AutoCloseable following;
    private long announced; // engine thread: the last settings snapshot the listeners heard of
    /** The settings last taken, to log what the next version changes; engine thread. */
    private Settings taken;
    private final ServiceFolders folders;
    private final ScheduledExecutorService thread;
    private final StatusBoard board = new StatusBoard();
    private final TorLogTail tail = new TorLogTail();
    private final PublicationWatch publication;
    private final ClientChangeTracker clientChanges;
    private final NetworkVersionCheck versionCheck;
    private final ServiceReconciler reconciler;
    private final TorScopedParts parts;
    private final TorLifecycle lifecycle;
    private final TorLink link = new TorLink() {
        @Override
        public Optional<TorControl> control() {
            return Optional.ofNullable(lifecycle.control());
        }

        @Override
        public Optional<InetSocketAddress> socks() {
            return socksAddress();
        }
    };

    public Engine(EngineOptions options) {
        this(options, TorLauncher.REAL, Timescale.REAL);
    }

    /** With another tor than the real one, and shorter seconds: for the engine's fake-tor tests. */
    Engine(EngineOptions options, TorLauncher launcher, Timescale time) {
        this.options = options;
        this.settings = SettingsWatcher.of(options.dataDir());
        this.folders = new ServiceFolders(options.dataDir());
        this.thread = Executors.newSingleThreadScheduledExecutor(DaemonThreads.factory("onion-panel-engine"));
        // The parts read the current tor from the lifecycle, made last: they only ask once the engine runs.
        ServiceProber prober = new ServiceProber(thread, time, board, () -> tor().generation(), () -> tor().socks(),
                settings::current);
        this.publication = new PublicationWatch(thread, time, board, tail, () -> tor().generation(), prober::published);
        this.clientChanges = new ClientChangeTracker(thread, time, board, publication, () -> tor().tor());
        this.versionCheck = new NetworkVersionCheck(thread, time, board, options.dataDir(),
                () -> tor().generation(), () -> tor().control(), () -> tor().binary());
        EarlyUpload earlyUpload = new EarlyUpload(thread, time,
                () -> publication.uploadsInFlight() || clientChanges.uploadsInFlight(), this::reapplyServices);
        this.reconciler = new ServiceReconciler(settings, folders, TorPaths.in(options.dataDir()), board, tail, publication,
                clientChanges, earlyUpload, settings -> LaunchPlan.operatorLines(settings, options));
        this.parts = new TorScopedParts(tail, board, publication, clientChanges, prober, versionCheck, earlyUpload);
        TorEventRouter events = new TorEventRouter(thread, board, tail, publication, clientChanges, earlyUpload,
                () -> tor().generation(), this::onBootstrapped);
        this.lifecycle = new TorLifecycle(options, launcher, time, thread, board, tail, parts, reconciler, events);
    }

    /** The running tor for the features built on the engine (the monitor): its control connection and SOCKS port. */
    public TorLink torLink() {
        return link;
    }

    public void addListener(EngineListener listener) {
        board.addListener(listener);
    }

    public void removeListener(EngineListener listener) {
        board.removeListener(listener);
    }

    public TorStatus torStatus() {
        return board.torStatus();
    }

    public List<ServiceStatus> services() {
        return board.snapshot();
    }

    public Optional<InetSocketAddress> socksAddress() {
        return Optional.ofNullable(lifecycle.socks());
    }

    public Optional<TorBinary> torBinary() {
        return call(() -> Optional.ofNullable(lifecycle.binary()));
    }

    public Path dataDir() {
        return options.dataDir();
    }

    /**
     * Locks the data folder and starts tor; returns once tor's control port is ours. Bootstrap and
     * publication continue in the background and are reported to the listeners.
     */
    public void start() throws EngineException {
        try {
            thread.submit(() -> {
                // Before tor's launch, which takes a while: a change written meanwhile is announced.
                SettingsSnapshot atStart = settings.current();
                lifecycle.start(this::applyIfKeysReplaced);
                // What tor was launched with, not the file read after it: a change written during the launch (the
                // window's, as soon as it sees a service's address) is then logged as one when it is applied.
                taken = lifecycle.launchedSettings();
                if (following == null) {
                    announced = atStart.sequence();
                    following = settings.subscribe(options.settingsPollInterval(), snapshot -> thread.execute(() -> {
                        announce(snapshot);
                        applySettingsIfChanged();
                    }));
                }
                return null;
            }).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EngineException ee) {
                throw ee;
            }
            throw new EngineException("Engine failed to start: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("Interrupted while starting", e);
        }
    }

    /**
     * Brings tor up whatever state it is in: starts it when stopped or never started, and restarts it when it was
     * started and failed since (a bootstrap timeout: {@link #start()} then has nothing to do). Blocks as start does.
     */
    public void startOrRecover() throws EngineException {
        start();
        if (torStatus().state() == TorStatus.State.FAILED) {
            restartTor();
        }
    }

    /** Stops tor and releases the data folder; blocks until done. Safe to call more than once. */
    public void stop() {
        if (thread.isShutdown()) {
            return;
        }
        try {
            thread.submit(() -> {
                unfollow();
                return lifecycle.shutdown();
            }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Engine did not stop cleanly: {}", e.toString());
        }
    }

    /** Stops and starts tor again (the GUI's Restart button); services keep their addresses. */
    public void restartTor() {
        thread.execute(() -> {
            if (lifecycle.running()) {
                lifecycle.restart(null);
            }
        });
    }

    /** Applies the settings on disk now instead of at the next poll. */
    public void applySettingsNow() {
        thread.execute(this::applySettingsIfChanged);
    }

    private void unfollow() {
        if (following != null) {
            try {
                following.close();
            } catch (Exception e) {
                LOG.debug("Settings subscription: {}", e.toString());
            }
            following = null;
        }
    }

    @Override
    public void close() {
        stop();
        thread.shutdownNow();
        parts.close();
    }

    // ---- engine thread ------------------------------------------------------------------------------------

    /** Tells the listeners of a change of the file once, before tor (if it runs) is given it. */
    private void announce(SettingsSnapshot snapshot) {
        if (snapshot.sequence() > announced) {
            announced = snapshot.sequence();
            board.fire(EngineListener::settingsChanged);
        }
    }

    /** A backup import replaced a running service's keys: tor must load them though the settings are the same. */
    private void applyIfKeysReplaced() {
        if (lifecycle.running() && lifecycle.tor() != null && reconciler.keysReplaced()) {
            applySettingsIfChanged();
        }
    }

    /**
     * Follows the settings file (read through the watcher, so a change never applies an older file after a newer
     * one): tor's own options restart tor, the services go to the reconciler.
     */
    private void applySettingsIfChanged() {
        if (!lifecycle.running() || lifecycle.tor() == null) {
            return;
        }
        SettingsSnapshot snapshot = this.settings.current();
        if (snapshot.holds(lifecycle.settingsBytes()) && !reconciler.keysReplaced()) {
            return;
        }
        lifecycle.settingsBytes(snapshot.bytes());
        if (!snapshot.ok()) {
            board.error(snapshot.problem().getMessage() + " The running services are unchanged.");
            return;
        }
        Settings settings = snapshot.settings();
        byte[] bytes = snapshot.bytes();
        logChanges(settings);
        if (!settings.tor().equals(lifecycle.launchedTorSettings())) {
            try {
                TorrcLines.fromSettings(settings.tor());
                settings.tor().connection().validated();
            } catch (ValidationException e) {
                // Checked before tor is stopped: settings written past the window's check leave tor as it runs.
                board.error(e.getMessage() + ". Tor keeps running with its current settings.");
                return;
            }
            LOG.info("Tor settings changed; restarting tor to apply them");
            TorSettings before = lifecycle.launchedTorSettings();
            if (before != null && !before.connection().equals(settings.tor().connection())) {
                // In words that hold no secret: the mode and the proxy's host, never a bridge line or password.
                board.notice("Connection now: " + settings.tor().connection().describe());
            }
            lifecycle.restart("Applying new tor settings");
            return;
        }
        Wanted wanted;
        try {
            wanted = Wanted.of(settings, folders, lifecycle.binary());
        } catch (EngineException e) {
            board.error(e.getMessage() + " The running services are unchanged.");
            return;
        }
        reconciler.apply(lifecycle.tor(), settings, wanted, bytes);
    }

    private void logChanges(Settings now) {
        if (taken != null) {
            SettingsChanges.between(taken, now, name -> Optional.ofNullable(board.service(name)).map(ServiceStatus::onion).orElse(null),
                    name -> io.onionpanel.onion.OnionAddress.readHostname(folders.dir(name)).orElse(null)).forEach(board::notice);
        }
        taken = now;
    }

    private void onBootstrapped() {
        int gen = lifecycle.generation();
        if (reconciler.takeBootstrapTurn()) {
            // The services go to tor now (see ServiceReconciler.awaitBootstrap). Whatever the settings hold
            // differs from what tor runs (nothing yet): apply it as any change.
            lifecycle.settingsBytes(null);
            applySettingsIfChanged();
        }
        if (gen != lifecycle.generation()) {
            return; // the settings changed tor's own options since its launch: another tor is starting
        }
        lifecycle.bootstrapped();
        board.setTorStatus(board.torStatus().with(TorStatus.State.RUNNING, null));
        parts.torRunning(gen);
        SettingsSnapshot now = settings.current();
        int publishTimeout = now.ok() ? now.settings().tor().publishTimeoutSeconds() : TorSettings.DEFAULT_PUBLISH_TIMEOUT;
        reconciler.bootstrapped(publishTimeout);
    }

    /** A starting service's intro circuits are ready: tor gets its services again and uploads at once (EarlyUpload). */
    private void reapplyServices() {
        if (lifecycle.running() && lifecycle.tor() != null) {
            reconciler.reapply(lifecycle.tor());
        }
    }

    /** The lifecycle, for the parts made before it (a method: the compiler does not follow lambdas' timing). */
    private TorLifecycle tor() {
        return lifecycle;
    }

    private <T> T call(Callable<T> task) {
        try {
            return thread.submit(task).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
