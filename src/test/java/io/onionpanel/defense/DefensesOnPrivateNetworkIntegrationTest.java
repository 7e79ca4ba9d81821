package io.onionpanel.defense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onionpanel.engine.RuntimeInfo;
import io.onionpanel.it.OnionHttp;
import io.onionpanel.it.PanelOnPrivateNetwork;
import io.onionpanel.it.PanelProcess;
import io.onionpanel.testnet.NetworkTor;
import io.onionpanel.testnet.StandInRoutstr;
import io.onionpanel.testnet.TorNetworkSupport;
import io.onionpanel.tor.TorControl;
import io.onionpanel.tor.TorPaths;
import java.net.InetSocketAddress;
import java.nio.file.Files;
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
 * service published with them still answers through the onion. Runs the system tor, which has the PoW module.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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
        panel.startRun(data);
        address = panel.awaitPublishedAddress("dos", PUBLISH);

        String options = hiddenServiceOptions();
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
            options = hiddenServiceOptions();
            if (options.contains("HiddenServiceMaxStreams=5")) {
                break;
            }
            Thread.sleep(500);
        }
        assertTrue(options.contains("HiddenServiceMaxStreams=5"), options);
        assertTrue(!options.contains("HiddenServicePoWDefensesEnabled=1"), options);
        assertTrue(!options.contains("HiddenServiceNumIntroductionPoints=4"), options);
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
        try (TorControl c = control()) {
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

    private static String hiddenServiceOptions() throws Exception {
        try (TorControl c = control()) {
            return String.join("\n", c.command("GETCONF HiddenServiceOptions"));
        }
    }

    private static TorControl control() throws Exception {
        String[] hostPort = RuntimeInfo.read(data).orElseThrow().control().split(":");
        return TorControl.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])),
                Files.readAllBytes(TorPaths.in(data).cookie()), e -> { }, () -> { });
    }
}
