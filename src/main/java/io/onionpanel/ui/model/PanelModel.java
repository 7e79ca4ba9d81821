package io.onionpanel.ui.model;

import io.onionpanel.backup.BackupHistory;
import io.onionpanel.balance.BalanceMetrics;
import io.onionpanel.balance.BalanceSupervisor;
import io.onionpanel.engine.Engine;
import io.onionpanel.engine.EngineListener;
import io.onionpanel.engine.EngineOptions;
import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.control.ControlServer;
import io.onionpanel.monitor.EngineMonitor;
import io.onionpanel.monitor.EngineShutdown;
import io.onionpanel.monitor.Monitor;
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
    private final Path dataDir;
    private final Engine engine;
    /** Stops the engine, then saves the monitor's history: at the window's close, or at the JVM's exit (SIGTERM). */
    private final EngineShutdown shutdown;
    /** The engine's control socket while it runs; guarded by this. */
    private ControlServer control;
    private final Monitor monitor;
    private final BalanceSupervisor balance;
    private final SettingsStore store;
    private final OnionServices services;
    private final Notifier notifier;
    private final ReadOnlyObjectWrapper<TorStatus> torStatus = new ReadOnlyObjectWrapper<>(TorStatus.stopped());
    private final ObservableMap<String, ServiceStatus> statuses = FXCollections.observableHashMap();
    private final ObjectProperty<Settings> settings = new SimpleObjectProperty<>(Settings.defaults());
    private final ReadOnlyObjectWrapper<String> settingsProblem = new ReadOnlyObjectWrapper<>();
    /** The process's one reader of settings.json, shared with the engine and the monitor. */
    private final SettingsWatcher watcher;
    private final List<AutoCloseable> following = new ArrayList<>();
    private volatile byte[] lastSettingsBytes;
    private final ObservableMap<String, Instant> lastBackups = FXCollections.observableHashMap();
    private final ObservableMap<String, String> restoredFrom = FXCollections.observableHashMap();
    private final ExpectedOutages expectedOutages = new ExpectedOutages(java.time.Clock.systemUTC());

    public PanelModel(Path dataDir, Notifier notifier) {
        this.dataDir = dataDir;
        this.notifier = notifier;
        this.store = new SettingsStore(dataDir);
        this.watcher = SettingsWatcher.of(dataDir);
        this.services = new OnionServices(dataDir);
        this.engine = new Engine(EngineOptions.of(dataDir));
        // First among the engine's listeners, as when the engine made it.
        this.monitor = EngineMonitor.attach(engine);
        this.shutdown = EngineShutdown.of(engine, monitor);
        // The load-balanced frontend's Onionbalance, beside tor as in 'run' (idle without a frontend).
        this.balance = new BalanceSupervisor(dataDir, () -> engine.torLink().control(), engine::socksAddress);
        monitor.addMetricsText(() -> BalanceMetrics.render(balance.health()));
        balance.start();
        engine.addListener(new EngineListener() {
            @Override
            public void torStatusChanged(TorStatus status) {
                Platform.runLater(() -> torStatus.set(status));
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

    public void startEngine(Runnable onStarted) {
        torStatus.set(torStatus.get().with(TorStatus.State.STARTING, null));
        Tasks.run(() -> {
            engine.start();
            openControlSocket();
        }, onStarted, failure -> {
            torStatus.set(engine.torStatus().state() == TorStatus.State.FAILED ? engine.torStatus()
                    : TorStatus.stopped().with(TorStatus.State.FAILED, failure.getMessage()));
            notifier.error("Tor could not start", failure);
        });
    }

    public void stopEngine(Runnable onStopped) {
        expectedOutages.allServices();
        Tasks.run(() -> {
            closeControlSocket();
            engine.stop();
        }, onStopped, failure -> notifier.error("Stopping tor", failure));
    }

    /** While the window's engine runs, the CLI reaches it as it reaches {@code run}'s: status, changes at once. */
    private synchronized void openControlSocket() {
        if (control == null) {
            try {
                control = ControlServer.start(engine, monitor, () -> stopEngine(() -> { }));
            } catch (java.io.IOException | RuntimeException e) {
                LoggerFactory.getLogger(PanelModel.class).warn("No control socket: {}", e.getMessage());
            }
        }
    }

    private synchronized void closeControlSocket() {
        if (control != null) {
            control.close();
            control = null;
        }
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

    /** Stops everything; blocks (called from the shutdown path, off the FX thread). */
    public void shutdown() {
        following.forEach(PanelModel::closeQuietly);
        following.clear();
        closeControlSocket();
        balance.close();
        shutdown.close();
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

    public Engine engine() {
        return engine;
    }

    /** What the Health page and the health notifications read: the monitor of the engine's tor. */
    public MonitorView monitor() {
        return monitor;
    }

    public Notifier notifier() {
        return notifier;
    }

    public Path dataDir() {
        return dataDir;
    }
}
