package io.onionpanel.monitor;

import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.probe.LocalTarget;
import io.onionpanel.settings.MonitorSettings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Every probe interval: each service's local targets are checked and each published service is fetched
 * through tor as a visitor would. Both run on a thread of their own, so a 45 s probe never holds up the
 * monitor's thread; the results come back to it. One cycle at a time.
 */
final class SelfProbes {
    /** Asking for a descriptor before it reached the HSDirs poisons tor's cache for minutes (tor-facts). */
    private static final Duration FIRST_PROBE_AFTER = Duration.ofSeconds(10);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(45);
    private static final Duration TARGET_TIMEOUT = Duration.ofSeconds(2);
    private final ExecutorService worker = Executors.newSingleThreadExecutor(io.onionpanel.common.DaemonThreads.factory("onion-panel-latency-probe"));
    private final MonitorThread thread;
    private final Supplier<Optional<InetSocketAddress>> socks;
    private final WatchedServices services;
    private final SeriesStore series;
    private final MonitorLog log;
    /** The health is evaluated again after each result. */
    private final Runnable changed;
    // Monitor thread.
    private ServiceProbe probe;
    private InetSocketAddress probeVia;
    private boolean probing;
    private long lastCycleNanos = Long.MIN_VALUE / 2;

    SelfProbes(MonitorThread thread, Supplier<Optional<InetSocketAddress>> socks, WatchedServices services,
               SeriesStore series, MonitorLog log, Runnable changed) {
        this.thread = thread;
        this.socks = socks;
        this.services = services;
        this.series = series;
        this.log = log;
        this.changed = changed;
    }

    /** From the tick: starts a cycle when the interval has passed and the last cycle is over. */
    void maybeStart(MonitorSettings settings) {
        if (probing || System.nanoTime() - lastCycleNanos < TimeUnit.SECONDS.toNanos(settings.probeIntervalSeconds())) {
            return;
        }
        lastCycleNanos = System.nanoTime();
        InetSocketAddress via = socks.get().orElse(null);
        Instant now = Instant.now();
        List<Runnable> work = new ArrayList<>();
        for (WatchedService w : services.all()) {
            ServiceStatus s = w.status;
            if (s.state() == ServiceStatus.State.STOPPED || s.state() == ServiceStatus.State.REMOVED) {
                continue;
            }
            String name = s.name();
            List<String> targets = w.targetList();
            work.add(() -> {
                int answering = 0;
                for (String t : targets) {
                    if (LocalTarget.answers(t, TARGET_TIMEOUT)) {
                        answering++;
                    }
                }
                int answered = answering;
                thread.run(() -> targetsChecked(name, answered, targets.size()));
            });
            if (via != null && s.onion() != null && !s.ports().isEmpty() && w.publishedAt != null
                    && Duration.between(w.publishedAt, now).compareTo(FIRST_PROBE_AFTER) >= 0) {
                ServiceProbe p = probeVia(via);
                String onion = s.onion();
                int port = s.ports().get(0).virtualPort();
                String path = settings.probePath(name);
                work.add(() -> {
                    ProbeResult r = p.probe(onion, port, path);
                    thread.run(() -> probed(name, onion, r));
                });
            }
        }
        if (work.isEmpty()) {
            return;
        }
        probing = true;
        try {
            worker.execute(() -> {
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

    /** Monitor thread, when closing. */
    void close() {
        if (probe != null) {
            probe.close();
        }
    }

    /** Any thread, after {@link #close}: stops a cycle under way. */
    void shutdown() {
        worker.shutdownNow();
    }

    /** One prober per SOCKS port: a new one when tor's port changed. */
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

    private void targetsChecked(String name, int answering, int of) {
        WatchedService w = services.get(name);
        if (w != null) {
            w.targetsChecked(answering, of);
            changed.run();
        }
    }

    private void probed(String name, String onion, ProbeResult r) {
        WatchedService w = services.get(name);
        if (w == null || !onion.equals(w.status.onion())) {
            return;
        }
        int failedBefore = w.probes.failuresInRow();
        w.probes.add(r);
        // Into the log once per change, not once per probe.
        if (!r.answered() && !r.clientAuthOnly() && failedBefore == 0) {
            log.add(r.at(), "panel", "WARN", "Self-probe of '" + name + "' (" + onion + r.path() + ") failed: " + r.reason());
        } else if (r.answered() && failedBefore > 0) {
            log.add(r.at(), "panel", "NOTICE", "Self-probe of '" + name + "' answers again: HTTP " + r.httpStatus() + " in "
                    + r.rttMillis() + " ms after " + failedBefore + " failed probe(s)");
        }
        long now = r.at().toEpochMilli();
        if (r.answered()) {
            series.record(SeriesKeys.probeP50(name), now, w.probes.quantileMillis(0.5), false, false);
            series.record(SeriesKeys.probeP95(name), now, w.probes.quantileMillis(0.95), false, false);
        }
        if (!r.clientAuthOnly()) {
            series.record(SeriesKeys.probeFailures(name), now, r.answered() ? 0 : 1, true, false);
        }
        changed.run();
    }
}
