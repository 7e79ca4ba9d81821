package io.onionpanel.monitor;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.onionpanel.engine.EngineListener;
import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.probe.LocalTarget;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.tor.TorControl;
import io.onionpanel.tor.TorEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitoring service: one pipeline from the engine (tor's control events and the engine's states) into
 * the circuit table, time series, health checks and log the window and the metrics endpoint read. Its state
 * lives on its own thread; probes and local-target checks run on a second one, never blocking the first.
 */
public final class Monitor implements MonitorView, EngineListener, AutoCloseable {
    /** How the monitor reaches the running tor: the engine supplies the live control connection and SOCKS port. */
    public interface TorLink {
        Optional<TorControl> control();

        Optional<InetSocketAddress> socks();
    }

    public static final String HISTORY_FILE = "monitor-history.bin";
    private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);
    /** Asking for a descriptor before it reached the HSDirs poisons tor's cache for minutes (tor-facts). */
    private static final Duration FIRST_PROBE_AFTER = Duration.ofSeconds(10);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(45);
    private static final Duration TARGET_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration UPLOAD_HISTORY = Duration.ofHours(3);

    private final TorLink link;
    private final MonitorThread thread = new MonitorThread();
    private final ExecutorService probes;
    private final Listeners listeners = new Listeners();
    private final MonitorLog log = new MonitorLog(listeners);
    private final History history;
    private final SeriesStore series;
    private final MonitorSettingsFeed settingsFeed;
    private final CircuitFeed circuits;
    private final NewCircuits newCircuits = new NewCircuits(thread, log);
    private final MetricsEndpoint metrics = new MetricsEndpoint(this::metricsSnapshot, log);
    private final Map<String, ProbeStats> probeStats = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> uploadTotals = new ConcurrentHashMap<>();
    private final Runnable uninstallAppender;

    // Monitor-thread state.
    private final Map<String, ServiceStatus> services = new LinkedHashMap<>();
    private final Map<String, Instant> publishedAt = new HashMap<>();
    private final Map<String, Deque<Instant>> uploads = new HashMap<>();
    private final Map<String, Deque<Instant>> failedUploads = new HashMap<>();
    private final Map<String, Instant> introMissingSince = new HashMap<>();
    private final Map<String, int[]> targetChecks = new HashMap<>();
    private final Map<String, Map<String, HealthCheck>> checks = new HashMap<>();
    private final Map<String, ServiceHealth> lastHealth = new LinkedHashMap<>();
    private boolean probing;
    private long lastProbeCycleNanos = Long.MIN_VALUE / 2;
    private int ticks;
    private ServiceProbe probe;
    private InetSocketAddress probeVia;

    // Written on the monitor's thread only; read by any.
    private volatile List<ServiceHealth> healthSnapshot = List.of();
    private volatile TorStatus tor = TorStatus.stopped();
    private volatile boolean closed;

    public Monitor(Path dataDir, TorLink link) {
        this.link = link;
        this.history = new History(dataDir);
        this.series = history.series();
        this.settingsFeed = new MonitorSettingsFeed(dataDir);
        this.circuits = new CircuitFeed(thread, listeners, series, link::control);
        this.probes = Executors.newSingleThreadExecutor(MonitorThread.daemon("onion-panel-latency-probe"));
        uninstallAppender = MonitorLogAppender.install(this::panelLog);
        // On the monitor's thread, first of its tasks: reading a month of history must not delay tor's launch.
        thread.run(history::load);
        thread.run(this::readSettings);
        thread.everySecond(this::tick);
    }

    // ---- MonitorView ------------------------------------------------------------------------------------------

    @Override
    public SeriesPoints series(String key, TimeRange range, int maxPoints) {
        return series.points(key, System.currentTimeMillis(), range.span(), maxPoints);
    }

    @Override
    public List<CircuitRow> circuits() {
        return circuits.rows();
    }

    @Override
    public List<ServiceHealth> health() {
        return healthSnapshot;
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

    /** The figures of the metrics endpoint; any thread. */
    public MetricsSnapshot metricsSnapshot() {
        TorStatus t = tor;
        boolean up = t.state() == TorStatus.State.BOOTSTRAPPING || t.state() == TorStatus.State.RUNNING;
        List<MetricsSnapshot.ServiceMetrics> perService = new ArrayList<>();
        for (ServiceHealth h : healthSnapshot) {
            ProbeStats p = probeStats.get(h.service());
            AtomicLong u = uploadTotals.get(h.service());
            perService.add(new MetricsSnapshot.ServiceMetrics(h.service(), u == null ? 0 : u.get(),
                    p == null ? Double.NaN : p.quantileMillis(0.5) / 1000.0, p == null ? Double.NaN : p.quantileMillis(0.95) / 1000.0,
                    p == null ? 0 : p.sumSeconds(), p == null ? 0 : p.answered(), p == null ? 0 : p.failures()));
        }
        MetricsSnapshot.TorVersionMetric version = t.version() == null ? null : new MetricsSnapshot.TorVersionMetric(
                t.version(), t.network() == null ? "unknown" : t.network().status(), t.unsupportedAllowed());
        return new MetricsSnapshot(up, up ? t.progress() : 0, circuits.builtByPurpose(), perService, healthSnapshot, version);
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
            thread.finish(() -> {
                metrics.stop();
                if (probe != null) {
                    probe.close();
                }
            }, Duration.ofSeconds(5));
        } catch (Exception e) {
            LOG.debug("Monitor did not stop cleanly: {}", e.toString());
        }
        probes.shutdownNow();
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
            series.record(SeriesKeys.BANDWIDTH_READ, nowMillis, bw.read(), false, true);
            series.record(SeriesKeys.BANDWIDTH_WRITTEN, nowMillis, bw.written(), false, true);
        } else if (event instanceof TorEvent.HsDesc d) {
            onHsDesc(d, Instant.ofEpochMilli(nowMillis));
        } else if (event instanceof TorEvent.Log l) {
            log.add(Instant.ofEpochMilli(nowMillis), "tor", l.level(), l.message());
            newCircuits.torLog(l.message());
        }
    }

    private void onHsDesc(TorEvent.HsDesc d, Instant now) {
        if (!d.action().equals("UPLOADED") && !d.action().equals("FAILED")) {
            return;
        }
        Deque<Instant> times = (d.action().equals("UPLOADED") ? uploads : failedUploads)
                .computeIfAbsent(d.address(), a -> new ArrayDeque<>());
        times.addLast(now);
        prune(times, now, UPLOAD_HISTORY);
        if (d.action().equals("UPLOADED")) {
            for (ServiceStatus s : services.values()) {
                if (s.onion() != null && OnionAddress.bare(s.onion()).equals(d.address())) {
                    uploadTotals.computeIfAbsent(s.name(), n -> new AtomicLong()).incrementAndGet();
                }
            }
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
        ServiceStatus before = services.get(s.name());
        if (s.state() != ServiceStatus.State.REMOVED && s.onion() != null) {
            String address = OnionAddress.bare(s.onion());
            String formerName = series.serviceName(address);
            ServiceStatus holder = formerName == null ? null : services.get(formerName);
            // Unless the former name already belongs to another address (renamed, and a new service took the name).
            boolean nameTaken = holder != null && holder.onion() != null && !OnionAddress.bare(holder.onion()).equals(address);
            if (formerName != null && !formerName.equals(s.name()) && !nameTaken) {
                ServiceStatus former = renamed(formerName, s.name(), address);
                if (before == null && former != null) {
                    before = former;
                }
            }
            series.nameService(address, s.name());
        }
        if (s.state() == ServiceStatus.State.REMOVED) {
            services.remove(s.name());
            publishedAt.remove(s.name());
            checks.remove(s.name());
            forgetHealth(s.name());
            targetChecks.remove(s.name());
        } else {
            services.put(s.name(), s);
            boolean published = s.state() == ServiceStatus.State.PUBLISHED || s.state() == ServiceStatus.State.UNREACHABLE;
            boolean wasPublished = before != null && (before.state() == ServiceStatus.State.PUBLISHED
                    || before.state() == ServiceStatus.State.UNREACHABLE) && java.util.Objects.equals(before.onion(), s.onion());
            if (published && !wasPublished) {
                publishedAt.put(s.name(), Instant.now());
            } else if (!published) {
                publishedAt.remove(s.name());
            }
        }
        evaluateHealth();
    }

    /**
     * The service at {@code address} is now called {@code to} (OnionServices.rename, from the editor or the CLI,
     * perhaps while the panel was closed): its series, probe figures and health move with it. Returns the status
     * it had under its former name, if the engine had not reported its removal yet.
     */
    private ServiceStatus renamed(String from, String to, String address) {
        series.renameService(from, to);
        move(probeStats, from, to);
        move(uploadTotals, from, to);
        move(publishedAt, from, to);
        move(introMissingSince, from, to);
        move(targetChecks, from, to);
        move(checks, from, to);
        forgetHealth(from);
        ServiceStatus former = services.get(from);
        if (former != null && former.onion() != null && OnionAddress.bare(former.onion()).equals(address)) {
            services.remove(from);
        } else {
            former = null;
        }
        log.add(Instant.now(), "panel", "NOTICE", "Service '" + from + "' is now called '" + to + "': its monitoring history moves with it");
        return former;
    }

    private static <V> void move(Map<String, V> map, String from, String to) {
        V value = map.remove(from);
        map.remove(to);
        if (value != null) {
            map.put(to, value);
        }
    }

    private void forgetHealth(String service) {
        if (lastHealth.remove(service) != null) {
            listeners.fire(l -> l.serviceGone(service));
        }
    }

    private void tick() {
        try {
            long now = System.currentTimeMillis();
            ticks++;
            if (ticks % 5 == 1) {
                readSettings();
            }
            circuits.sample(now, torUp());
            if (!probing && System.nanoTime() - lastProbeCycleNanos >= TimeUnit.SECONDS.toNanos(settingsFeed.settings().probeIntervalSeconds())) {
                startProbeCycle();
            }
            evaluateHealth();
            history.saveWhenDue();
        } catch (RuntimeException e) {
            LOG.warn("Monitor tick failed", e);
        }
    }

    private void readSettings() {
        if (settingsFeed.refresh()) {
            metrics.applySetting(settingsFeed.settings().metricsAddress());
        }
    }

    private boolean torUp() {
        return tor.state() == TorStatus.State.BOOTSTRAPPING || tor.state() == TorStatus.State.RUNNING;
    }

    // ---- probes -----------------------------------------------------------------------------------------------

    private void startProbeCycle() {
        lastProbeCycleNanos = System.nanoTime();
        InetSocketAddress via = link.socks().orElse(null);
        Instant now = Instant.now();
        List<Runnable> work = new ArrayList<>();
        for (ServiceStatus s : services.values()) {
            if (s.state() == ServiceStatus.State.STOPPED || s.state() == ServiceStatus.State.REMOVED) {
                continue;
            }
            List<String> targets = new ArrayList<>();
            for (PortMapping p : s.ports()) {
                targets.addAll(p.targets());
            }
            String name = s.name();
            work.add(() -> {
                int answering = 0;
                for (String t : targets) {
                    if (LocalTarget.answers(t, TARGET_TIMEOUT)) {
                        answering++;
                    }
                }
                int[] result = {answering, targets.size()};
                thread.run(() -> onTargetCheck(name, result));
            });
            Instant published = publishedAt.get(name);
            if (via != null && s.onion() != null && !s.ports().isEmpty() && published != null
                    && Duration.between(published, now).compareTo(FIRST_PROBE_AFTER) >= 0) {
                if (probe == null || !via.equals(probeVia)) {
                    if (probe != null) {
                        probe.close();
                    }
                    probe = new ServiceProbe(via, PROBE_TIMEOUT);
                    probeVia = via;
                }
                ServiceProbe p = probe;
                String onion = s.onion();
                int port = s.ports().get(0).virtualPort();
                String path = settingsFeed.settings().probePath(name);
                work.add(() -> {
                    ProbeResult r = p.probe(onion, port, path);
                    thread.run(() -> onProbe(name, onion, r));
                });
            }
        }
        if (work.isEmpty()) {
            return;
        }
        probing = true;
        try {
            probes.execute(() -> {
                try {
                    work.forEach(Runnable::run);
                } finally {
                    thread.run(() -> probing = false);
                }
            });
        } catch (RejectedExecutionException e) {
            probing = false;
        }
    }

    private void onTargetCheck(String name, int[] result) {
        if (services.containsKey(name)) {
            targetChecks.put(name, result);
            evaluateHealth();
        }
    }

    private void onProbe(String name, String onion, ProbeResult r) {
        ServiceStatus s = services.get(name);
        if (s == null || !onion.equals(s.onion())) {
            return;
        }
        ProbeStats stats = probeStats.computeIfAbsent(name, n -> new ProbeStats());
        int failedBefore = stats.failuresInRow();
        stats.add(r);
        // Into the log once per change, not once per probe.
        if (!r.answered() && !r.clientAuthOnly() && failedBefore == 0) {
            log.add(r.at(), "panel", "WARN", "Self-probe of '" + name + "' (" + onion + r.path() + ") failed: " + r.reason());
        } else if (r.answered() && failedBefore > 0) {
            log.add(r.at(), "panel", "NOTICE", "Self-probe of '" + name + "' answers again: HTTP " + r.httpStatus() + " in "
                    + r.rttMillis() + " ms after " + failedBefore + " failed probe(s)");
        }
        long now = r.at().toEpochMilli();
        if (r.answered()) {
            series.record(SeriesKeys.probeP50(name), now, stats.quantileMillis(0.5), false, false);
            series.record(SeriesKeys.probeP95(name), now, stats.quantileMillis(0.95), false, false);
        }
        if (!r.clientAuthOnly()) {
            series.record(SeriesKeys.probeFailures(name), now, r.answered() ? 0 : 1, true, false);
        }
        evaluateHealth();
    }

    // ---- health ----------------------------------------------------------------------------------------------

    private void evaluateHealth() {
        Instant now = Instant.now();
        int built = circuits.built();
        List<ServiceHealth> all = new ArrayList<>();
        for (ServiceStatus s : services.values()) {
            if (settingsFeed.disabled(s.name())) {
                forgetHealth(s.name());
                checks.remove(s.name());
                continue;
            }
            String address = s.onion() == null ? null : OnionAddress.bare(s.onion());
            Deque<Instant> up = address == null ? null : uploads.get(address);
            Deque<Instant> failed = address == null ? null : failedUploads.get(address);
            int intro = address == null ? 0 : circuits.establishedIntro(address);
            boolean published = s.state() == ServiceStatus.State.PUBLISHED || s.state() == ServiceStatus.State.UNREACHABLE;
            if (intro > 0 || !published) {
                introMissingSince.remove(s.name());
            } else {
                introMissingSince.putIfAbsent(s.name(), now);
            }
            ProbeStats stats = probeStats.get(s.name());
            ProbeResult last = stats == null ? null : stats.last();
            if (last == null && s.state() == ServiceStatus.State.UNREACHABLE) {
                // The engine's own reachability check spoke first: its verdict stands until a probe answers.
                last = new ProbeResult(now, settingsFeed.settings().probePath(s.name()), null, 0, s.detail(), 0);
            }
            int[] target = targetChecks.get(s.name());
            List<String> targetNames = new ArrayList<>();
            s.ports().forEach(p -> targetNames.addAll(p.targets()));
            HealthEvidence evidence = new HealthEvidence(tor, built, s, up == null ? 0 : count(up, now, Duration.ofHours(1)),
                    up == null || up.isEmpty() ? null : up.peekLast(), failed == null ? 0 : count(failed, now, Duration.ofHours(1)),
                    intro, introMissingSince.get(s.name()), last,
                    stats == null ? (last == null ? 0 : 2) : stats.failuresInRow(),
                    target == null ? 0 : target[0], target == null ? -1 : target[1], String.join(", ", targetNames));
            all.add(health(s.name(), HealthRules.evaluate(evidence, now), now));
        }
        healthSnapshot = List.copyOf(all);
    }

    private ServiceHealth health(String service, List<HealthRules.Verdict> verdicts, Instant now) {
        Map<String, HealthCheck> previous = checks.computeIfAbsent(service, k -> new HashMap<>());
        List<HealthCheck> list = new ArrayList<>();
        for (HealthRules.Verdict v : verdicts) {
            HealthCheck before = previous.get(v.name());
            Instant since = before != null && before.level() == v.level() ? before.since() : now;
            HealthCheck c = new HealthCheck(v.name(), v.level(), v.evidence(), since);
            previous.put(v.name(), c);
            list.add(c);
        }
        HealthRules.Verdict overall = HealthRules.overall(verdicts);
        ServiceHealth last = lastHealth.get(service);
        Instant changedAt = last != null && last.overall() == overall.level() ? last.changedAt() : now;
        ServiceHealth next = new ServiceHealth(service, list, overall.level(), overall.evidence(), changedAt);
        if (!next.equals(last)) {
            lastHealth.put(service, next);
            listeners.fire(l -> l.healthChanged(next));
        }
        return next;
    }

    private static int count(Deque<Instant> times, Instant now, Duration within) {
        Instant from = now.minus(within);
        int n = 0;
        for (Instant t : times) {
            if (t.isAfter(from)) {
                n++;
            }
        }
        return n;
    }

    private static void prune(Deque<Instant> times, Instant now, Duration keep) {
        Instant from = now.minus(keep);
        while (!times.isEmpty() && times.peekFirst().isBefore(from)) {
            times.removeFirst();
        }
        while (times.size() > 1_000) {
            times.removeFirst();
        }
    }

    // ---- circuits, log, new circuits ------------------------------------------------------------------------------

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

    // ---- plumbing -----------------------------------------------------------------------------------------------
}
