package io.onionpanel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.onionpanel.monitor.HealthRules;
import io.onionpanel.testnet.NetworkTest;
import io.onionpanel.tor.ObsoleteTor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tor of a retired series (Briar's 0.4.7.13, the panel's former bundled tor): refused before anything is
 * written; run anyway with the override on the private network, whose authorities recommend only 0.4.9, it hears
 * from the consensus that it is obsolete, and the panel says so as a failed health check and in /metrics.
 */
@NetworkTest
class UnsupportedTorIntegrationTest {
    @RegisterExtension
    static final PanelOnPrivateNetwork panel = new PanelOnPrivateNetwork();

    @TempDir
    Path work;

    @Test
    void anObsoleteTorIsRefusedAndNothingIsWritten() throws Exception {
        Path old = ObsoleteTor.extract(work.resolve("bin"));
        Path data = work.resolve("data");
        panel.addService(data, "routstr");
        Map<String, String> before = snapshot(data);

        try (PanelProcess run = PanelProcess.start(data, "--tor", old.toString())) {
            assertEquals(2, run.waitForExit(Duration.ofSeconds(60)), run.stderr());
            String said = run.stderr();
            assertTrue(said.contains("0.4.7.13") && said.contains("0.4.8 and older"), said);
            assertTrue(said.contains("apt install tor") && said.contains("--allow-unsupported-tor"), said);
        }
        PanelProcess.CliResult chosen = PanelProcess.cli(data, "tor", "binary", old.toString());
        assertEquals(2, chosen.exit(), chosen.output());
        assertTrue(chosen.output().contains("0.4.7.13"), chosen.output());
        assertEquals(before, snapshot(data), "a refused tor changes nothing in the data folder");

        String version = PanelProcess.cli(data, "--version").output();
        assertTrue(version.contains("tor: system tor 0.4.9."), "the automatic choice skips nothing newer: " + version);
    }

    @Test
    void runAnywayItHearsFromTheNetworkThatItIsObsoleteAndFailsTheHealthCheck() throws Exception {
        Path old = ObsoleteTor.extract(work.resolve("bin"));
        Path data = work.resolve("data");
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        // The Settings switch, as the CLI sets it (a run's own --allow-unsupported-tor is the same for one run).
        PanelProcess.CliResult allowed = PanelProcess.cli(data, "tor", "binary", old.toString(), "--allow-unsupported-tor");
        assertEquals(0, allowed.exit(), allowed.output());
        assertTrue(allowed.output().contains("Warning:") && allowed.output().contains("0.4.7.13"), allowed.output());
        // Added with that tor chosen: it has no pow module, so the service starts without proof-of-work.
        panel.addService(data, "routstr");
        panel.startRun(data, "--metrics", "127.0.0.1:" + port);

        JsonNode tor = panel.run().await(e -> e.path("event").asText().equals("tor") && e.has("version"),
                Duration.ofSeconds(60), "the tor event");
        assertEquals(ObsoleteTor.VERSION, tor.get("version").asText());
        assertTrue(tor.path("unsupported_allowed").asBoolean(), tor.toString());
        JsonNode verdict = panel.run().await(e -> e.path("event").asText().equals("tor_version"), Duration.ofSeconds(120),
                "the network's verdict");
        assertEquals("obsolete", verdict.get("status").asText(), verdict.toString());
        assertTrue(verdict.get("recommended").asText().contains("0.4.9.11"), verdict.toString());
        // Failed from the start (the series is retired), before the network has said anything.
        JsonNode health = panel.run().await(e -> e.path("event").asText().equals("health")
                && e.path("checks").path(HealthRules.TOR_VERSION).asText().equals("fail"), Duration.ofSeconds(60),
                "a failed tor version check");
        assertEquals("fail", health.get("overall").asText());
        // The monitor re-evaluates health once a second: the network's word reaches /status soon after the event.
        io.onionpanel.common.Poll.until("the network's verdict in /status", Duration.ofSeconds(30),
                () -> answers(port, "/status", "tor 0.4.7.13: obsolete: the network no longer accepts it"));

        String metrics = get(port, "/metrics");
        assertTrue(metrics.contains("onion_panel_tor_version_status{version=\"0.4.7.13\",status=\"obsolete\"} 1\n"), metrics);
        assertTrue(metrics.contains("onion_panel_tor_unsupported_allowed 1\n"), metrics);
        String version = PanelProcess.cli(data, "--version").output();
        assertTrue(version.contains("tor support: NOT supported, allowed by the override"), version);
        assertTrue(version.contains("tor network status: obsolete"), version);
        panel.stopRun();
    }

    private static boolean answers(int port, String path, String text) {
        try {
            return get(port, path).contains(text);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String get(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Every file under the folder with its size and modification time. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                files.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "dir"
                        : Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return files;
    }
}
