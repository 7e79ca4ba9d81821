package io.onionpanel.engine;

import io.onionpanel.common.ValidationException;
import io.onionpanel.onion.ServiceFolders;
import io.onionpanel.settings.Settings;
import io.onionpanel.settings.SettingsException;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.settings.TorSettings;
import io.onionpanel.tor.FixedSocksPort;
import io.onionpanel.tor.TorBinary;
import io.onionpanel.tor.TorControl;
import io.onionpanel.tor.TorEvent;
import io.onionpanel.tor.TorException;
import io.onionpanel.tor.TorHandle;
import io.onionpanel.tor.TorLocator;
import io.onionpanel.tor.TorPaths;
import io.onionpanel.tor.TorProcess;
import io.onionpanel.tor.TorSupport;
import io.onionpanel.tor.Torrc;
import io.onionpanel.tor.TorrcLines;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The panel's engine: runs tor, keeps the configured onion services on it, follows settings changes made
 * by any process, and restarts tor with backoff if it dies. All state is confined to one thread; callers
 * and tor's event thread hand work to it.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final Duration CONTROL_PORT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final int MAX_BACKOFF_SECONDS = 60;

    private final EngineOptions options;
    private final TorLauncher launcher;
    private final Timescale time;
    private final SettingsStore store;
    private final ServiceFolders folders;
    private final TorPaths paths;
    private final ScheduledExecutorService thread;
    private final StatusBoard board = new StatusBoard();
    private final TorLogTail tail = new TorLogTail();
    private final PublicationWatch publication;
    private final ClientChangeTracker clientChanges;
    private final NetworkVersionCheck versionCheck;
    private final ServiceReconciler reconciler;

    // Engine-thread state.
    private InstanceLock lock;
    private TorHandle tor;
    private int generation;
    private TorBinary binary;
    /** The running tor is below the supported minimum and runs only because the operator allowed it. */
    private boolean unsupportedAllowed;
    private TorSettings launchedTorSettings;
    private byte[] lastSettingsBytes;
    private ScheduledFuture<?> bootstrapWatchdog;
    private ScheduledFuture<?> settingsPoll;
    private int restartAttempt;
    private boolean running;
    private volatile InetSocketAddress socks;
    /** The running tor's control connection, for the {@link TorLink} (circuit list, NEWNYM); null while tor is down. */
    private volatile TorControl liveControl;
    private final TorLink link = new TorLink() {
        @Override
        public Optional<TorControl> control() {
            return Optional.ofNullable(liveControl);
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
        this.launcher = launcher;
        this.time = time;
        this.store = new SettingsStore(options.dataDir());
        this.folders = new ServiceFolders(options.dataDir());
        this.paths = TorPaths.in(options.dataDir());
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "onion-panel-engine");
            t.setDaemon(true);
            return t;
        });
        this.publication = new PublicationWatch(thread, time, board, tail, () -> generation, () -> socks);
        this.clientChanges = new ClientChangeTracker(thread, time, board, publication, () -> tor);
        this.versionCheck = new NetworkVersionCheck(thread, time, board, options.dataDir(), () -> generation,
                () -> liveControl, () -> binary);
        this.reconciler = new ServiceReconciler(store, folders, paths, board, tail, publication, clientChanges,
                this::operatorLines);
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
        return Optional.ofNullable(socks);
    }

    public Optional<TorBinary> torBinary() {
        return call(() -> Optional.ofNullable(binary));
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
                if (running) {
                    return null;
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
                settingsPoll = thread.scheduleWithFixedDelay(this::applySettingsIfChanged,
                        options.settingsPollInterval().toMillis(), options.settingsPollInterval().toMillis(), TimeUnit.MILLISECONDS);
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

    /** Stops tor and releases the data folder; blocks until done. Safe to call more than once. */
    public void stop() {
        if (thread.isShutdown()) {
            return;
        }
        try {
            thread.submit(this::shutdown).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Engine did not stop cleanly: {}", e.toString());
        }
    }

    /** Stops and starts tor again (the GUI's Restart button); services keep their addresses. */
    public void restartTor() {
        thread.execute(() -> {
            if (!running) {
                return;
            }
            stopTor();
            board.setTorStatus(board.torStatus().with(TorStatus.State.RESTARTING, null));
            try {
                launch();
            } catch (EngineException e) {
                fail(e.getMessage());
            }
        });
    }

    /** Applies the settings on disk now instead of at the next poll. */
    public void applySettingsNow() {
        thread.execute(this::applySettingsIfChanged);
    }

    @Override
    public void close() {
        stop();
        thread.shutdownNow();
        publication.close();
    }

    // ---- engine thread ------------------------------------------------------------------------------------

    private void launch() throws EngineException {
        Settings settings;
        byte[] bytes;
        try {
            bytes = store.readBytes();
            settings = store.parse(bytes);
        } catch (SettingsException e) {
            throw new EngineException(e.getMessage(), e);
        }
        List<String> operatorLines;
        try {
            // Before the binary: a refused line stops the start before the bundled tor is extracted.
            operatorLines = operatorLines(settings);
        } catch (ValidationException e) {
            throw new EngineException(e.getMessage(), e);
        }
        var attach = EngineAttach.chosen(options, settings.tor());
        binary = attach != null ? EngineAttach.placeholder() : resolveBinary(settings.tor());
        Wanted wanted = Wanted.of(settings, folders, binary);
        int fixedSocks = settings.tor().fixedSocksPort();
        // Only a tor the panel launches listens there (an attached tor has its own ports, a single onion none).
        if (fixedSocks > 0 && attach == null && !settings.tor().singleOnion() && !FixedSocksPort.isFree(fixedSocks)) {
            throw new EngineException(FixedSocksPort.takenAtStart(fixedSocks));
        }
        // A single onion service cannot wait: tor refuses its non-anonymous mode without a service at start.
        boolean deferServices = attach == null && !settings.tor().singleOnion();
        String torrc = Torrc.render(paths, operatorLines, deferServices ? List.of() : wanted.services(), fixedSocks,
                settings.tor().singleOnion());
        if (deferServices) {
            torrc += "# The onion services are added over the control port once tor has bootstrapped, and written here then.\n";
            if (!wanted.services().isEmpty()) {
                // tor counts its services as activity, but has none until bootstrap: after a day with no service
                // and no client traffic it ends a run dormant and would start the next one dormant, never to
                // bootstrap. This start is the operator's: services are wanted.
                torrc += "DormantCanceledByStartup 1\n";
            }
        }

        int gen = ++generation;
        publication.clearUploads();
        clientChanges.clear();
        tail.clearRecent();
        board.setTorStatus(new TorStatus(TorStatus.State.STARTING, 0, "starting", "Starting tor", binary.version(),
                binary.origin().label(), null, unsupportedAllowed, null));
        if (unsupportedAllowed) {
            board.notice("Running an unsupported tor because it was allowed: " + TorSupport.why(binary));
        }
        if (attach != null) {
            tor = launcher.attach(attach, wanted.services(), event -> onTorEventArrived(gen, event),
                    notice -> thread.execute(() -> board.notice(notice)));
            binary = EngineAttach.describe(tor);
            EngineAttach.ignoredSettings(settings.tor(), options).ifPresent(board::notice);
            unsupportedAllowed = false;
            board.setTorStatus(new TorStatus(TorStatus.State.STARTING, 0, "starting", "Attached to tor at " + attach.control(),
                    binary.version(), "attached", null, false, null));
            TorSupport.refusal(binary).ifPresent(why -> board.error("The attached tor is not supported: " + why));
        } else {
            try {
                tor = launcher.launch(binary, paths, torrc, CONTROL_PORT_TIMEOUT, event -> onTorEventArrived(gen, event));
            } catch (TorException e) {
                throw new EngineException(e.getMessage(), e);
            }
        }
        liveControl = tor.control();
        TorHandle process = tor;
        process.onExit().thenRun(() -> thread.execute(() -> onTorExit(gen, process)));
        launchedTorSettings = settings.tor();
        reconciler.launched(wanted, deferServices, bytes);
        lastSettingsBytes = bytes;
        socks = socksListener(process);
        try {
            // Before any listener hears of the new tor: whoever sees its addresses can find its SOCKS port.
            new RuntimeInfo(ProcessHandle.current().pid(), process.pid(), socks == null ? null : hostPort(socks),
                    process.controlEndpoint(), Instant.now().toString()).write(options.dataDir());
        } catch (IOException e) {
            LOG.warn("Could not write {}: {}", RuntimeInfo.class.getSimpleName(), e.toString());
        }
        // Tor's state first, then the addresses: whoever sees an address finds tor already past STARTING.
        TorEvent.Bootstrap phase = null;
        try {
            phase = process.bootstrapPhase();
            board.setTorStatus(board.torStatus().with(TorStatus.State.BOOTSTRAPPING, null)
                    .withProgress(phase.progress(), phase.tag(), phase.summary()));
        } catch (IOException e) {
            LOG.warn("Could not read tor's bootstrap phase: {}", e.toString());
        }
        if (deferServices) {
            // Off the path to tor's launch (a key takes ~0.1 s in a fresh JVM), well before its bootstrap.
            wanted.createMissingKeys(folders, board);
        }
        reconciler.refreshStatuses(settings, tor != null);
        if (phase != null && phase.done()) {
            onBootstrapped();
            if (gen != generation) {
                return; // the services' settings asked for another tor, launched from there with its own watchdog
            }
        }
        EngineDefenses.singleOnionNotice(settings.tor()).ifPresent(board::notice);
        int timeout = settings.tor().bootstrapTimeoutSeconds();
        if (board.torStatus().state() != TorStatus.State.RUNNING) {
            bootstrapWatchdog = thread.schedule(() -> bootstrapTimedOut(gen, timeout), time.millis(timeout), TimeUnit.MILLISECONDS);
        }
    }

    /** The settings' extra torrc lines (validated) followed by this run's --torrc-append lines. */
    private List<String> operatorLines(Settings settings) {
        List<String> lines = new ArrayList<>(TorrcLines.fromSettings(settings.tor()));
        lines.addAll(options.extraTorrcLines());
        return lines;
    }

    /** tor opens no SOCKS listener while DisableNetwork is set; that is not an error. */
    private static InetSocketAddress socksListener(TorHandle process) {
        try {
            return process.socksAddress();
        } catch (IOException e) {
            return null;
        }
    }

    private TorBinary resolveBinary(TorSettings torSettings) throws EngineException {
        try {
            TorLocator.Selection selection = launcher.select(options.dataDir(), options.torOverride(), torSettings.binary(),
                    options.allowUnsupportedTor() || torSettings.allowUnsupported());
            unsupportedAllowed = selection.unsupportedAllowed();
            return selection.tor();
        } catch (TorException e) {
            throw new EngineException(e.getMessage(), e);
        }
    }

    private void applySettingsIfChanged() {
        if (!running || tor == null) {
            return;
        }
        byte[] bytes;
        Settings settings;
        try {
            bytes = store.readBytes();
            if (Arrays.equals(bytes, lastSettingsBytes) && !reconciler.keysReplaced()) {
                return;
            }
            lastSettingsBytes = bytes;
            settings = store.parse(bytes);
        } catch (SettingsException e) {
            board.error(e.getMessage() + " The running services are unchanged.");
            return;
        }
        if (!settings.tor().equals(launchedTorSettings)) {
            try {
                TorrcLines.fromSettings(settings.tor());
            } catch (ValidationException e) {
                // Checked before tor is stopped: settings written past the window's check leave tor as it runs.
                board.error(e.getMessage() + ". Tor keeps running with its current settings.");
                return;
            }
            LOG.info("Tor settings changed; restarting tor to apply them");
            stopTor();
            board.setTorStatus(board.torStatus().with(TorStatus.State.RESTARTING, "Applying new tor settings"));
            try {
                launch();
            } catch (EngineException e) {
                fail(e.getMessage());
            }
            return;
        }
        Wanted wanted;
        try {
            wanted = Wanted.of(settings, folders, binary);
        } catch (EngineException e) {
            board.error(e.getMessage() + " The running services are unchanged.");
            return;
        }
        reconciler.apply(tor, settings, wanted, bytes);
    }

    private void onTorEvent(int gen, TorEvent event) {
        if (gen != generation) {
            return;
        }
        board.fire(l -> l.torEvent(event));
        if (event instanceof TorEvent.Bootstrap b) {
            board.setTorStatus(board.torStatus().withProgress(b.progress(), b.tag(), b.summary()));
            if (b.done() && board.torStatus().state() != TorStatus.State.RUNNING) {
                onBootstrapped();
            } else if (!b.done() && board.torStatus().state() == TorStatus.State.RUNNING) {
                // tor re-reports bootstrap after using cached directory info, or after losing the network.
                board.setTorStatus(board.torStatus().with(TorStatus.State.BOOTSTRAPPING, null));
            }
        } else if (event instanceof TorEvent.HsDesc d) {
            if (clientChanges.follows(d.address())) {
                clientChanges.onUpload(d);
            } else if (d.action().equals("UPLOADED")) {
                publication.uploaded(d.address());
            }
        } else if (event instanceof TorEvent.Log log) {
            tail.remember(log);
        }
    }

    private void onBootstrapped() {
        int gen = generation;
        addServicesAfterBootstrap();
        if (gen != generation) {
            return; // the settings changed tor's own options since its launch: another tor is starting
        }
        restartAttempt = 0;
        if (bootstrapWatchdog != null) {
            bootstrapWatchdog.cancel(false);
        }
        board.setTorStatus(board.torStatus().with(TorStatus.State.RUNNING, null));
        versionCheck.check(gen);
        Settings settings = currentSettingsOrNull();
        int publishTimeout = settings == null ? TorSettings.DEFAULT_PUBLISH_TIMEOUT : settings.tor().publishTimeoutSeconds();
        reconciler.bootstrapped(publishTimeout);
    }

    /** On jtorctl's reader thread: note tor's warnings at once (a refusal's reason), handle the event in order. */
    private void onTorEventArrived(int gen, TorEvent event) {
        tail.arrived(event);
        thread.execute(() -> onTorEvent(gen, event));
    }

    /** Gives the launched tor its services, first thing after its bootstrap (see ServiceReconciler.awaitBootstrap). */
    private void addServicesAfterBootstrap() {
        if (!reconciler.takeBootstrapTurn()) {
            return;
        }
        // Whatever the settings hold now differs from what tor runs (nothing yet): apply it as any change.
        lastSettingsBytes = null;
        applySettingsIfChanged();
    }

    private void bootstrapTimedOut(int gen, int seconds) {
        if (gen != generation || board.torStatus().state() == TorStatus.State.RUNNING) {
            return;
        }
        String message = "tor did not finish bootstrapping within " + seconds + " s: stuck at " + board.torStatus().progress()
                + " % (" + board.torStatus().summary() + ")." + tail.lastWords();
        stopTor();
        fail(message);
    }

    private void onTorExit(int gen, TorHandle process) {
        if (gen != generation || !running) {
            return;
        }
        tor = null;
        socks = null;
        liveControl = null;
        String what = process.exitDescription();
        int delay = Math.min(MAX_BACKOFF_SECONDS, 1 << Math.min(restartAttempt, 6));
        restartAttempt++;
        String again = EngineAttach.isAttached(binary) ? "reconnecting" : "restarting";
        board.error(what + "; " + again + " in " + delay + " s"
                + (process instanceof TorProcess p ? p.lastOutput() : ""));
        markServicesStopped();
        board.setTorStatus(board.torStatus().with(TorStatus.State.RESTARTING, what + "; " + again + " in " + delay + " s"));
        thread.schedule(() -> relaunchAfterCrash(gen), time.millis(delay), TimeUnit.MILLISECONDS);
    }

    private void relaunchAfterCrash(int gen) {
        if (gen != generation || !running || tor != null) {
            return;
        }
        try {
            launch();
        } catch (EngineException e) {
            int delay = Math.min(MAX_BACKOFF_SECONDS, 1 << Math.min(restartAttempt, 6));
            restartAttempt++;
            board.error("Restarting tor failed: " + e.getMessage() + " Trying again in " + delay + " s.");
            int current = generation;
            thread.schedule(() -> relaunchAfterCrash(current), time.millis(delay), TimeUnit.MILLISECONDS);
        }
    }

    private void fail(String message) {
        LOG.error(message);
        markServicesStopped();
        board.setTorStatus(board.torStatus().with(TorStatus.State.FAILED, message));
        board.error(message);
    }

    private void stopTor() {
        generation++;
        if (bootstrapWatchdog != null) {
            bootstrapWatchdog.cancel(false);
        }
        versionCheck.cancel();
        publication.cancelAll();
        if (tor != null) {
            tor.stop(STOP_GRACE);
            tor = null;
        }
        socks = null;
        liveControl = null;
        RuntimeInfo.delete(options.dataDir());
    }

    private Void shutdown() {
        if (!running) {
            return null;
        }
        running = false;
        if (settingsPoll != null) {
            settingsPoll.cancel(false);
        }
        stopTor();
        markServicesStopped();
        board.setTorStatus(board.torStatus().with(TorStatus.State.STOPPED, null));
        if (lock != null) {
            lock.close();
            lock = null;
        }
        return null;
    }

    private void markServicesStopped() {
        publication.clearUploads();
        clientChanges.clear();
        board.stopAll();
    }

    private Settings currentSettingsOrNull() {
        try {
            return store.load();
        } catch (SettingsException e) {
            return null;
        }
    }

    private <T> T call(java.util.concurrent.Callable<T> task) {
        try {
            return thread.submit(task).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }
}
