package io.onionpanel.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.onionpanel.control.ControlConnection;
import io.onionpanel.testnet.NetworkTor;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 17's service add: with a daemon already running on the private network (one service published),
 * {@code onion-panel service add NAME --port 80=…} (the shipped jar, the launcher's JVM options) → the engine publishes
 * it (its {@code service} event says PUBLISHED: the descriptor is uploaded) → first HTTP 200 through the new onion from
 * a separate client tor. Reference, runs alternating: OnionShare ({@code onionshare-cli --website --public}) adding its
 * service to an already running, bootstrapped tor on the same private network through that tor's control port
 * ({@code connection_type: control_port} in a {@code --config} file: OnionShare cannot take torrc lines, so the tor with
 * the network's DirAuthority lines is started here); it prints its address once stem saw the upload
 * ({@code await_publication}), then the same client tor fetches it until 200. Both clocks start at process launch.
 *
 * <p>Each panel run's service is removed again (untimed) before the next: every add then starts from the one published
 * service, as every OnionShare run starts from a tor without its onion (OnionShare's ephemeral onion goes when it
 * exits). With {@code keep}, the services pile up instead: each add is timed on top of all the earlier ones. With
 * {@code no-pow}, the panel's services are added without proof-of-work (OnionShare's have none; the panel's default
 * is on).
 *
 * <p>Run: {@code bench/run.sh service-add [runs] [keep] [no-pow]} (default 5 each). Needs {@code onionshare-cli} (Debian:
 * apt-get install onionshare-cli).
 */
public final class ServiceAddBenchmark {
    private static final String OPTIONS = "@installer/desktop-jvm.options";
    /** The CLI's archive (the options name the window's; the last one given wins), as the installed launcher gives it. */
    private static final String CLI_ARCHIVE = "-XX:SharedArchiveFile=target/onion-panel.jsa";
    private static final Pattern ONION_URL = Pattern.compile("http://([a-z2-7]{56}\\.onion)");

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> flags = List.of(args).subList(Math.min(1, args.length), args.length);
        boolean keep = flags.contains("keep");
        boolean noPow = flags.contains("no-pow");
        Path work = Files.createTempDirectory("bench-service-add");
        Path site = Files.createDirectories(work.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<html><body>ok</body></html>\n");
        try (PrivateTorNetwork network = PrivateTorNetwork.start(work.resolve("net"), 3, 5, Duration.ofMinutes(6));
             StandInRoutstr api = StandInRoutstr.start();
             NetworkTor client = NetworkTor.start(network, "client", work.resolve("client"), 0, List.of());
             NetworkTor reference = NetworkTor.start(network, "reference", work.resolve("reference"), 0, List.of());
             BenchDaemon daemon = BenchDaemon.start(work.resolve("data"), network, api.hostPort())) {
            System.out.println("Private network ready in " + network.startupTime().toSeconds() + " s");
            client.awaitBootstrapped(Duration.ofMinutes(3));
            reference.awaitBootstrapped(Duration.ofMinutes(3));
            daemon.awaitPublished("api", Duration.ofMinutes(3));
            Path config = work.resolve("onionshare.json");
            Files.writeString(config, "{\"connection_type\": \"control_port\", \"control_port_address\": \"127.0.0.1\", "
                    + "\"control_port_port\": " + reference.controlAddress().getPort() + ", \"auth_type\": \"no_auth\"}\n");
            PublishedEvents published = new PublishedEvents();
            try (ControlConnection events = ControlConnection.open(daemon.data, published::event, () -> { })
                    .orElseThrow(() -> new IllegalStateException("no control socket"))) {
                events.call("subscribe", null, Duration.ofSeconds(30));
                BenchStats panel = new BenchStats();
                BenchStats onionShare = new BenchStats();
                int failed = 0;
                for (int i = 1; i <= runs; i++) {
                    // A run that gets no 200 within 3 minutes is reported and left out (both sides alike).
                    try {
                        double p = panelRun(daemon, "added" + i, api, published, client, noPow);
                        panel.add(p);
                        System.out.printf("run %d: panel %.2f s%n", i, p);
                        if (!keep) {
                            cli(daemon, "service", "remove", "added" + i);
                        }
                    } catch (Exception e) {
                        failed++;
                        System.out.printf("run %d: panel FAILED: %s%n", i, e.getMessage());
                    }
                    try {
                        double o = onionShareRun(config, site, work.resolve("onionshare-" + i + ".log"), client);
                        onionShare.add(o);
                        System.out.printf("run %d: OnionShare %.2f s%n", i, o);
                    } catch (Exception e) {
                        failed++;
                        System.out.printf("run %d: OnionShare FAILED (its output: %s): %s%n", i,
                                work.resolve("onionshare-" + i + ".log"), e.getMessage());
                    }
                }
                System.out.println("failed runs (left out): " + failed);
                System.out.println();
                System.out.println("Running engine: add a service → first HTTP 200 through its new onion:");
                System.out.println("  onion-panel service add (daemon running): " + panel.describe("s"));
                System.out.println("  reference, OnionShare 2.6 on a running tor: " + onionShare.describe("s"));
                System.out.printf("  ratio panel/OnionShare (medians): %.2f×   (target ≤ 0.8×)%n", panel.median() / onionShare.median());
            }
        }
    }

    /** The engine's service events: a future per name, completed when it is PUBLISHED. */
    private static final class PublishedEvents {
        private final ConcurrentHashMap<String, CompletableFuture<String>> published = new ConcurrentHashMap<>();

        CompletableFuture<String> of(String name) {
            return published.computeIfAbsent(name, n -> new CompletableFuture<>());
        }

        void event(JsonNode params) {
            JsonNode data = params.path("data");
            if ("service".equals(params.path("type").asText()) && "PUBLISHED".equals(data.path("state").asText())) {
                of(data.path("name").asText()).complete(data.path("onion").asText());
            }
        }
    }

    private static double panelRun(BenchDaemon daemon, String name, StandInRoutstr api, PublishedEvents published, NetworkTor client,
                                   boolean noPow) throws Exception {
        CompletableFuture<String> onion = published.of(name);
        long t0 = System.nanoTime();
        if (noPow) {
            cli(daemon, "service", "add", name, "--port", "80=" + api.hostPort(), "--no-pow");
        } else {
            cli(daemon, "service", "add", name, "--port", "80=" + api.hostPort());
        }
        double added = (System.nanoTime() - t0) / 1e9;
        String address = onion.get(3, TimeUnit.MINUTES);
        double up = (System.nanoTime() - t0) / 1e9;
        getUntilOk(client, "http://" + (address.endsWith(".onion") ? address : address + ".onion") + "/v1/info");
        double done = (System.nanoTime() - t0) / 1e9;
        System.out.printf("  panel: CLI done %.2f, published %.2f, 200 %.2f%n", added, up, done);
        return done;
    }

    /** The CLI as the installed launcher runs it, against the running daemon's data folder. */
    private static void cli(BenchDaemon daemon, String... command) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = Path.of("target/onion-panel.jar").toAbsolutePath().toString();
        List<String> line = new java.util.ArrayList<>(List.of(java, OPTIONS, CLI_ARCHIVE, "-jar", jar, "--data-dir",
                daemon.data.toString()));
        line.addAll(List.of(command));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static double onionShareRun(Path config, Path site, Path log, NetworkTor client) throws Exception {
        long t0 = System.nanoTime();
        Process share = new ProcessBuilder("onionshare-cli", "--config", config.toString(), "--website", "--public",
                site.toString()).redirectErrorStream(true).start();
        StringBuilder seen = new StringBuilder();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(share.getInputStream(), StandardCharsets.UTF_8));
            String line;
            String onion = null;
            while (onion == null && (line = r.readLine()) != null) {
                seen.append(line).append('\n');
                Matcher m = ONION_URL.matcher(line);
                if (m.find()) {
                    onion = m.group(1);
                }
            }
            if (onion == null) {
                throw new IllegalStateException("OnionShare printed no address:\n" + seen);
            }
            double up = (System.nanoTime() - t0) / 1e9;
            CompletableFuture.runAsync(() -> {
                try {
                    r.transferTo(java.io.Writer.nullWriter());
                } catch (IOException ignored) {
                    // ended
                }
            });
            getUntilOk(client, "http://" + onion + "/");
            double done = (System.nanoTime() - t0) / 1e9;
            System.out.printf("  OnionShare: published %.2f, 200 %.2f%n", up, done);
            return done;
        } finally {
            Files.writeString(log, seen);
            share.toHandle().destroy();
            if (!share.waitFor(20, TimeUnit.SECONDS)) {
                share.destroyForcibly();
            }
        }
    }

    private static void getUntilOk(NetworkTor client, String url) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                Socks5Http.HttpResult r = Socks5Http.get("127.0.0.1", client.socksPort(), url, Duration.ofSeconds(30));
                if (r.status() == 200) {
                    return;
                }
                last = "HTTP " + r.status();
            } catch (IOException retry) {
                last = retry.getMessage(); // descriptor still propagating
            }
            Thread.sleep(250);
        }
        throw new IOException("no 200 from " + url + ": " + last);
    }
}
