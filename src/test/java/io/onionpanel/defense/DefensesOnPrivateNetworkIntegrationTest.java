package io.onionpanel.defense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.engine.RuntimeInfo;
import io.onionpanel.it.OnionHttp;
import io.onionpanel.it.PanelOnPrivateNetwork;
import io.onionpanel.it.PanelTor;
import io.onionpanel.it.PanelProcess;
import io.onionpanel.it.PublishedDescriptor;
import io.onionpanel.testnet.NetworkTest;
import io.onionpanel.testnet.NetworkTor;
import io.onionpanel.testnet.StandInRoutstr;
import io.onionpanel.testnet.TorNetworkSupport;
import io.onionpanel.tor.TorControl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * DoS defences and single-onion mode reach tor (read back with GETCONF from the panel's own tor) and a
 * service published with them still answers through the onion. Runs the system tor, which has the PoW module:
 * a service added the default way publishes a descriptor with {@code pow-params}, one added with --no-pow does not.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@NetworkTest
class DefensesOnPrivateNetworkIntegrationTest {
    private static final Duration PUBLISH = Duration.ofSeconds(150);
    private static final Duration FETCH = Duration.ofSeconds(120);

    @RegisterExtension
    static final PanelOnPrivateNetwork panel = new PanelOnPrivateNetwork();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path data;
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path work;
    static String address;

    @Test
    @Order(1)
    void everyDefenceReachesTorAndTheServiceStillAnswers() throws Exception {
        Path systemTor = TorNetworkSupport.onPath("tor").orElseThrow();
        var chosen = PanelProcess.cli(data, "tor", "binary", systemTor.toString());
        assertEquals(0, chosen.exit(), chosen.output());
        assertTrue(chosen.output().contains("pow: yes"), "this test needs a tor with the pow module: " + chosen.output());
        panel.addService(data, "dos", "--max-streams", "20", "--max-streams-close-circuit", "--intro-dos", "--intro-dos-rate", "30",
                "--intro-dos-burst", "300", "--intro-points", "4", "--pow", "--pow-queue-rate", "100",
                "--pow-queue-burst", "1000");
        panel.addService(data, "default");
        panel.addService(data, "nopow", "--no-pow");
        panel.startRun(data);
        address = panel.awaitPublishedAddress("dos", PUBLISH);
        String byDefault = panel.awaitPublishedAddress("default", PUBLISH);
        String without = panel.awaitPublishedAddress("nopow", PUBLISH);

        for (String onion : List.of(address, byDefault)) {
            List<String> pow = PublishedDescriptor.powParamsOnPanel(data, onion);
            assertEquals(1, pow.size(), onion + ": " + pow);
            assertTrue(pow.get(0).matches("pow-params v1 \\S{43}=? \\d+ \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"), pow.get(0));
        }
        assertEquals(List.of(), PublishedDescriptor.powParamsOnPanel(data, without), "--no-pow publishes no pow-params");
        assertTrue(optionsOf("default").contains("HiddenServicePoWDefensesEnabled=1"), optionsOf("default"));
        assertFalse(optionsOf("nopow").contains("PoW"), optionsOf("nopow"));

        String options = optionsOf("dos");
        for (String expected : List.of("HiddenServiceMaxStreams=20", "HiddenServiceMaxStreamsCloseCircuit=1",
                "HiddenServiceNumIntroductionPoints=4", "HiddenServiceEnableIntroDoSDefense=1",
                "HiddenServiceEnableIntroDoSRatePerSec=30", "HiddenServiceEnableIntroDoSBurstPerSec=300",
                "HiddenServicePoWDefensesEnabled=1", "HiddenServicePoWQueueRate=100", "HiddenServicePoWQueueBurst=1000")) {
            assertTrue(options.contains(expected), expected + " missing from GETCONF: " + options);
        }
        assertEquals(StandInRoutstr.INFO_JSON, OnionHttp.getUntilOk(data, "http://" + address + "/v1/info", FETCH).body());
    }

    @Test
    @Order(2)
    void aLiveEditReachesTheRunningTor() throws Exception {
        panel.run().clearEvents();
        var edited = PanelProcess.cli(data, "service", "edit", "dos", "--max-streams", "5", "--no-pow", "--intro-points", "default");
        assertEquals(0, edited.exit(), edited.output());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String options = "";
        while (System.nanoTime() < deadline) {
            options = optionsOf("dos");
            if (options.contains("HiddenServiceMaxStreams=5")) {
                break;
            }
            Thread.sleep(500);
        }
        assertTrue(options.contains("HiddenServiceMaxStreams=5"), options);
        assertTrue(!options.contains("HiddenServicePoWDefensesEnabled=1"), options);
        assertTrue(!options.contains("HiddenServiceNumIntroductionPoints=4"), options);
        // tor drops pow-params from the descriptors of a service whose PoW was turned off (and uploads them again).
        List<String> pow = PublishedDescriptor.powParamsOnPanel(data, address);
        while (!pow.isEmpty() && System.nanoTime() < deadline + Duration.ofSeconds(30).toNanos()) {
            Thread.sleep(500);
            pow = PublishedDescriptor.powParamsOnPanel(data, address);
        }
        assertEquals(List.of(), pow, "pow-params after --no-pow");
        assertEquals(StandInRoutstr.MODELS_JSON, OnionHttp.getUntilOk(data, "http://" + address + "/v1/models", FETCH).body());
    }

    @Test
    @Order(3)
    void singleOnionModeRestartsTorWithoutSocksAndIsReachableFromAnotherTor() throws Exception {
        var refused = PanelProcess.cli(data, "tor", "single-onion", "on");
        assertEquals(2, refused.exit(), refused.output());
        assertTrue(refused.output().contains("NOT anonymous"), refused.output());
        panel.run().clearEvents();
        var on = PanelProcess.cli(data, "tor", "single-onion", "on", "--not-anonymous");
        assertEquals(0, on.exit(), on.output());
        panel.run().await(e -> e.path("event").asText().equals("notice") && e.path("message").asText().contains("Single-onion mode is on"),
                Duration.ofSeconds(60), "single-onion notice");
        panel.run().awaitEvent("published", "dos", PUBLISH);
        try (TorControl c = PanelTor.control(data)) {
            String conf = String.join("\n", c.command("GETCONF HiddenServiceSingleHopMode HiddenServiceNonAnonymousMode SocksPort"));
            assertTrue(conf.contains("HiddenServiceSingleHopMode=1"), conf);
            assertTrue(conf.contains("HiddenServiceNonAnonymousMode=1"), conf);
            assertTrue(conf.contains("SocksPort=0"), conf);
        }
        assertTrue(RuntimeInfo.read(data).orElseThrow().socks() == null, "no SOCKS port in single-onion mode");
        try (NetworkTor client = NetworkTor.start(panel.network(), "single-client", work.resolve("client"), 0, List.of())) {
            client.awaitBootstrapped(Duration.ofSeconds(120));
            long t0 = System.nanoTime();
            assertEquals(StandInRoutstr.INFO_JSON, client.getUntilOk("http://" + address + "/v1/info", FETCH).body());
            System.out.printf(Locale.ROOT, "[single-onion] reached from another tor in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
    }

    /** The GETCONF lines of one service: from its HiddenServiceDir to the next service's. */
    private static String optionsOf(String service) throws Exception {
        List<String> lines;
        try (TorControl c = PanelTor.control(data)) {
            lines = c.command("GETCONF HiddenServiceOptions");
        }
        StringBuilder out = new StringBuilder();
        boolean inside = false;
        for (String line : lines) {
            if (line.startsWith("HiddenServiceDir=")) {
                inside = Path.of(line.substring("HiddenServiceDir=".length()).strip()).getFileName().toString().equals(service);
            }
            if (inside) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

}
