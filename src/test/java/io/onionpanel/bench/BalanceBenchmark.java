package io.onionpanel.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onionpanel.balance.BalanceNetwork;
import io.onionpanel.balance.IsolatedGet;
import io.onionpanel.balance.NamedApi;
import io.onionpanel.engine.RuntimeInfo;
import io.onionpanel.it.PanelProcess;
import io.onionpanel.testnet.PrivateTorNetwork;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load balancing with Onionbalance on the private network (bench/run.sh balance [seconds per phase] [kill minutes]):
 * frontend start → first 200; requests per second through the frontend with 1, 2, 3 backends, each API serving one
 * request at a time in a fixed time (so a backend saturates and the spread shows on one machine); the share of
 * requests answered in the minutes after a backend (panel and tor) is killed.
 */
public final class BalanceBenchmark {
    private static final long SERVICE_MILLIS = 250;
    private static final int WORKERS = 12;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int phaseSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int killMinutes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        PrivateTorNetwork network = BalanceNetwork.require();
        Path root = Files.createTempDirectory("balance-bench");
        List<NamedApi> apis = new ArrayList<>();
        List<PanelProcess> panels = new ArrayList<>();
        try {
            Path front = root.resolve("frontend");
            check(PanelProcess.cli(front, "balance", "frontend", "lb", "--port", "80=127.0.0.1:9"));
            String code = PanelProcess.cli(front, "balance", "join-code", "lb").output().strip();
            String onion = code.substring("obpanel1-".length()) + ".onion";
            String[] addresses = new String[3];
            PanelProcess[] backends = new PanelProcess[3];
            for (int i = 0; i < 3; i++) {
                NamedApi api = NamedApi.serial("backend-" + (i + 1), SERVICE_MILLIS);
                apis.add(api);
                Path data = root.resolve("backend-" + (i + 1));
                PanelProcess.CliResult joined = check(PanelProcess.cli(data, "backend", "join", code, "--port", "80=" + api.hostPort()));
                addresses[i] = joined.output().lines().filter(l -> l.startsWith("Its instance address: ")).findFirst()
                        .orElseThrow().substring("Its instance address: ".length()).strip();
                backends[i] = run(network, data);
                panels.add(backends[i]);
            }
            for (PanelProcess b : backends) {
                b.awaitEvent("published", "backend", Duration.ofSeconds(240));
            }
            check(PanelProcess.cli(front, "balance", "add-backend", "lb", addresses[0]));
            long t0 = System.nanoTime();
            PanelProcess frontend = run(network, front);
            panels.add(frontend);
            frontend.awaitEvent("published", "lb", Duration.ofSeconds(300));
            long published = System.nanoTime();
            InetSocketAddress socks = socks(front);
            String first = null;
            while (first == null) {
                try {
                    first = IsolatedGet.get(socks, onion, 80, Duration.ofSeconds(60));
                } catch (IOException e) {
                    Thread.sleep(1_000);
                }
            }
            long firstOk = System.nanoTime();
            System.out.printf("frontend start -> published: %.1f s; -> first 200: %.1f s (answered by %s)%n",
                    (published - t0) / 1e9, (firstOk - t0) / 1e9, first);

            for (int n = 1; n <= 3; n++) {
                if (n > 1) {
                    check(PanelProcess.cli(front, "balance", "add-backend", "lb", addresses[n - 1]));
                    final int want = n;
                    awaitHealth(front, h -> inPublished(h) == want, Duration.ofSeconds(240));
                }
                Map<String, AtomicInteger> by = new ConcurrentHashMap<>();
                int[] failed = new int[1];
                double rps = load(socks, onion, phaseSeconds, by, failed, "phase" + n);
                System.out.printf("%d backend(s): %.2f requests/s over %d s with %d workers (failed %d) %s%n", n, rps,
                        phaseSeconds, WORKERS, failed[0], by);
            }

            long torPid = RuntimeInfo.read(root.resolve("backend-2")).orElseThrow().torPid();
            backends[1].process().toHandle().destroyForcibly();
            ProcessHandle.of(torPid).ifPresent(ProcessHandle::destroyForcibly);
            long killEnd = System.nanoTime() + Duration.ofMinutes(killMinutes).toNanos();
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger all = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                threads.add(started(() -> {
                    while (System.nanoTime() < killEnd) {
                        all.incrementAndGet();
                        try {
                            IsolatedGet.get(socks, onion, 80, Duration.ofSeconds(30));
                            ok.incrementAndGet();
                        } catch (IOException e) {
                            // counted as not answered
                        }
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            System.out.printf("after killing backend-2: %d of %d requests answered in %d min (%.2f %%), each on fresh"
                    + " circuits with a 30 s limit%n", ok.get(), all.get(), killMinutes, 100.0 * ok.get() / Math.max(1, all.get()));
        } finally {
            panels.forEach(PanelProcess::close);
            apis.forEach(NamedApi::close);
        }
    }

    /** WORKERS clients, each on its own circuits (one SOCKS isolation each, as separate clients), for the phase. */
    private static double load(InetSocketAddress socks, String onion, int seconds, Map<String, AtomicInteger> by,
                               int[] failed, String phase) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicInteger done = new AtomicInteger();
        AtomicInteger bad = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < WORKERS; w++) {
            threads.add(started(() -> {
                while (System.nanoTime() < end) {
                    try {
                        String who = IsolatedGet.get(socks, onion, 80, Duration.ofSeconds(30));
                        by.computeIfAbsent(who, k -> new AtomicInteger()).incrementAndGet();
                        done.incrementAndGet();
                    } catch (IOException e) {
                        bad.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        failed[0] = bad.get();
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static Thread started(Runnable work) {
        Thread t = new Thread(work, "balance-bench-client");
        t.start();
        return t;
    }

    private static int inPublished(JsonNode h) {
        int n = 0;
        for (JsonNode b : h.path("backends")) {
            n += b.path("inPublished").asBoolean() ? 1 : 0;
        }
        return n;
    }

    private static void awaitHealth(Path front, java.util.function.Predicate<JsonNode> ok, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Path f = front.resolve("onionbalance/health.json");
            if (Files.isRegularFile(f)) {
                try {
                    if (ok.test(JSON.readTree(f.toFile()))) {
                        return;
                    }
                } catch (IOException partial) {
                    // retried
                }
            }
            Thread.sleep(2_000);
        }
        throw new IllegalStateException("frontend health did not reach the state within " + timeout);
    }

    private static PanelProcess run(PrivateTorNetwork network, Path data) throws IOException {
        return PanelProcess.start(data, "--torrc-append", network.clientTorrcFile().toString());
    }

    private static InetSocketAddress socks(Path data) {
        String[] hp = RuntimeInfo.read(data).orElseThrow().socks().split(":");
        return new InetSocketAddress(hp[0], Integer.parseInt(hp[1]));
    }

    private static PanelProcess.CliResult check(PanelProcess.CliResult r) {
        if (r.exit() != 0) {
            throw new IllegalStateException(r.output());
        }
        return r;
    }
}
