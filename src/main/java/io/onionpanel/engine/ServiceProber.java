package io.onionpanel.engine;

import io.onionpanel.common.DaemonThreads;
import io.onionpanel.probe.LocalTarget;
import io.onionpanel.probe.SelfProbeResult;
import io.onionpanel.probe.ServiceProbe;
import io.onionpanel.settings.MonitorSettings;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.SettingsSnapshot;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The panel's one prober. Every probe interval (the monitor's setting) it checks each running service's local
 * targets and fetches each published one through tor as a visitor would ({@link ServiceProbe}); a newly published
 * service is first probed 10 s after its upload, and a first failure is retried after 15 s. Each look goes out to
 * the listeners as a {@link ServiceCheck} (latency, health) and goes to the {@link ReachabilityVerdicts}, which turn
 * it into the service's status (reachable or not: run --json, the dashboard). Engine thread; the probes themselves
 * run one at a time on a thread of their own.
 */
final class ServiceProber {
    /** Asking for a descriptor before it reached the HSDirs poisons tor's cache for minutes (tor-facts). */
    private static final Duration FIRST = Duration.ofSeconds(10);
    private static final Duration RETRY = Duration.ofSeconds(15);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(45);
    private static final Duration TARGET_TIMEOUT = Duration.ofSeconds(2);

    private final ScheduledExecutorService thread;
    private final Timescale time;
    private final StatusBoard board;
    private final IntSupplier generation;
    private final Supplier<InetSocketAddress> socks;
    private final Supplier<SettingsSnapshot> settings;
    private final ReachabilityVerdicts verdicts;
    private final Map<String, ScheduledFuture<?>> timers = new HashMap<>();
    /** Services whose last request through tor answered: the next one reuses its circuits (not cold). */
    private final Set<String> warm = new HashSet<>();
    private ScheduledFuture<?> targetsCycle;
    /** Blocking checks run here, never on the engine thread. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(DaemonThreads.factory("onion-panel-prober"));
    // Worker thread.
    private ServiceProbe probe;
    private InetSocketAddress probeVia;

    ServiceProber(ScheduledExecutorService thread, Timescale time, StatusBoard board, IntSupplier generation,
                  Supplier<InetSocketAddress> socks, Supplier<SettingsSnapshot> settings) {
        this.thread = thread;
        this.time = time;
        this.board = board;
        this.generation = generation;
        this.socks = socks;
        this.settings = settings;
        this.verdicts = new ReachabilityVerdicts(board);
    }

    /** tor bootstrapped: the services not yet published have their local targets checked every interval. */
    void torRunning() {
        if (targetsCycle != null) {
            targetsCycle.cancel(false);
        }
        int gen = generation.getAsInt();
        long every = time.millis(interval(monitorSettings()));
        targetsCycle = thread.scheduleWithFixedDelay(() -> checkUnpublished(gen), 0, every, TimeUnit.MILLISECONDS);
    }

    /** The service's descriptor went up: its first probe comes once the other HSDirs have it too. */
    void published(String name) {
        verdicts.reset(name);
        warm.remove(name);
        schedule(name, FIRST);
    }

    /** tor stops: no probe of its services may be scheduled or counted. */
    void cancelAll() {
        timers.values().forEach(f -> f.cancel(false));
        timers.clear();
        if (targetsCycle != null) {
            targetsCycle.cancel(false);
            targetsCycle = null;
        }
        verdicts.clear();
        warm.clear();
    }

    void close() {
        worker.shutdownNow();
    }

    private void schedule(String name, Duration delay) {
        ScheduledFuture<?> previous = timers.remove(name);
        if (previous != null) {
            previous.cancel(false);
        }
        int gen = generation.getAsInt();
        timers.put(name, thread.schedule(() -> look(gen, name), time.millis(delay), TimeUnit.MILLISECONDS));
    }

    /** A published service: its targets and a request through tor, unless only authorised clients can connect. */
    private void look(int gen, String name) {
        ServiceStatus s = board.service(name);
        InetSocketAddress via = socks.get();
        if (gen != generation.getAsInt() || !ReachabilityVerdicts.checkable(s) || via == null || s.ports().isEmpty()) {
            timers.remove(name);
            return;
        }
        MonitorSettings monitor = monitorSettings();
        String path = monitor.probePath(name);
        boolean clientAuth = config(name).map(c -> c.clientAuth().enabled()).orElse(false);
        String onion = s.onion();
        int port = s.ports().get(0).virtualPort();
        List<String> targets = targets(s);
        boolean cold = !warm.contains(name);
        submit(() -> {
            int answering = answering(targets);
            SelfProbeResult r = clientAuth ? SelfProbeResult.notProbedClientAuth(Instant.now(), path)
                    : probeVia(via).probe(onion, port, path);
            ServiceCheck check = new ServiceCheck(name, onion, answering, targets.size(), r, cold && !clientAuth);
            thread.execute(() -> probed(gen, check, monitor));
        });
    }

    private void probed(int gen, ServiceCheck check, MonitorSettings monitor) {
        if (gen != generation.getAsInt()) {
            return;
        }
        board.fire(l -> l.serviceChecked(check));
        if (check.probe() != null && check.probe().answered()) {
            warm.add(check.service());
        } else {
            warm.remove(check.service());
        }
        boolean retry = verdicts.judge(check);
        schedule(check.service(), retry ? RETRY : interval(monitor));
    }

    /** Starting services (not published yet): their local targets only, for the health page. */
    private void checkUnpublished(int gen) {
        if (gen != generation.getAsInt()) {
            return;
        }
        List<ServiceStatus> starting = board.services().stream()
                .filter(s -> s.state() == ServiceStatus.State.STARTING).toList();
        for (ServiceStatus s : starting) {
            List<String> targets = targets(s);
            submit(() -> {
                ServiceCheck check = new ServiceCheck(s.name(), s.onion(), answering(targets), targets.size(), null);
                thread.execute(() -> {
                    if (gen == generation.getAsInt()) {
                        board.fire(l -> l.serviceChecked(check));
                    }
                });
            });
        }
    }

    private void submit(Runnable work) {
        try {
            worker.execute(work);
        } catch (RejectedExecutionException e) {
            // The engine is closing.
        }
    }

    private static int answering(List<String> targets) {
        int answering = 0;
        for (String t : targets) {
            if (LocalTarget.answers(t, TARGET_TIMEOUT)) {
                answering++;
            }
        }
        return answering;
    }

    private static List<String> targets(ServiceStatus s) {
        List<String> all = new ArrayList<>();
        s.ports().forEach(p -> all.addAll(p.targets()));
        return all;
    }

    /** One HTTP client per SOCKS port: a new one when tor's port changed. Worker thread. */
    private ServiceProbe probeVia(InetSocketAddress via) {
        if (probe == null || !via.equals(probeVia)) {
            if (probe != null) {
                probe.close();
            }
            probe = new ServiceProbe(via, PROBE_TIMEOUT);
            probeVia = via;
        }
        return probe;
    }

    private MonitorSettings monitorSettings() {
        SettingsSnapshot now = settings.get();
        return now.ok() ? now.settings().monitor() : MonitorSettings.defaults();
    }

    private Optional<ServiceConfig> config(String name) {
        SettingsSnapshot now = settings.get();
        return now.ok() ? now.settings().service(name) : Optional.empty();
    }

    private static Duration interval(MonitorSettings monitor) {
        return Duration.ofSeconds(monitor.probeIntervalSeconds());
    }
}
