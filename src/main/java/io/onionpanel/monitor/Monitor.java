package io.onionpanel.monitor;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.onionpanel.engine.EngineListener;
import io.onionpanel.engine.ServiceCheck;
import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.engine.TorLink;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.tor.TorEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitoring service: one pipeline from the engine (tor's control events and the engine's states) into
 * the circuit table, time series, health checks and log the window and the metrics endpoint read. Its state
 * lives on its own thread; probes and local-target checks run on a second one, never blocking the first.
 * This class routes what comes in to the part whose job it is: {@link CircuitFeed}, {@link WatchedServices}
 * (one {@link WatchedService} each), {@link HealthWatch}, {@link ProbeRecorder} (the engine's probes), {@link NewCircuits},
 * {@link MetricsEndpoint}, {@link History} and {@link MonitorLog}.
 */
public final class Monitor implements MonitorView, EngineListener, AutoCloseable {
    public static final String HISTORY_FILE = "monitor-history.bin";
    private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);

    private final TorLink link;
    private final Runnable uninstallAppender;
    // Each collaborator keeps its state on this thread; the few any thread reads are published by them.
    private final MonitorThread thread = new MonitorThread();
    private final Listeners listeners = new Listeners();
    private final MonitorLog log = new MonitorLog(listeners);
    private final NewCircuits newCircuits = new NewCircuits(thread, log);
    private final MetricsEndpoint metrics = new MetricsEndpoint(this::metricsSnapshot, log);
    private final DescriptorUploads uploads = new DescriptorUploads();
    private final History history;
    private final MonitorSettingsFeed settings;
    private final CircuitFeed circuits;
    private final WatchedServices services;
    private final HealthWatch health;
    private final ProbeRecorder probes;
    /** Written on the monitor's thread only; read by any. */
    private volatile TorStatus tor = TorStatus.stopped();
    /** Set by whichever thread closes first; the Logback appender checks it before handing over. */
    private volatile boolean closed;

    public Monitor(Path dataDir, TorLink link) {
        this.link = link;
        this.history = new History(dataDir);
        this.settings = new MonitorSettingsFeed(dataDir, thread,
                () -> metrics.applySetting(settingsFeed().settings().metricsAddress()));
        this.circuits = new CircuitFeed(thread, listeners, history.series(), link::control);
        this.services = new WatchedServices(history.series(), log, listeners);
        this.health = new HealthWatch(services, uploads, circuits, settings, listeners);
        this.probes = new ProbeRecorder(services, history.series(), log);
        uninstallAppender = MonitorLogAppender.install(this::panelLog);
        // On the monitor's thread, first of its tasks: reading a month of history must not delay tor's launch.
        thread.run(history::load);
        thread.everySecond(this::tick);
    }

    // ---- MonitorView ------------------------------------------------------------------------------------------

    @Override
    public SeriesPoints series(String key, TimeRange range, int maxPoints) {
        return history.series().points(key, System.currentTimeMillis(), range.span(), maxPoints);
    }

    @Override
    public List<CircuitRow> circuits() {
        return circuits.rows();
    }

    @Override
    public List<ServiceHealth> health() {
        return health.snapshot();
    }

    @Override
    public List<LogEntry> recentLog(int max) {
        return log.recent(max);
    }

    @Override
    public CompletableFuture<String> requestNewCircuits() {
        CompletableFuture<String> result = new CompletableFuture<>();
        if (!thread.run(() -> newCircuits.request(link.control(), torUp(), result))) {
            result.complete("The panel is closing; no new circuits requested.");
        }
        return result;
    }

    @Override
    public void addListener(MonitorListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(MonitorListener listener) {
        listeners.remove(listener);
    }

    /** Series of parts built beside the engine (load balancing), Prometheus text appended to /metrics. */
    private volatile java.util.function.Supplier<String> extraMetrics = () -> "";

    /** Adds Prometheus text (complete HELP/TYPE/sample lines) to the metrics endpoint; any thread. */
    public void addMetricsText(java.util.function.Supplier<String> text) {
        java.util.function.Supplier<String> before = extraMetrics;
        extraMetrics = () -> before.get() + text.get();
    }

    /** The figures of the metrics endpoint; any thread. */
    public MetricsSnapshot metricsSnapshot() {
        TorStatus t = tor;
        boolean up = t.state() == TorStatus.State.BOOTSTRAPPING || t.state() == TorStatus.State.RUNNING;
        List<MetricsSnapshot.ServiceMetrics> perService = health.metrics();
        MetricsSnapshot.TorVersionMetric version = t.version() == null ? null : new MetricsSnapshot.TorVersionMetric(
                t.version(), t.network() == null ? "unknown" : t.network().status(), t.unsupportedAllowed());
        return new MetricsSnapshot(up, up ? t.progress() : 0, circuits.builtByPurpose(), perService, health.snapshot(), version,
                extraMetrics.get());
    }

    /**
     * Serves the metrics endpoint on this loopback address for the life of the monitor (run --metrics); the
     * setting in settings.json is then ignored. Throws when the port cannot be bound.
     */
    public InetSocketAddress serveMetrics(InetSocketAddress address) throws IOException {
        // The settings' endpoint may already hold this very port: the command line's takes its place.
        thread.call(() -> {
            metrics.overrideWith(address);
            return null;
        });
        MetricsServer server = MetricsServer.start(address, this::metricsSnapshot);
        thread.call(() -> {
            metrics.serving(server);
            return null;
        });
        return server.address();
    }

    /** Where the metrics endpoint listens, if it does. */
    public Optional<InetSocketAddress> metricsAddress() {
        return thread.call(metrics::address);
    }

    /** Feeds one event as the engine does (benchmarks and tests use it directly). */
    public void ingest(TorEvent event) {
        long nanos = System.nanoTime();
        thread.run(() -> onEvent(event, nanos));
    }

    /** Completes when everything handed to the monitor before this call has been handled. */
    public CompletableFuture<Void> drained() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        if (!thread.run(() -> f.complete(null))) {
            f.complete(null);
        }
        return f;
    }

    /**
     * Saves the history now (also done every 5 minutes and on close) if anything was recorded since: a monitor
     * that never saw tor (e.g. a window whose engine could not start) must not overwrite a running panel's file.
     */
    public void saveHistory() {
        history.save();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            thread.finish(metrics::stop, Duration.ofSeconds(5));
        } catch (Exception e) {
            LOG.debug("Monitor did not stop cleanly: {}", e.toString());
        }
        settings.close();
        uninstallAppender.run();
        saveHistory();
    }

    // ---- EngineListener (engine thread): hand over, never block -------------------------------------------------

    @Override
    public void torStatusChanged(TorStatus status) {
        thread.run(() -> onTorStatus(status));
    }

    @Override
    public void serviceStatusChanged(ServiceStatus status) {
        thread.run(() -> onServiceStatus(status));
    }

    @Override
    public void serviceChecked(ServiceCheck check) {
        thread.run(() -> {
            if (probes.checked(check)) {
                evaluateHealth();
            }
        });
    }

    @Override
    public void torEvent(TorEvent event) {
        ingest(event);
    }

    @Override
    public void error(String message) {
        Instant now = Instant.now();
        thread.run(() -> log.add(now, "panel", "ERR", message));
    }

    @Override
    public void notice(String message) {
        Instant now = Instant.now();
        thread.run(() -> log.add(now, "panel", "NOTICE", message));
    }

    // ---- monitor thread -------------------------------------------------------------------------------------

    private void onEvent(TorEvent event, long nanos) {
        long nowMillis = System.currentTimeMillis();
        if (event instanceof TorEvent.Circuit c) {
            circuits.circuit(c, nowMillis, nanos);
        } else if (event instanceof TorEvent.Other o && o.type().equals("CIRC_MINOR")) {
            circuits.minor(o.line());
        } else if (event instanceof TorEvent.Bandwidth bw) {
            history.series().record(SeriesKeys.BANDWIDTH_READ, nowMillis, bw.read(), false, true);
            history.series().record(SeriesKeys.BANDWIDTH_WRITTEN, nowMillis, bw.written(), false, true);
        } else if (event instanceof TorEvent.HsDesc d) {
            onHsDesc(d, Instant.ofEpochMilli(nowMillis));
        } else if (event instanceof TorEvent.Log l) {
            log.add(Instant.ofEpochMilli(nowMillis), "tor", l.level(), l.message());
            newCircuits.torLog(l.message());
        }
    }

    private void onHsDesc(TorEvent.HsDesc d, Instant now) {
        if (uploads.record(d, now)) {
            services.uploaded(d.address());
        }
    }

    private void onTorStatus(TorStatus status) {
        TorStatus before = tor;
        tor = status;
        circuits.torStatus(status);
        if (before.state() != status.state() || before.progress() != status.progress()) {
            evaluateHealth();
        }
    }

    private void onServiceStatus(ServiceStatus s) {
        services.apply(s, Instant.now());
        evaluateHealth();
    }

    private void evaluateHealth() {
        health.evaluate(tor);
    }

    private void tick() {
        try {
            long now = System.currentTimeMillis();
            circuits.sample(now, torUp());
            evaluateHealth();
            history.saveWhenDue();
        } catch (RuntimeException e) {
            LOG.warn("Monitor tick failed", e);
        }
    }

    /** The feed, for its own callback (made before the field is set: the compiler does not follow lambdas). */
    private MonitorSettingsFeed settingsFeed() {
        return settings;
    }

    private boolean torUp() {
        return tor.state() == TorStatus.State.BOOTSTRAPPING || tor.state() == TorStatus.State.RUNNING;
    }

    // ---- log ----------------------------------------------------------------------------------------------------

    /** The panel's own warnings and errors, from Logback (any thread). */
    private void panelLog(ILoggingEvent event) {
        if (closed) {
            return;
        }
        Instant time = Instant.ofEpochMilli(event.getTimeStamp());
        String level = MonitorLogAppender.level(event.getLevel());
        String text = event.getFormattedMessage();
        if (event.getThrowableProxy() != null) {
            text = text + " (" + event.getThrowableProxy().getClassName() + ": " + event.getThrowableProxy().getMessage() + ")";
        }
        String line = text;
        thread.run(() -> log.add(time, "panel", level, line));
    }
}
