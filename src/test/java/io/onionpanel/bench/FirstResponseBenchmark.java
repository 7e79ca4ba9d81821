package io.onionpanel.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onionpanel.engine.RuntimeInfo;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.tor.TorLocator;
import io.onionpanel.tor.TorBinary;
import io.onionpanel.tor.TorEvent;
import io.onionpanel.tor.TorPaths;
import io.onionpanel.tor.TorProcess;
import io.onionpanel.tor.Torrc;
import io.onionpanel.testnet.PrivateTorNetwork;
import io.onionpanel.testnet.Socks5Http;
import io.onionpanel.testnet.StandInRoutstr;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Issue 2's benchmark: seconds from starting {@code onion-panel run} (the shipped jar with the launcher's JVM
 * options; a fresh data folder with a new service and no tor state, its tor binary already extracted as the bare
 * tor's is) to the first HTTP 200 through its onion address, next to a bare tor (same binary, equivalent torrc,
 * a minimal controller only to see the descriptor upload) on the same private network, runs alternating.
 * Both wait for the descriptor upload before the first request, as tor-facts' pitfall requires.
 *
 * <p>The panel gives tor its services when tor has bootstrapped, which publishes about a second sooner than
 * services in the torrc (tor's onion-service timer then starts at bootstrap, not at launch). A third column, for
 * transparency: the same bare tor with a controller doing just that, so the panel's own cost shows.
 *
 * <p>Run: {@code bench/run.sh first-response [runs]} (default 5 runs each).
 */
public final class FirstResponseBenchmark {
    /** The JVM options the installers' launcher and the README use (class-data sharing archive, small heap). */
    private static final String OPTIONS = "@installer/desktop-jvm.options";
    /** The CLI's archive (the options name the window's; the last one given wins), as the installed launcher gives it. */
    private static final String CLI_ARCHIVE = "-XX:SharedArchiveFile=target/onion-panel.jsa";

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path jar = Path.of("target/onion-panel.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Build the jar first: mvn -DskipTests package");
        }
        Path work = Files.createTempDirectory("bench-first-response");
        try (PrivateTorNetwork network = PrivateTorNetwork.start(work.resolve("net"), 3, 5, Duration.ofMinutes(4));
             StandInRoutstr api = StandInRoutstr.start()) {
            System.out.println("Private network ready in " + network.startupTime().toSeconds() + " s");
            // The same tor the panel finds by itself (on Linux the system's), asked once, outside the timed runs.
            TorBinary torBinary = TorLocator.forDataDir(work.resolve("bare-bin")).select(null, null, false).tor();
            System.out.println("tor for both: " + torBinary.describe());
            BenchStats panel = new BenchStats();
            BenchStats bare = new BenchStats();
            BenchStats controlled = new BenchStats();
            for (int i = 0; i < runs; i++) {
                double p = panelRun(jar, work.resolve("panel-" + i), network, api);
                double b = bareTorRun(torBinary, work.resolve("bare-" + i), network, api, false);
                double c = bareTorRun(torBinary, work.resolve("controlled-" + i), network, api, true);
                System.out.printf("run %d: panel %.2f s, bare tor %.2f s, bare tor + services at bootstrap %.2f s%n", i + 1, p, b, c);
                panel.add(p);
                bare.add(b);
                controlled.add(c);
            }
            System.out.println();
            System.out.println("Start to first 200 through the onion (fresh keys each run):");
            System.out.println("  onion-panel run : " + panel.describe("s"));
            System.out.println("  bare tor        : " + bare.describe("s"));
            System.out.println("  bare tor + services by SETCONF at bootstrap (the panel's method, no JVM): " + controlled.describe("s"));
            System.out.printf("  ratio panel/bare (medians): %.2f×   (target: ≤ 1.0×)%n", panel.median() / bare.median());
            System.out.printf("  panel overhead (medians): %+.2f s%n", panel.median() - bare.median());
            System.out.printf("  panel's own cost against the same method (medians): %+.2f s%n", panel.median() - controlled.median());
        }
    }

    private static double panelRun(Path jar, Path data, PrivateTorNetwork network, StandInRoutstr api) throws Exception {
        Files.createDirectories(data);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process add = new ProcessBuilder(java, OPTIONS, CLI_ARCHIVE, "-jar", jar.toString(), "--data-dir", data.toString(), "service", "add", "api",
                "--port", "80=" + api.hostPort()).redirectErrorStream(true).start();
        add.getInputStream().readAllBytes();
        add.waitFor();
        // As for the bare tor, whose binary is extracted before its clock starts: the panel's copy is extracted
        // and checked by its first start (here --version), as on any start after the very first one.
        Process version = new ProcessBuilder(java, OPTIONS, CLI_ARCHIVE, "-jar", jar.toString(), "--data-dir", data.toString(), "--version")
                .redirectErrorStream(true).start();
        version.getInputStream().readAllBytes();
        version.waitFor();
        long t0 = System.nanoTime();
        Process run = new ProcessBuilder(java, OPTIONS, CLI_ARCHIVE, "-jar", jar.toString(), "--data-dir", data.toString(), "run", "--json",
                "--torrc-append", network.clientTorrcFile().toString()).redirectErrorStream(false).start();
        try {
            String onion = awaitPublished(run, t0);
            String[] socks = RuntimeInfo.read(data).orElseThrow().socks().split(":");
            getUntilOk(socks[0], Integer.parseInt(socks[1]), "http://" + onion + "/v1/info");
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            run.toHandle().destroy();
            run.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String awaitPublished(Process run, long t0) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        StringBuilder timeline = new StringBuilder("  panel:");
        BufferedReader r = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            JsonNode e = mapper.readTree(line);
            String event = e.path("event").asText();
            if (event.equals("tor") || event.equals("published")
                    || event.equals("bootstrap") && e.path("progress").asInt() == 100) {
                timeline.append(String.format(" %s%s %.2f", event, event.equals("tor") ? "=" + e.path("state").asText() : "",
                        (System.nanoTime() - t0) / 1e9));
            }
            if (event.equals("published")) {
                System.out.println(timeline);
                // Keep draining so the panel never blocks on a full pipe.
                CompletableFuture.runAsync(() -> {
                    try {
                        r.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException ignored) {
                        // process ended
                    }
                });
                return e.get("onion").asText();
            }
            if (e.path("event").asText().equals("error")) {
                System.out.println("  panel reported: " + e.get("message").asText());
            }
        }
        throw new IOException("run ended before publishing");
    }

    /**
     * A bare tor with the service in its torrc, or ({@code atBootstrap}) given to it by SETCONF when it has
     * bootstrapped, by a minimal controller.
     */
    private static double bareTorRun(TorBinary binary, Path dir, PrivateTorNetwork network, StandInRoutstr api,
                                     boolean atBootstrap) throws Exception {
        TorPaths paths = TorPaths.in(dir);
        Path hs = dir.resolve("hs");
        io.onionpanel.common.FilePermissions.createPrivateDirectories(hs);
        List<Torrc.Service> services = List.of(new Torrc.Service(hs, List.of(PortMapping.of(80, api.hostPort()))));
        String torrc = Torrc.render(paths, network.clientTorrcLines(), atBootstrap ? List.of() : services);
        String label = atBootstrap ? "  bare+setconf:" : "  bare:";
        List<String> uploaded = new ArrayList<>();
        CompletableFuture<TorProcess> started = new CompletableFuture<>();
        long t0 = System.nanoTime();
        TorProcess tor = TorProcess.start(binary, paths, torrc, Duration.ofSeconds(30), event -> {
            if (event instanceof TorEvent.Bootstrap b && b.done()) {
                System.out.printf("%s bootstrapped %.2f%n", label, (System.nanoTime() - t0) / 1e9);
                if (atBootstrap) {
                    // Not on the event thread: the reply to SETCONF arrives on it.
                    started.thenAcceptAsync(t -> {
                        try {
                            t.applyServices(services);
                        } catch (IOException e) {
                            System.out.println(label + " SETCONF failed: " + e.getMessage());
                        }
                    });
                }
            }
            if (event instanceof TorEvent.HsDesc d && d.action().equals("UPLOADED")) {
                synchronized (uploaded) {
                    if (uploaded.isEmpty()) {
                        System.out.printf("%s uploaded %.2f%n", label, (System.nanoTime() - t0) / 1e9);
                    }
                    uploaded.add(d.address());
                    uploaded.notifyAll();
                }
            }
        }, () -> { });
        started.complete(tor);
        try {
            synchronized (uploaded) {
                long deadline = System.currentTimeMillis() + 180_000;
                while (uploaded.isEmpty() && System.currentTimeMillis() < deadline) {
                    uploaded.wait(1000);
                }
            }
            String onion = Files.readString(hs.resolve("hostname")).trim();
            var socks = tor.socksAddress();
            getUntilOk(socks.getHostString(), socks.getPort(), "http://" + onion + "/v1/info");
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            tor.stop(Duration.ofSeconds(5));
        }
    }

    private static void getUntilOk(String host, int port, String url) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Socks5Http.get(host, port, url, Duration.ofSeconds(30)).status() == 200) {
                    return;
                }
            } catch (IOException retry) {
                // descriptor still propagating
            }
            Thread.sleep(250);
        }
        throw new IOException("no 200 from " + url);
    }
}
