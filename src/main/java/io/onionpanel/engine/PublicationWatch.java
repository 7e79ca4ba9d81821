package io.onionpanel.engine;

import io.onionpanel.common.DaemonThreads;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.probe.LocalTarget;
import io.onionpanel.probe.Reachability;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From a service's start to its descriptor on the HSDirs, and after: the publish timer that reports a service
 * still unpublished after the settings' timeout, the services whose descriptor went up, and the reachability
 * check of a published service (a client's SOCKS connect through this tor). Engine thread, except the checks.
 */
final class PublicationWatch {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    /** After the first upload, the other HSDirs get the descriptor within seconds; asking earlier can poison tor's cache. */
    private static final Duration REACHABILITY_FIRST = Duration.ofSeconds(10);
    private static final Duration REACHABILITY_RETRY = Duration.ofSeconds(15);
    private static final Duration REACHABILITY_EVERY = Duration.ofSeconds(60);
    private static final Duration REACHABILITY_TIMEOUT = Duration.ofSeconds(45);

    private final ScheduledExecutorService thread;
    private final Timescale time;
    private final StatusBoard board;
    private final TorLogTail tail;
    /** The running tor's generation: a timer or a verdict of an earlier tor is dropped. */
    private final IntSupplier generation;
    private final Supplier<InetSocketAddress> socks;
    /** Addresses (without ".onion") whose descriptor tor uploaded since its launch. */
    private final Set<String> uploaded = new HashSet<>();
    private final Map<String, ScheduledFuture<?>> publishTimers = new LinkedHashMap<>();
    private final Map<String, ScheduledFuture<?>> reachabilityTimers = new HashMap<>();
    private final Map<String, Integer> reachabilityFailures = new HashMap<>();
    /** Blocking SOCKS checks run here, never on the engine thread. */
    private final ExecutorService probes = Executors.newSingleThreadExecutor(DaemonThreads.factory("onion-panel-reachability"));

    PublicationWatch(ScheduledExecutorService thread, Timescale time, StatusBoard board, TorLogTail tail,
                     IntSupplier generation, Supplier<InetSocketAddress> socks) {
        this.thread = thread;
        this.time = time;
        this.board = board;
        this.tail = tail;
        this.generation = generation;
        this.socks = socks;
    }

    boolean isUploaded(String onion) {
        return uploaded.contains(OnionAddress.bare(onion));
    }

    /** The service stopped or is re-created: its next upload is news again. */
    void forget(String onion) {
        uploaded.remove(OnionAddress.bare(onion));
    }

    /** tor's first HSDir took the descriptor of this address (without ".onion"): its starting service is published. */
    void uploaded(String address) {
        uploaded.add(address);
        for (ServiceStatus s : board.services()) {
            if (s.onion() != null && OnionAddress.bare(s.onion()).equals(address) && s.state() == ServiceStatus.State.STARTING) {
                cancelPublishTimer(s.name());
                board.update(s.with(ServiceStatus.State.PUBLISHED, null));
                reachabilityFailures.remove(s.name());
                scheduleReachability(s.name(), REACHABILITY_FIRST);
            }
        }
    }

    /** Reports the service if it is still starting after this many seconds. */
    void armPublishTimer(String name, int seconds) {
        cancelPublishTimer(name);
        int gen = generation.getAsInt();
        publishTimers.put(name, thread.schedule(() -> {
            ServiceStatus s = board.service(name);
            if (gen == generation.getAsInt() && s != null && s.state() == ServiceStatus.State.STARTING) {
                board.error("Service '" + name + "' (" + s.onion() + ") is not published after " + seconds
                        + " s; tor keeps trying." + tail.lastWords());
            }
        }, time.millis(seconds), TimeUnit.MILLISECONDS));
    }

    void cancelPublishTimer(String name) {
        ScheduledFuture<?> f = publishTimers.remove(name);
        if (f != null) {
            f.cancel(false);
        }
    }

    /** tor stops: no timer of its services may fire. */
    void cancelAll() {
        publishTimers.values().forEach(f -> f.cancel(false));
        publishTimers.clear();
        reachabilityTimers.values().forEach(f -> f.cancel(false));
        reachabilityTimers.clear();
        reachabilityFailures.clear();
    }

    /** tor is gone: no descriptor of its is up any more. */
    void clearUploads() {
        uploaded.clear();
    }

    void close() {
        probes.shutdownNow();
    }

    private void scheduleReachability(String name, Duration delay) {
        ScheduledFuture<?> previous = reachabilityTimers.remove(name);
        if (previous != null) {
            previous.cancel(false);
        }
        int gen = generation.getAsInt();
        reachabilityTimers.put(name, thread.schedule(() -> checkReachability(gen, name), time.millis(delay), TimeUnit.MILLISECONDS));
    }

    /** A client's view of the service: a SOCKS connect through this tor to its first virtual port. */
    private void checkReachability(int gen, String name) {
        ServiceStatus s = board.service(name);
        InetSocketAddress via = socks.get();
        if (gen != generation.getAsInt() || !checkable(s) || via == null || s.ports().isEmpty()) {
            return;
        }
        String onion = s.onion();
        int port = s.ports().get(0).virtualPort();
        List<String> targets = s.ports().get(0).targets();
        probes.execute(() -> {
            Reachability.Result through = Reachability.check(via, onion, port, REACHABILITY_TIMEOUT);
            Reachability.Result r = through;
            if (through.verdict() != Reachability.Verdict.REACHABLE
                    && targets.stream().noneMatch(t -> LocalTarget.answers(t, Duration.ofSeconds(3)))) {
                r = new Reachability.Result(Reachability.Verdict.TARGET_DOWN, "nothing accepts connections at "
                        + String.join(", ", targets) + " (is the API running?)", through.elapsed());
            }
            Reachability.Result verdict = r;
            thread.execute(() -> onReachability(gen, name, onion, verdict));
        });
    }

    private static boolean checkable(ServiceStatus s) {
        return s != null && s.onion() != null
                && (s.state() == ServiceStatus.State.PUBLISHED || s.state() == ServiceStatus.State.UNREACHABLE);
    }

    private void onReachability(int gen, String name, String onion, Reachability.Result r) {
        ServiceStatus s = board.service(name);
        if (gen != generation.getAsInt() || !checkable(s) || !onion.equals(s.onion())) {
            return;
        }
        if (r.verdict() == Reachability.Verdict.REACHABLE) {
            reachabilityFailures.remove(name);
            ServiceStatus next = s.with(ServiceStatus.State.PUBLISHED, r.reason() + " (" + r.elapsed().toMillis() + " ms)");
            if (!next.equals(s)) {
                board.update(next);
            }
            scheduleReachability(name, REACHABILITY_EVERY);
            return;
        }
        // One failure may be a descriptor still propagating or a slow circuit: only two in a row count.
        int failures = reachabilityFailures.merge(name, 1, Integer::sum);
        if (failures < 2) {
            scheduleReachability(name, REACHABILITY_RETRY);
            return;
        }
        String detail = r.verdict() == Reachability.Verdict.TARGET_DOWN
                ? "The local API is not answering: " + r.reason()
                : "Unreachable through tor: " + r.reason();
        ServiceStatus next = s.with(ServiceStatus.State.UNREACHABLE, detail);
        if (!next.equals(s)) {
            board.update(next);
            String message = "Service '" + name + "' (" + onion + ") is unreachable. " + detail;
            LOG.info(message);
            board.fire(l -> l.serviceUnreachable(name, message));
        }
        scheduleReachability(name, REACHABILITY_EVERY);
    }
}
