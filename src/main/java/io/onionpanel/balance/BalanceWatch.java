package io.onionpanel.balance;

import io.onionpanel.common.AtomicFiles;
import io.onionpanel.common.DaemonThreads;
import io.onionpanel.common.FilePermissions;
import io.onionpanel.common.json.JsonCodec;
import io.onionpanel.tor.TorControl;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frontend's view of its backends, every {@link #ROUND_SECONDS}: what Onionbalance holds (status socket), whether
 * the published descriptor carries each backend's introduction points (both descriptors fetched and opened through
 * the panel's tor), and whether each backend answers at its own address. Says in the log when a backend goes
 * missing or comes back, and writes {@code onionbalance/health.json} for {@code balance status}.
 */
public final class BalanceWatch implements AutoCloseable {
    static final int ROUND_SECONDS = 15;
    static final String HEALTH_FILE = "health.json";
    private static final Logger LOG = LoggerFactory.getLogger("onionbalance");
    private static final JsonCodec MAPPER = JsonCodec.STANDARD;

    private final Path dataDir;
    private final Supplier<Optional<TorControl>> control;
    private final Supplier<Optional<InetSocketAddress>> socks;
    private final ExecutorService probes = Executors.newFixedThreadPool(4, DaemonThreads.factory("onionbalance-probe"));
    private final Map<String, Long> lastSeen = new HashMap<>();
    private final Map<String, Boolean> wasLive = new HashMap<>();
    private volatile BalanceHealth last;
    private int round;

    BalanceWatch(Path dataDir, Supplier<Optional<TorControl>> control, Supplier<Optional<InetSocketAddress>> socks) {
        this.dataDir = dataDir;
        this.control = control;
        this.socks = socks;
    }

    Optional<BalanceHealth> last() {
        return Optional.ofNullable(last);
    }

    boolean torRunning() {
        return control.get().map(TorControl::isOpen).orElse(false);
    }

    /**
     * One round; {@code service} null when no frontend runs: the file then says why (Onionbalance missing, or waiting
     * to be restarted after it exited, with how it exited), or is removed.
     */
    void round(String service, String frontend, int port, Path statusSocket, String state, String detail) {
        if (service == null) {
            last = "missing".equals(state) || "restarting".equals(state) ? new BalanceHealth(null, null, state, detail, -1,
                    List.of(), System.currentTimeMillis()) : null;
            write();
            return;
        }
        List<String> backends = backendsOf(statusSocket);
        Map<String, StatusSocket.Instance> held = new HashMap<>();
        try {
            held = StatusSocket.read(statusSocket);
        } catch (IOException e) {
            // Onionbalance starting (no socket yet): every backend reads as not fetched
        }
        if (backends.isEmpty()) {
            backends = new ArrayList<>(held.keySet());
        }
        Optional<TorControl> tor = control.get().filter(TorControl::isOpen);
        Map<String, Set<String>> intros = new HashMap<>();
        if (tor.isPresent()) {
            DescriptorCheck.fetch(tor.get(), frontend);
            backends.forEach(b -> DescriptorCheck.fetch(tor.get(), b));
            sleep(4_000);
            DescriptorCheck.introPoints(tor.get(), frontend).ifPresent(s -> intros.put(frontend, s));
            for (String b : backends) {
                DescriptorCheck.introPoints(tor.get(), b).ifPresent(s -> intros.put(b, s));
            }
        }
        Map<String, Future<String>> reached = new HashMap<>();
        Optional<InetSocketAddress> proxy = socks.get();
        round++;
        for (String b : backends) {
            if (proxy.isPresent()) {
                String isolation = "onionbalance-" + round + "-" + b.substring(0, 8);
                reached.put(b, probes.submit(() -> BackendProbe.reach(proxy.get(), b, port, isolation)));
            }
        }
        Set<String> published = intros.get(frontend);
        List<BackendHealth> rows = new ArrayList<>();
        for (String b : backends) {
            StatusSocket.Instance i = held.get(b);
            Set<String> own = intros.get(b);
            boolean inPublished = published != null && own != null && own.stream().anyMatch(published::contains);
            String why = "not checked yet (tor is not running)";
            Future<String> f = reached.get(b);
            if (f != null) {
                try {
                    why = f.get(BackendProbe.TIMEOUT_MILLIS + 10_000, TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    why = "not reached at its own address (" + e + ")";
                }
            }
            boolean live = why == null;
            if (live) {
                lastSeen.put(b, System.currentTimeMillis());
            }
            Boolean before = wasLive.put(b, live);
            if (before != null && before != live) {
                if (live) {
                    LOG.info("Backend {} of '{}' is live again", b, service);
                } else {
                    LOG.warn("Backend {} of '{}' is missing: {}", b, service, why);
                }
            }
            rows.add(new BackendHealth(b, i != null && i.fetched(), i == null ? 0 : i.introPoints(), inPublished,
                    lastSeen.getOrDefault(b, 0L), live, live ? null : why));
        }
        last = new BalanceHealth(service, frontend, state, detail, published == null ? -1 : published.size(), rows,
                System.currentTimeMillis());
        write();
    }

    /** The backends the running config names (the settings may have moved on; Onionbalance runs with these). */
    private List<String> backendsOf(Path statusSocket) {
        Path config = statusSocket.resolveSibling("config.yaml");
        List<String> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(config)) {
                String l = line.strip();
                if (l.startsWith("- address: \"")) {
                    out.add(l.substring("- address: \"".length(), l.length() - 1) + ".onion");
                }
            }
        } catch (IOException e) {
            // not written yet
        }
        return out;
    }

    private void write() {
        Path folder = dataDir.resolve(BalanceSupervisor.FOLDER);
        try {
            if (last == null) {
                Files.deleteIfExists(folder.resolve(HEALTH_FILE));
                return;
            }
            FilePermissions.createPrivateDirectories(folder);
            AtomicFiles.writePrivate(folder.resolve(HEALTH_FILE), MAPPER.writePrettyBytes(last));
        } catch (IOException e) {
            LOG.debug("Cannot write {}: {}", HEALTH_FILE, e.toString());
        }
    }

    /** The health the running panel last wrote, for the CLI. */
    public static Optional<BalanceHealth> read(Path dataDir) {
        Path f = dataDir.resolve(BalanceSupervisor.FOLDER).resolve(HEALTH_FILE);
        try {
            return Files.isRegularFile(f) ? Optional.of(MAPPER.readValue(f, BalanceHealth.class)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        probes.shutdownNow();
    }
}
