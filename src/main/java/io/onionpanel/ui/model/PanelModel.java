package io.onionpanel.ui.model;

import io.onionpanel.backup.BackupHistory;
import io.onionpanel.control.AttachedPanelEngine;
import io.onionpanel.control.EngineProcess;
import io.onionpanel.control.LocalPanelEngine;
import io.onionpanel.control.PanelEngine;
import io.onionpanel.engine.EngineListener;
import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.monitor.MonitorView;
import io.onionpanel.onion.OnionServices;
import io.onionpanel.settings.Settings;
import io.onionpanel.settings.SettingsSnapshot;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.settings.SettingsWatcher;
import io.onionpanel.ui.common.Notifier;
import io.onionpanel.ui.common.Tasks;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.List;
import java.util.function.UnaryOperator;
import javafx.application.Platform;
import org.slf4j.LoggerFactory;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

/**
 * The window's view of the engine: engine events and settings-file changes (also those made by the CLI)
 * arrive here as JavaFX properties, always set on the FX thread. Views bind to it and call its actions,
 * which run in the background.
 *
 * <p>In ui.model, below the window and its views: the views bind to it and the window builds the views, so
 * neither depends back on the other (no ui ↔ view package cycle).
 */
public final class PanelModel {
    private static final Duration WATCH_EVERY = Duration.ofSeconds(1);
    /** {@code -Donionpanel.engine=local}: the engine in the window's own process, stopping with it. */
    public static final String ENGINE_PROPERTY = "onionpanel.engine";
    private final Path dataDir;
    private final PanelEngine engine;
    private volatile boolean shutDown;
    private final SettingsStore store;
    private final OnionServices services;
    private final Notifier notifier;
    private final ReadOnlyObjectWrapper<TorStatus> torStatus = new ReadOnlyObjectWrapper<>(TorStatus.stopped());
    private final ObservableMap<String, ServiceStatus> statuses = FXCollections.observableHashMap();
    private final javafx.beans.property.ReadOnlyLongWrapper engineSettingsChanges = new javafx.beans.property.ReadOnlyLongWrapper();
    private final ObjectProperty<Settings> settings = new SimpleObjectProperty<>(Settings.defaults());
    private final ReadOnlyObjectWrapper<String> settingsProblem = new ReadOnlyObjectWrapper<>();
    /** The process's one reader of settings.json, shared with the engine and the monitor. */
    private final SettingsWatcher watcher;
    private final List<AutoCloseable> following = new ArrayList<>();
    private volatile byte[] lastSettingsBytes;
    private final ObservableMap<String, Instant> lastBackups = FXCollections.observableHashMap();
    private final ObservableMap<String, String> restoredFrom = FXCollections.observableHashMap();
    private final ExpectedOutages expectedOutages = new ExpectedOutages(java.time.Clock.systemUTC());
    /** One start of the engine at a time: see {@link #ensureEngineRunning()}. */
    private final Object starting = new Object();
    /** The remote panel this model shows (its name on this desktop); null for this computer's own engine. */
    private final String remote;
    /** The panel whose data folder this window does not hold (a remote's name, or {@link #SYSTEM_PANEL}); else null. */
    private final String managedPanel;
    /** How the window names the system service's engine, reached through its group socket ({@code --attach-system}). */
    public static final String SYSTEM_PANEL = "system service";

    /** A window with the engine in its own process (tests; {@link #ENGINE_PROPERTY}). */
    public PanelModel(Path dataDir, Notifier notifier) {
        this(dataDir, notifier, new LocalPanelEngine(dataDir));
    }

    public PanelModel(Path dataDir, Notifier notifier, PanelEngine engine) {
        this(dataDir, notifier, engine, null, null);
    }

