package io.onionpanel.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.onionpanel.control.ControlClient;
import io.onionpanel.control.ControlConnection;
import io.onionpanel.control.ControlServer;
import io.onionpanel.control.KnownRemotes;
import io.onionpanel.control.PairingCode;
import io.onionpanel.control.RemotePanelConnector;
import io.onionpanel.control.RemoteServerFiles;
import io.onionpanel.engine.Engine;
import io.onionpanel.engine.EngineOptions;
import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.monitor.EngineMonitor;
import io.onionpanel.monitor.Monitor;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.testnet.PrivateTorNetwork;
import io.onionpanel.testnet.StandInRoutstr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issue 18's remote access figures on the private network: server engine A (one published service, remote access on,
 * one desktop paired) and desktop engine B, in this JVM with their control servers, as the integration test.
 * <ul>
 *   <li>remote attach → first status: from {@code RemotePanelConnector.connect} (local engine asked for SOCKS and the
 *   key, SOCKS to the onion, hello) to the answer to {@code status}; the first run (cold: descriptor fetch and
 *   circuits) apart from the rest (each a new connection, tor's circuits warm);</li>
 *   <li>event on A → event at B: A and B both subscribed (A through its local socket, B through the onion); services
 *   added and removed on A; for each event seen at both, B's arrival minus A's local arrival;</li>
 *   <li>the window's remote attach → complete first frame ({@link RemoteWindowFrames}): a window on B pairs A's code
 *   under a new name and shows it, up to the drawn frame with A's service "Published" (attach runs / 2, at least 2).</li>
 * </ul>
 * Run: {@code bench/run.sh remote-access [attach runs] [changes]} (defaults 10, 20).
 */
public final class RemoteAccessBenchmark {
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int changes = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path work = Files.createTempDirectory("bench-remote");
        Path dataA = work.resolve("a");
        Path dataB = work.resolve("b");
        try (PrivateTorNetwork network = PrivateTorNetwork.start(work.resolve("net"), 3, 5, Duration.ofMinutes(6));
             StandInRoutstr api = StandInRoutstr.start()) {
            System.out.println("Private network ready in " + network.startupTime().toSeconds() + " s");
            new SettingsStore(dataA).update(s -> s.withTor(s.tor().withExtraTorrcLines(network.clientTorrcLines()))
                    .withServices(List.of(new ServiceConfig("api", true, List.of(PortMapping.of(80, api.hostPort()))))));
            new SettingsStore(dataB).update(s -> s.withTor(s.tor().withExtraTorrcLines(network.clientTorrcLines())));
            RemoteServerFiles server = new RemoteServerFiles(dataA);
            server.enable();
            PairingCode code = server.pair("bench");
            new KnownRemotes(dataB).add("server", code.text());
            Engine a = new Engine(new EngineOptions(dataA, null, List.of(), Duration.ofMillis(500)));
            Monitor monitorA = EngineMonitor.attach(a);
            Engine b = new Engine(new EngineOptions(dataB, null, List.of(), Duration.ofMillis(500)));
            Monitor monitorB = EngineMonitor.attach(b);
            try (monitorA; a; monitorB; b) {
                a.start();
                b.start();
                try (ControlServer controlA = ControlServer.start(a, monitorA, () -> { });
                     ControlServer controlB = ControlServer.start(b, monitorB, () -> { })) {
                    long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                    while (a.services().stream().noneMatch(s -> s.state() == ServiceStatus.State.PUBLISHED)) {
                        if (System.nanoTime() > until) {
                            throw new IllegalStateException("A's service not published in 3 min");
                        }
                        Thread.sleep(200);
                    }
                    Thread.sleep(3000); // the control onion is added on the same tor; its descriptor goes up within seconds
                    BenchStats warm = new BenchStats();
                    double cold = 0;
                    for (int i = 0; i < runs; i++) {
                        long t0 = System.nanoTime();
                        try (ControlConnection c = RemotePanelConnector.connect(dataB, "server", e -> { }, () -> { })) {
                            c.call("status", null, Duration.ofSeconds(30));
                        }
                        double ms = (System.nanoTime() - t0) / 1e6;
                        System.out.printf("attach %d: %.0f ms%n", i + 1, ms);
                        if (i == 0) {
                            cold = ms;
                        } else {
                            warm.add(ms);
                        }
                    }
                    double[] frames = RemoteWindowFrames.measure(dataB, code.text(), "api", Math.max(2, runs / 2));
                    BenchStats warmFrames = new BenchStats();
                    for (int i = 1; i < frames.length; i++) {
                        warmFrames.add(frames[i]);
                    }
                    Map<String, Long> atA = new ConcurrentHashMap<>();
                    Map<String, Long> atB = new ConcurrentHashMap<>();
                    try (ControlConnection local = ControlConnection.open(dataA, e -> atA.putIfAbsent(e.toString(), System.nanoTime()),
                            () -> { }).orElseThrow();
                         ControlConnection remote = RemotePanelConnector.connect(dataB, "server",
                                 e -> atB.putIfAbsent(e.toString(), System.nanoTime()), () -> { })) {
                        local.call("subscribe", null, Duration.ofSeconds(30));
                        remote.call("subscribe", null, Duration.ofSeconds(30));
                        for (int i = 0; i < changes; i++) {
                            String name = "b" + i;
                            new SettingsStore(dataA).update(s -> {
                                List<ServiceConfig> list = new ArrayList<>(s.services().subList(0, 1));
                                if (s.services().size() == 1) {
                                    list.add(new ServiceConfig(name, true, List.of(PortMapping.of(80, api.hostPort()))));
                                }
                                return s.withServices(list);
                            });
                            try (ControlClient c = ControlClient.connect(dataA).orElseThrow()) {
                                c.call("applySettings");
                            }
                            Thread.sleep(1500);
                        }
                        Thread.sleep(3000);
                    }
                    BenchStats latency = new BenchStats();
                    atA.forEach((event, t) -> {
                        Long tb = atB.get(event);
                        if (tb != null) {
                            latency.add((tb - t) / 1e6);
                        }
                    });
                    System.out.println("Remote access on the private network (ms):");
                    System.out.printf("  attach -> first status, first (cold) run: %.0f ms%n", cold);
                    System.out.println("  attach -> first status, next runs      : " + warm.describe("ms"));
                    System.out.printf("  window: remote attach -> complete first frame, first run: %.0f ms%n", frames[0]);
                    System.out.println("  window: remote attach -> complete first frame, next runs  : " + warmFrames.describe("ms"));
                    System.out.printf("  event on A -> event at B: %d events seen at both (of %d at A), p50 %.1f ms, p95 %.1f ms,"
                            + " max %.1f ms   (target p95 <= 1500 ms)%n", atA.keySet().stream().filter(atB::containsKey).count(),
                            atA.size(), latency.median(), latency.percentile(95), latency.max());
                }
            }
        } finally {
            // The private network's folder holds keys of throwaway relays; the temp folder is left for a look.
            System.out.println("Work folder: " + work);
        }
    }
}
