package io.onionpanel.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onionpanel.testnet.OnionServiceTor;
import io.onionpanel.testnet.PrivateTorNetwork;
import io.onionpanel.testnet.StandInRoutstr;
import io.onionpanel.testnet.TorNetworkSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Issue 9's benchmark: per-request latency of {@code onion-panel probe --count 50} (the shipped jar) against the
 * same onion service as {@code curl --socks5-hostname} run 50 times, through the same tor, in the same run,
 * rounds alternating. Both open one new stream per request on a warm circuit; curl's figure is its own
 * {@code time_total}, probe's is the p50 it reports (each request timed from the SOCKS connect to the last byte).
 *
 * <p>Run: {@code bench/run.sh probe [rounds] [count]} (default 5 rounds of 50). With {@code --hold} it only
 * publishes the onion, prints its address and SOCKS port and waits (for trying the Share view's snippets by hand).
 */
public final class ProbeBenchmark {
    public static void main(String[] args) throws Exception {
        // Java's HttpServer (the stand-in, and the network's own probe server) writes a response's head and body
        // separately; with Nagle on, the body waits for tor's delayed ACK (40 ms) on about every other response,
        // for curl and probe alike, which buries the comparison in noise. Real servers (uvicorn/asyncio) set
        // TCP_NODELAY. Read once, when the JVM's first HttpServer starts: set before anything else.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        boolean hold = Arrays.asList(args).contains("--hold");
        List<String> numbers = Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
        int rounds = numbers.size() > 0 ? Integer.parseInt(numbers.get(0)) : 5;
        int count = numbers.size() > 1 ? Integer.parseInt(numbers.get(1)) : 50;
        Path jar = Path.of("target/onion-panel.jar").toAbsolutePath();
        if (!hold && !Files.exists(jar)) {
            throw new IllegalStateException("Build the jar first: mvn -DskipTests package");
        }
        Path work = Files.createTempDirectory("bench-probe");
        Path tor = TorNetworkSupport.onPath("tor").orElseThrow(() -> new IllegalStateException(TorNetworkSupport.MISSING_TOR_MESSAGE));
        try (PrivateTorNetwork network = PrivateTorNetwork.start(work.resolve("net"), 3, 5, Duration.ofMinutes(4));
             StandInRoutstr api = StandInRoutstr.start();
             OnionServiceTor service = OnionServiceTor.start("bench-probe", tor, work.resolve("service"),
                     network.clientTorrcLines(), api.port())) {
            service.enableNetwork();
            service.awaitDescriptorUploaded(Duration.ofMinutes(2));
            service.getUntilOk("/v1/info", Duration.ofMinutes(2));
            String url = "http://" + service.onionAddress() + "/v1/info";
            int socks = service.socksPort();
            System.out.println("Private network ready in " + network.startupTime().toSeconds() + " s; onion "
                    + service.onionAddress() + ", SOCKS 127.0.0.1:" + socks);
            if (hold) {
                System.out.println("READY " + service.onionAddress() + " " + socks);
                System.out.flush();
                Thread.currentThread().join();
            }
            // Warm both isolation groups (curl's unauthenticated one and probe's) before measuring.
            curlOnce(socks, url);
            probe(jar, socks, url, 1);
            BenchStats curl = new BenchStats();
            BenchStats curlClose = new BenchStats();
            List<Double> probeP50 = new ArrayList<>();
            List<Double> curlP50 = new ArrayList<>();
            List<Double> curlCloseP50 = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                BenchStats roundCurl = new BenchStats();
                BenchStats roundCurlClose = new BenchStats();
                for (int i = 0; i < count; i++) {
                    double ms = curlOnce(socks, url);
                    roundCurl.add(ms);
                    curl.add(ms);
                }
                // Also curl with the header probe sends, to show what the header itself is worth.
                for (int i = 0; i < count; i++) {
                    double ms = curlOnce(socks, url, "-H", "Connection: close");
                    roundCurlClose.add(ms);
                    curlClose.add(ms);
                }
                curlCloseP50.add(roundCurlClose.median());
                JsonNode p = probe(jar, socks, url, count);
                if (p.get("ok").asInt() != count) {
                    throw new IllegalStateException("probe: not all requests succeeded: " + p);
                }
                double p50 = p.get("p50_ms").asDouble();
                probeP50.add(p50);
                curlP50.add(roundCurl.median());
                System.out.printf("round %d: curl p50 %.0f ms | curl -H 'Connection: close' p50 %.0f ms | probe p50 %.0f ms"
                                + " (min %d, p95 %d, max %d) | probe/curl %.2f%n", r + 1, roundCurl.median(),
                        roundCurlClose.median(), p50, p.get("min_ms").asLong(), p.get("p95_ms").asLong(),
                        p.get("max_ms").asLong(), p50 / roundCurl.median());
            }
            double probeMedian = median(probeP50);
            System.out.println();
            System.out.println("Per-request latency through tor to " + url + " (" + rounds + " x " + count + " each):");
            System.out.printf("  curl --socks5-hostname : median %.0f ms (min %.0f, max %.0f; n=%d)%n", curl.median(),
                    curl.min(), curl.max(), rounds * count);
            System.out.println("  probe p50 per round    : " + probeP50);
            System.out.printf("  curl -H 'Connection: close' : median %.0f ms (min %.0f, max %.0f; n=%d)%n",
                    curlClose.median(), curlClose.min(), curlClose.max(), rounds * count);
            System.out.printf("  curl p50 per round     : %s%n", curlP50.stream().map(v -> String.format("%.0f", v)).toList());
            System.out.printf("  curl -H 'Connection: close' p50 per round: %s%n",
                    curlCloseP50.stream().map(v -> String.format("%.0f", v)).toList());
            System.out.printf("  ratio probe/curl (medians of the per-round p50s): %.0f / %.0f ms = %.2f (target <= 1.10)%n",
                    probeMedian, median(curlP50), probeMedian / median(curlP50));
        }
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double curlOnce(int socks, String url, String... extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{time_total}",
                "--max-time", "60", "--socks5-hostname", "127.0.0.1:" + socks));
        command.addAll(List.of(extra));
        command.add(url);
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(70, TimeUnit.SECONDS);
        String[] parts = out.split(" ");
        if (parts.length != 2 || !parts[0].equals("200")) {
            throw new IllegalStateException("curl failed: " + out);
        }
        return Double.parseDouble(parts[1]) * 1000;
    }

    private static JsonNode probe(Path jar, int socks, String url, int count) throws IOException, InterruptedException {
        Path data = Files.createTempDirectory("bench-probe-data");
        Process p = new ProcessBuilder("java", "-jar", jar.toString(), "--data-dir", data.toString(), "probe", url,
                "--socks", "127.0.0.1:" + socks, "--count", Integer.toString(count), "--retries", "none", "--json")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(10, TimeUnit.MINUTES);
        return new ObjectMapper().readTree(out);
    }
}