    /**
     * A remote panel's model ({@link RemotePanel}): its engine's state, health and log, through {@code engine}.
     * Its settings are not read: the files of {@code dataDir} are this desktop's, not the server's.
     */
    static PanelModel ofRemote(Path dataDir, String name, Notifier notifier, PanelEngine engine) {
        return new PanelModel(dataDir, notifier, engine, name, name);
    }

    private PanelModel(Path dataDir, Notifier notifier, PanelEngine engine, String remote, String managedPanel) {
        this.remote = remote;
        this.managedPanel = managedPanel;
        this.dataDir = dataDir;
        this.notifier = notifier;
        this.store = new SettingsStore(dataDir);
        this.watcher = SettingsWatcher.of(dataDir);
        this.services = new OnionServices(dataDir);
        this.engine = engine;
        if (engine.separateProcess()) {
            // The window's process ended from outside (a logout, SIGTERM): what closing it would have done without
            // asking. An engine it started stops unless the operator keeps services online; one it found runs on.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (!shutDown && engine.startedHere() && !settings.get().ui().keepOnline()) {
                    engine.stopEngine();
                }
            }, "onion-panel-window-exit"));
        }
        // An engine found running already has a state: the window starts from it (before the toolkit binds).
        torStatus.set(engine.torStatus());
        engine.services().forEach(st -> statuses.put(st.name(), st));
        engine.addListener(new EngineListener() {
            @Override
            public void torStatusChanged(TorStatus status) {
                Platform.runLater(() -> {
                    TorStatus before = torStatus.get();
                    torStatus.set(status);
                    if (AttachedPanelEngine.RECONNECTING.equals(before.detail())
                            && !AttachedPanelEngine.RECONNECTING.equals(status.detail())) {
                        notifier.info("Reattached to the engine: tor " + status.state().name().toLowerCase(java.util.Locale.ROOT));
                    }
                });
            }

            @Override
            public void settingsChanged() {
                Platform.runLater(() -> engineSettingsChanges.set(engineSettingsChanges.get() + 1));
            }

            @Override
            public void serviceStatusChanged(ServiceStatus status) {
                Platform.runLater(() -> {
                    if (status.state() == ServiceStatus.State.REMOVED) {
                        statuses.remove(status.name());
                    } else {
                        statuses.put(status.name(), status);
                    }
                });
            }

            @Override
            public void error(String message) {
                notifier.error("Tor", message);
            }

            @Override
            public void serviceUnreachable(String service, String message) {
                // The health notifications announce the failing service (and its recovery): one notification, not two.
                Platform.runLater(() -> notifier.info(message));
            }
        });
    }

    /**
     * Reads the settings now (blocking: called before the window exists, possibly before the FX toolkit
     * runs) and then follows them and the backup history through the watcher. A problem with the file is kept
     * for the window to report.
     */
    public Settings loadSettingsAndWatch() {
        SettingsSnapshot now = watcher.current();
        lastSettingsBytes = now.bytes();
        Settings initial = now.ok() ? now.settings() : Settings.defaults();
        if (!now.ok()) {
            settingsProblem.set(now.problem().getMessage());
        }
        settings.set(initial);
        following.add(watcher.subscribe(WATCH_EVERY, this::settingsChanged));
        following.add(watcher.follow(BackupHistory.FILE_NAME, WATCH_EVERY, bytes -> {
            Map<String, Instant> backups = BackupHistory.parse(bytes);
            Map<String, String> restores = BackupHistory.restores(bytes);
            Platform.runLater(() -> {
                // Before lastBackups: its listeners read both.
                restoredFrom.clear();
                restoredFrom.putAll(restores);
                lastBackups.clear();
                lastBackups.putAll(backups);
            });
        }));
        return initial;
    }

    /** Picks up changes made by the CLI, another window's editor, or a hand edit; reports a bad file once. */
    private void settingsChanged(SettingsSnapshot snapshot) {
        if (snapshot.holds(lastSettingsBytes)) {
            return;
        }
        lastSettingsBytes = snapshot.bytes();
        if (snapshot.ok()) {
            Settings parsed = snapshot.settings();
            Platform.runLater(() -> {
                settingsProblem.set(null);
                settings.set(parsed);
            });
        } else {
            Platform.runLater(() -> settingsProblem.set(snapshot.problem().getMessage()));
            notifier.error("Settings", snapshot.problem().getMessage());
        }
    }

    /**
     * The desktop's model: attached to the engine that runs on the data folder, or to one it starts when asked
     * ({@link PanelEngine#start()}), which outlives the window. Blocks briefly (one connection attempt).
     */
    public static PanelModel forDesktop(Path dataDir, Notifier notifier) {
        if ("local".equals(System.getProperty(ENGINE_PROPERTY))) {
            return new PanelModel(dataDir, notifier);
        }
        // Pointed at another engine's socket (--attach-system): attach to it or show it stopped; never start an
        // engine of this data folder in its place.
        EngineProcess launcher = io.onionpanel.control.ControlProtocol.engineSocketChosen() ? null
                : EngineProcess.ofThisProgram();
        PanelEngine engine;
        try {
            engine = AttachedPanelEngine.attachIfRunning(dataDir, launcher)
                    .<PanelEngine>map(e -> e).orElseGet(() -> AttachedPanelEngine.notRunning(dataDir, launcher));
        } catch (java.io.IOException e) {
            // An engine of another protocol version: say so, and run this window's own engine would fight it; attach
            // later is impossible, so the window starts with a stopped engine and the reason.
            LoggerFactory.getLogger(PanelModel.class).warn("Cannot attach: {}", e.getMessage());
            engine = AttachedPanelEngine.notRunning(dataDir, null);
        }
        // Another engine's socket: its data folder is not this user's, so its services and clients are managed
        // through its actions, as a remote panel's are (members of its group: no key material, so no backups).
        return new PanelModel(dataDir, notifier, engine, null, launcher == null ? SYSTEM_PANEL : null);
    }

    public void startEngine(Runnable onStarted) {
        torStatus.set(torStatus.get().with(TorStatus.State.STARTING, null));
        Tasks.run(this::startSerially, onStarted, failure -> {
            torStatus.set(engine.torStatus().state() == TorStatus.State.FAILED ? engine.torStatus()
                    : TorStatus.stopped().with(TorStatus.State.FAILED, failure.getMessage()));
            notifier.error("Tor could not start", failure);
        });
    }

    /**
     * Starts this computer's engine unless it runs; blocks (background threads only). For a remote panel's connection,
     * which goes through this engine's tor: started as the window starts it, and never twice at once (the window's own
     * start at the same moment would spawn a second engine on the same folder).
     */
    public void ensureEngineRunning() throws Exception {
        synchronized (starting) {
            TorStatus.State s = engine.torStatus().state();
            if (s == TorStatus.State.STOPPED || s == TorStatus.State.FAILED) {
                engine.start();
            }
        }
    }

    private void startSerially() throws Exception {
        synchronized (starting) {
            engine.start();
        }
    }

    public void stopEngine(Runnable onStopped) {
        expectedOutages.allServices();
        Tasks.run(engine::stopTor, onStopped, failure -> notifier.error("Stopping tor", failure));
    }

    public void restartTor() {
        if (isEngineRunning()) {
            expectedOutages.allServices();
            engine.restartTor();
        } else {
            startEngine(() -> { });
        }
    }

    /** Changes the settings file in the background; the running engine applies it without restarting tor. */
    public void updateSettings(UnaryOperator<Settings> change, Runnable onDone) {
        Tasks.run(() -> store.update(change), saved -> {
            settings.set(saved);
            // The watcher tells the engine, the monitor and this model now rather than at its next look.
            watcher.lookNow();
            engine.applySettingsNow();
            onDone.run();
        }, failure -> notifier.error("Settings not saved", failure));
    }

    public boolean isEngineRunning() {
        TorStatus.State s = torStatus.get().state();
        return s != TorStatus.State.STOPPED && s != TorStatus.State.FAILED;
    }


    public long runningServiceCount() {
        return runningServices().size();
    }

    /** The services that are online or on their way: what an outage would take down, sorted by name. */
    public List<String> runningServices() {
        return statuses.values().stream().filter(PanelModel::online).map(ServiceStatus::name).sorted().toList();
    }

    public boolean isOnline(String service) {
        ServiceStatus s = statuses.get(service);
        return s != null && online(s);
    }

    private static boolean online(ServiceStatus s) {
        return s.state() == ServiceStatus.State.PUBLISHED || s.state() == ServiceStatus.State.UNREACHABLE
                || s.state() == ServiceStatus.State.STARTING;
    }

    /** Outages started from the panel, which the health notifications do not raise as alarms. */
    public ExpectedOutages expectedOutages() {
        return expectedOutages;
    }

    /**
     * The window leaves; blocks (called from the shutdown path, off the FX thread). An engine in this process stops
     * with it; an engine process keeps serving unless {@code stopEngine}.
     */
    public void shutdown(boolean stopEngine) {
        shutDown = true;
        following.forEach(PanelModel::closeQuietly);
        following.clear();
        if (stopEngine) {
            expectedOutages.allServices();
            engine.stopEngine();
        }
        engine.close();
    }

    /** Stops everything this window runs; blocks. */
    public void shutdown() {
        shutdown(!engine.separateProcess());
    }

    /** True when closing the window leaves the services online (an engine process). */
    public boolean engineOutlivesWindow() {
        return engine.separateProcess();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // Only a subscription: nothing to tell at exit.
        }
    }

    public ReadOnlyObjectProperty<TorStatus> torStatusProperty() {
        return torStatus.getReadOnlyProperty();
    }

    public ObservableMap<String, ServiceStatus> statuses() {
        return statuses;
    }

    /**
     * Counts the engine's reports that its settings changed (whoever changed them): the pages that list a managed
     * panel's services and clients through its actions read them again on each.
     */
    public javafx.beans.property.ReadOnlyLongProperty engineSettingsChangesProperty() {
        return engineSettingsChanges.getReadOnlyProperty();
    }

    /** When each service's keys were last exported (from the data folder's backups.json). */
    public ObservableMap<String, Instant> lastBackups() {
        return lastBackups;
    }

    /** The backup file each address's keys were restored from, by bare address (from backups.json). */
    public ObservableMap<String, String> restoredFrom() {
        return restoredFrom;
    }

    public ObjectProperty<Settings> settingsProperty() {
        return settings;
    }

    public ReadOnlyObjectProperty<String> settingsProblemProperty() {
        return settingsProblem.getReadOnlyProperty();
    }

    public Settings settings() {
        return settings.get();
    }

    public OnionServices services() {
        return services;
    }

    public PanelEngine engine() {
        return engine;
    }

    /** What the Health page and the health notifications read: the monitor of the engine's tor. */
    public MonitorView monitor() {
        return engine.monitor();
    }

    public Notifier notifier() {
        return notifier;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The engine's own actions (for a remote panel: done by the server on its data folder); calls block. */
    public io.onionpanel.actions.PanelActions actions() {
        return engine.actions();
    }

    /** The remote panel's name when this model shows one; empty for this computer (the system service included). */
    public java.util.Optional<String> remoteName() {
        return java.util.Optional.ofNullable(remote);
    }

    /**
     * The name of a panel whose data folder is not this window's: a remote panel, or the system service reached
     * through its group socket. The views that read or write the data folder's files (services, clients, settings,
     * backups, load balancing) must not show this user's own files as that panel's: they go through its actions.
     */
    public java.util.Optional<String> managedPanelName() {
        return java.util.Optional.ofNullable(managedPanel);
    }
}
