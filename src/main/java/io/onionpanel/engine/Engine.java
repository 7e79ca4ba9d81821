package io.onionpanel.engine;

import io.onionpanel.common.AtomicFiles;
import io.onionpanel.common.ValidationException;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.onion.ServiceFolders;
import io.onionpanel.onion.ServiceValidation;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.Settings;
import io.onionpanel.settings.SettingsException;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.settings.TorSettings;
import io.onionpanel.tor.BundledTor;
import io.onionpanel.tor.TorBinary;
import io.onionpanel.tor.TorEvent;
import io.onionpanel.tor.TorException;
import io.onionpanel.tor.TorPaths;
import io.onionpanel.tor.TorProcess;
import io.onionpanel.tor.Torrc;
import io.onionpanel.tor.TorrcLines;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
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
    private static final int RECENT_MESSAGES = 8;

    private final EngineOptions options;
    private final SettingsStore store;
    private final ServiceFolders folders;
    private final TorPaths paths;
    private final ScheduledExecutorService thread;
    private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();

    // Engine-thread state.
    private InstanceLock lock;
    private TorProcess tor;
    private int generation;
    private TorBinary binary;
    private TorSettings launchedTorSettings;
    private List<Torrc.Service> appliedServices = List.of();
    private byte[] lastSettingsBytes;
    private final Map<String, ServiceStatus> services = new LinkedHashMap<>();
    private final Set<String> uploaded = new HashSet<>();
    private final Deque<String> recentMessages = new ArrayDeque<>();
    private final Map<String, ScheduledFuture<?>> publishTimers = new LinkedHashMap<>();
    private ScheduledFuture<?> bootstrapWatchdog;
    private ScheduledFuture<?> settingsPoll;
    private int restartAttempt;
    private boolean running;
    private volatile TorStatus torStatus = TorStatus.stopped();
    private volatile List<ServiceStatus> serviceSnapshot = List.of();
    private volatile InetSocketAddress socks;

    public Engine(EngineOptions options) {
        this.options = options;
        this.store = new SettingsStore(options.dataDir());
        this.folders = new ServiceFolders(options.dataDir());
        this.paths = TorPaths.in(options.dataDir());
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "onion-panel-engine");
            t.setDaemon(true);
            return t;
        });
    }

    public void addListener(EngineListener listener) {
        listeners.add(listener);
    }

    public void removeListener(EngineListener listener) {
        listeners.remove(listener);
    }

    public TorStatus torStatus() {
        return torStatus;
    }

    public List<ServiceStatus> services() {
        return serviceSnapshot;
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
                    setTorStatus(torStatus.with(TorStatus.State.FAILED, e.getMessage()));
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
            setTorStatus(torStatus.with(TorStatus.State.RESTARTING, null));
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
        binary = resolveBinary(settings.tor());
        List<String> operatorLines = new ArrayList<>();
        try {
            operatorLines.addAll(TorrcLines.validate(settings.tor().extraTorrcLines(), "Settings: extra torrc"));
        } catch (ValidationException e) {
            throw new EngineException(e.getMessage(), e);
        }
        operatorLines.addAll(options.extraTorrcLines());
        List<Torrc.Service> wanted = prepareServices(settings);
        String torrc = Torrc.render(paths, operatorLines, wanted);

        int gen = ++generation;
        uploaded.clear();
        recentMessages.clear();
        setTorStatus(new TorStatus(TorStatus.State.STARTING, 0, "starting", "Starting tor", binary.version(), binary.bundled(), null));
        try {
            tor = TorProcess.start(binary, paths, torrc, CONTROL_PORT_TIMEOUT,
                    event -> thread.execute(() -> onTorEvent(gen, event)),
                    () -> { });
        } catch (TorException e) {
            throw new EngineException(e.getMessage(), e);
        }
        TorProcess process = tor;
        process.onExit().thenRun(() -> thread.execute(() -> onTorExit(gen, process)));
        launchedTorSettings = settings.tor();
        appliedServices = wanted;
        lastSettingsBytes = bytes;
        refreshServiceStatuses(settings);
        socks = socksListener(process);
        try {
            new RuntimeInfo(ProcessHandle.current().pid(), process.pid(), socks == null ? null : hostPort(socks),
                    hostPort(process.controlAddress()), Instant.now().toString()).write(options.dataDir());
            TorEvent.Bootstrap phase = process.bootstrapPhase();
            setTorStatus(torStatus.with(TorStatus.State.BOOTSTRAPPING, null)
                    .withProgress(phase.progress(), phase.tag(), phase.summary()));
            if (phase.done()) {
                onBootstrapped();
            }
        } catch (IOException e) {
            LOG.warn("Could not read tor's listeners or bootstrap phase: {}", e.toString());
        }
        int timeout = settings.tor().bootstrapTimeoutSeconds();
        if (torStatus.state() != TorStatus.State.RUNNING) {
            bootstrapWatchdog = thread.schedule(() -> bootstrapTimedOut(gen, timeout), timeout, TimeUnit.SECONDS);
        }
    }

    /** tor opens no SOCKS listener while DisableNetwork is set; that is not an error. */
    private static InetSocketAddress socksListener(TorProcess process) {
        try {
            return process.socksAddress();
        } catch (IOException e) {
            return null;
        }
    }

    private TorBinary resolveBinary(TorSettings torSettings) throws EngineException {
        Path chosen = options.torOverride() != null ? options.torOverride()
                : torSettings.binary() != null ? Path.of(torSettings.binary()) : null;
        try {
            if (chosen != null) {
                if (binary != null && !binary.bundled() && binary.path().equals(chosen)) {
                    return binary;
                }
                return TorBinary.probe(chosen, false);
            }
            Path extracted = BundledTor.extract(options.dataDir());
            if (binary != null && binary.bundled() && binary.path().equals(extracted)) {
                return binary;
            }
            return TorBinary.probe(extracted, true);
        } catch (TorException e) {
            throw new EngineException(e.getMessage(), e);
        }
    }

    /** Validates the enabled services and creates their key folders (0700) before tor hears of them. */
    private List<Torrc.Service> prepareServices(Settings settings) throws EngineException {
        List<Torrc.Service> wanted = new ArrayList<>();
        try {
            ServiceValidation.requireUniqueNames(settings.services());
            for (ServiceConfig s : settings.services()) {
                if (s.enabled()) {
                    ServiceConfig valid = ServiceValidation.requireValid(s);
                    wanted.add(new Torrc.Service(folders.prepare(valid.name()), valid.ports()));
                }
            }
        } catch (ValidationException e) {
            throw new EngineException("Settings: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new EngineException("Cannot create a service key folder: " + e.getMessage(), e);
        }
        return wanted;
    }

    private void applySettingsIfChanged() {
        if (!running || tor == null) {
            return;
        }
        byte[] bytes;
        Settings settings;
        try {
            bytes = store.readBytes();
            if (Arrays.equals(bytes, lastSettingsBytes)) {
                return;
            }
            lastSettingsBytes = bytes;
            settings = store.parse(bytes);
        } catch (SettingsException e) {
            emitError(e.getMessage() + " The running services are unchanged.");
            return;
        }
        if (!settings.tor().equals(launchedTorSettings)) {
            LOG.info("Tor settings changed; restarting tor to apply them");
            stopTor();
            setTorStatus(torStatus.with(TorStatus.State.RESTARTING, "Applying new tor settings"));
            try {
                launch();
            } catch (EngineException e) {
                fail(e.getMessage());
            }
            return;
        }
        List<Torrc.Service> wanted;
        try {
            wanted = prepareServices(settings);
        } catch (EngineException e) {
            emitError(e.getMessage() + " The running services are unchanged.");
            return;
        }
        if (!wanted.equals(appliedServices)) {
            try {
                tor.control().command(Torrc.setConfCommand(wanted));
                appliedServices = wanted;
                // Keep the torrc in step so a restart after a crash brings up the same services.
                List<String> operatorLines = new ArrayList<>(TorrcLines.validate(settings.tor().extraTorrcLines(), "Settings: extra torrc"));
                operatorLines.addAll(options.extraTorrcLines());
                AtomicFiles.writePrivate(paths.torrc(), Torrc.render(paths, operatorLines, wanted).getBytes(StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                emitError("tor refused the new service configuration: " + e.getMessage() + ". The running services are unchanged.");
                return;
            }
        }
        refreshServiceStatuses(settings);
    }

    /** Brings the per-service statuses in line with the settings and what tor has reported. */
    private void refreshServiceStatuses(Settings settings) {
        Set<String> present = new HashSet<>();
        for (ServiceConfig s : settings.services()) {
            present.add(s.name());
            ServiceStatus before = services.get(s.name());
            String onion = OnionAddress.readHostname(folders.dir(s.name())).orElse(null);
            ServiceStatus.State state;
            String detail = null;
            if (!s.enabled() || tor == null) {
                state = ServiceStatus.State.STOPPED;
                if (onion != null) {
                    uploaded.remove(bare(onion));
                }
            } else if (onion != null && uploaded.contains(bare(onion))) {
                state = ServiceStatus.State.PUBLISHED;
            } else {
                state = ServiceStatus.State.STARTING;
                detail = torStatus.state() == TorStatus.State.RUNNING ? "Publishing the descriptor" : "Waiting for tor to bootstrap";
            }
            ServiceStatus next = new ServiceStatus(s.name(), onion, state, s.ports(), detail);
            if (!next.equals(before)) {
                services.put(s.name(), next);
                publishSnapshot();
                fire(l -> l.serviceStatusChanged(next));
                if (state == ServiceStatus.State.STARTING && torStatus.state() == TorStatus.State.RUNNING) {
                    armPublishTimer(s.name(), settings.tor().publishTimeoutSeconds());
                }
            }
        }
        for (String name : new ArrayList<>(services.keySet())) {
            if (!present.contains(name)) {
                ServiceStatus gone = services.remove(name).with(ServiceStatus.State.REMOVED, null);
                if (gone.onion() != null) {
                    uploaded.remove(bare(gone.onion()));
                }
                cancelPublishTimer(name);
                publishSnapshot();
                fire(l -> l.serviceStatusChanged(gone));
            }
        }
    }

    private void onTorEvent(int gen, TorEvent event) {
        if (gen != generation) {
            return;
        }
        fire(l -> l.torEvent(event));
        if (event instanceof TorEvent.Bootstrap b) {
            setTorStatus(torStatus.withProgress(b.progress(), b.tag(), b.summary()));
            if (b.done() && torStatus.state() != TorStatus.State.RUNNING) {
                onBootstrapped();
            } else if (!b.done() && torStatus.state() == TorStatus.State.RUNNING) {
                // tor re-reports bootstrap after using cached directory info, or after losing the network.
                setTorStatus(torStatus.with(TorStatus.State.BOOTSTRAPPING, null));
            }
        } else if (event instanceof TorEvent.HsDesc d) {
            if (d.action().equals("UPLOADED")) {
                onDescriptorUploaded(d.address());
            }
        } else if (event instanceof TorEvent.Log log) {
            remember("[" + log.level().toLowerCase() + "] " + log.message());
        }
    }

    private void onBootstrapped() {
        restartAttempt = 0;
        if (bootstrapWatchdog != null) {
            bootstrapWatchdog.cancel(false);
        }
        setTorStatus(torStatus.with(TorStatus.State.RUNNING, null));
        Settings settings = currentSettingsOrNull();
        int publishTimeout = settings == null ? TorSettings.DEFAULT_PUBLISH_TIMEOUT : settings.tor().publishTimeoutSeconds();
        for (ServiceStatus s : new ArrayList<>(services.values())) {
            if (s.state() == ServiceStatus.State.STARTING) {
                update(s.with(ServiceStatus.State.STARTING, "Publishing the descriptor"));
                armPublishTimer(s.name(), publishTimeout);
            }
        }
    }

    private void onDescriptorUploaded(String address) {
        uploaded.add(address);
        for (ServiceStatus s : new ArrayList<>(services.values())) {
            if (s.onion() != null && bare(s.onion()).equals(address) && s.state() == ServiceStatus.State.STARTING) {
                cancelPublishTimer(s.name());
                update(s.with(ServiceStatus.State.PUBLISHED, null));
            }
        }
    }

    private void armPublishTimer(String name, int seconds) {
        cancelPublishTimer(name);
        int gen = generation;
        publishTimers.put(name, thread.schedule(() -> {
            ServiceStatus s = services.get(name);
            if (gen == generation && s != null && s.state() == ServiceStatus.State.STARTING) {
                emitError("Service '" + name + "' (" + s.onion() + ") is not published after " + seconds
                        + " s; tor keeps trying." + lastWords());
            }
        }, seconds, TimeUnit.SECONDS));
    }

    private void cancelPublishTimer(String name) {
        ScheduledFuture<?> f = publishTimers.remove(name);
        if (f != null) {
            f.cancel(false);
        }
    }

    private void bootstrapTimedOut(int gen, int seconds) {
        if (gen != generation || torStatus.state() == TorStatus.State.RUNNING) {
            return;
        }
        String message = "tor did not finish bootstrapping within " + seconds + " s: stuck at " + torStatus.progress()
                + " % (" + torStatus.summary() + ")." + lastWords();
        stopTor();
        fail(message);
    }

    private void onTorExit(int gen, TorProcess process) {
        if (gen != generation || !running) {
            return;
        }
        tor = null;
        socks = null;
        int code = process.exitCode();
        int delay = Math.min(MAX_BACKOFF_SECONDS, 1 << Math.min(restartAttempt, 6));
        restartAttempt++;
        emitError("tor exited unexpectedly (exit code " + code + "); restarting in " + delay + " s" + process.lastOutput());
        markServicesStopped();
        setTorStatus(torStatus.with(TorStatus.State.RESTARTING, "tor exited (code " + code + "); restarting in " + delay + " s"));
        thread.schedule(() -> relaunchAfterCrash(gen), delay, TimeUnit.SECONDS);
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
            emitError("Restarting tor failed: " + e.getMessage() + " Trying again in " + delay + " s.");
            int current = generation;
            thread.schedule(() -> relaunchAfterCrash(current), delay, TimeUnit.SECONDS);
        }
    }

    private void fail(String message) {
        LOG.error(message);
        markServicesStopped();
        setTorStatus(torStatus.with(TorStatus.State.FAILED, message));
        emitError(message);
    }

    private void stopTor() {
        generation++;
        if (bootstrapWatchdog != null) {
            bootstrapWatchdog.cancel(false);
        }
        publishTimers.values().forEach(f -> f.cancel(false));
        publishTimers.clear();
        if (tor != null) {
            tor.stop(STOP_GRACE);
            tor = null;
        }
        socks = null;
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
        setTorStatus(torStatus.with(TorStatus.State.STOPPED, null));
        if (lock != null) {
            lock.close();
            lock = null;
        }
        return null;
    }

    private void markServicesStopped() {
        uploaded.clear();
        for (ServiceStatus s : new ArrayList<>(services.values())) {
            if (s.state() != ServiceStatus.State.STOPPED) {
                update(s.with(ServiceStatus.State.STOPPED, null));
            }
        }
    }

    private Settings currentSettingsOrNull() {
        try {
            return store.load();
        } catch (SettingsException e) {
            return null;
        }
    }

    private void update(ServiceStatus status) {
        services.put(status.name(), status);
        publishSnapshot();
        fire(l -> l.serviceStatusChanged(status));
    }

    private void publishSnapshot() {
        serviceSnapshot = List.copyOf(services.values());
    }

    private void setTorStatus(TorStatus status) {
        if (!status.equals(torStatus)) {
            torStatus = status;
            fire(l -> l.torStatusChanged(status));
        }
    }

    private void remember(String message) {
        recentMessages.addLast(message);
        if (recentMessages.size() > RECENT_MESSAGES) {
            recentMessages.removeFirst();
        }
    }

    private String lastWords() {
        if (recentMessages.isEmpty()) {
            return "";
        }
        List<String> lines = new ArrayList<>(recentMessages);
        return " tor last said: " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    private void emitError(String message) {
        // Listeners show it to the operator; the log keeps it for diagnostics only.
        LOG.info(message);
        fire(l -> l.error(message));
    }

    private void fire(java.util.function.Consumer<EngineListener> call) {
        for (EngineListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.error("Engine listener failed", e);
            }
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

    private static String bare(String onion) {
        return onion.endsWith(".onion") ? onion.substring(0, onion.length() - 6) : onion;
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }
}
