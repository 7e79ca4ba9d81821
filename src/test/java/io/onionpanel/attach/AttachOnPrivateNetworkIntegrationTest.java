package io.onionpanel.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.onionpanel.it.OnionHttp;
import io.onionpanel.it.PanelOnPrivateNetwork;
import io.onionpanel.it.PanelProcess;
import io.onionpanel.it.PublishedDescriptor;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.testnet.NetworkTest;
import io.onionpanel.testnet.NetworkTor;
import io.onionpanel.testnet.StandInRoutstr;
import io.onionpanel.testnet.TorNetworkSupport;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attach mode against a separately started tor on the private network: the panel creates its service there with
 * ADD_ONION and the folder's keys, it is reachable, and when that tor restarts the panel reconnects and re-creates
 * it with the same address. Password authentication gives the same address from the same folder. The service,
 * added the default way, has proof-of-work, which reaches the attached tor through ADD_ONION: its descriptor has
 * pow-params.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@NetworkTest
class AttachOnPrivateNetworkIntegrationTest {
    private static final Duration PUBLISH = Duration.ofSeconds(150);
    private static final Duration FETCH = Duration.ofSeconds(120);
    private static final String PASSWORD = "attach-test-password";

    @RegisterExtension
    static final PanelOnPrivateNetwork panel = new PanelOnPrivateNetwork();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path data;
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path work;
    static NetworkTor existing;
    static String control;
    static String address;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        control = "127.0.0.1:" + port;
        Process hash = new ProcessBuilder(TorNetworkSupport.onPath("tor").orElseThrow().toString(), "--quiet",
                "--hash-password", PASSWORD).redirectErrorStream(true).start();
        String hashed = new String(hash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        hash.waitFor();
        existing = NetworkTor.start(panel.network(), "existing", work.resolve("existing"), port, List.of("HashedControlPassword " + hashed));
        existing.awaitBootstrapped(Duration.ofSeconds(120));
        // Added the default way with a tor that has the pow module (as the attached one has): proof-of-work on.
        var chosen = PanelProcess.cli(data, "tor", "binary", TorNetworkSupport.onPath("tor").orElseThrow().toString());
        assertEquals(0, chosen.exit(), chosen.output());
        panel.addService(data, "att");
    }

    @AfterAll
    static void stop() {
        panel.stopRun(); // before the tor it is attached to, as ever
        if (existing != null) {
            existing.close();
        }
    }

    @Test
    @Order(1)
    void refusesARemoteControlPortAndBadFlags() throws Exception {
        var remote = PanelProcess.cli(data, "run", "--attach-control", "192.0.2.10:9051");
        assertEquals(2, remote.exit(), remote.output());
        assertTrue(remote.output().contains("not on this machine") && remote.output().contains("--allow-remote-control"),
                remote.output());
        var noFile = PanelProcess.cli(data, "run", "--attach-control", control, "--control-auth", "password");
        assertEquals(2, noFile.exit(), noFile.output());
        Path wrong = Files.writeString(work.resolve("wrong.pw"), "not-the-password\n");
        var refused = PanelProcess.cli(data, "run", "--attach-control", control, "--control-password-file", wrong.toString());
        assertEquals(1, refused.exit(), refused.output());
        assertTrue(refused.output().contains("password was refused"), refused.output());
        assertFalse(refused.output().contains("not-the-password"), "the password is never echoed");
    }

    @Test
    @Order(2)
    void attachesWithSafeCookieAndTheServiceAnswers() throws Exception {
        panel.adoptRun(PanelProcess.start(data, "--attach-control", control, "--control-auth", "safecookie"));
        address = panel.run().awaitEvent("address", "att", Duration.ofSeconds(60)).get("onion").asText();
        assertTrue(OnionAddress.isValid(address), address);
        assertEquals(address + "\n", Files.readString(data.resolve("services/att/hostname")),
                "the key tor generated is in the panel's own store");
        assertEquals(96, Files.size(data.resolve("services/att/hs_ed25519_secret_key")));
        panel.run().awaitEvent("published", "att", PUBLISH);
        // PoW went through ADD_ONION: the attached tor publishes pow-params, and the panel's own check agrees.
        List<String> pow = PublishedDescriptor.powParams(existing.controlAddress(), Files.readAllBytes(existing.cookieFile()), address);
        assertEquals(1, pow.size(), pow.toString());
        assertTrue(pow.get(0).startsWith("pow-params v1 "), pow.get(0));
        assertEquals(StandInRoutstr.INFO_JSON, existing.getUntilOk("http://" + address + "/v1/info", FETCH).body());
        panel.run().await(e -> e.path("event").asText().equals("notice")
                && e.path("message").asText().contains("Proof-of-work runs on the attached tor"), Duration.ofSeconds(30), "PoW confirmed");
        assertFalse(panel.run().events().toString().contains("without proof-of-work"), panel.run().events().toString());
        JsonNode reachable = panel.run().awaitEvent("reachable", "att", Duration.ofSeconds(120));
        assertTrue(reachable.get("detail").asText().startsWith("Reachable through tor"), reachable.toString());
        String secret = java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(
                Files.readAllBytes(data.resolve("services/att/hs_ed25519_secret_key")), 32, 96));
        assertFalse(panel.run().stderr().contains(secret) || panel.run().events().toString().contains(secret), "the key is never logged");
    }

    @Test
    @Order(3)
    void afterTheAttachedTorRestartsTheServiceComesBackWithTheSameAddress() throws Exception {
        panel.run().clearEvents();
        long t0 = System.nanoTime();
        existing.restart();
        JsonNode lost = panel.run().await(e -> e.path("event").asText().equals("error")
                && e.path("message").asText().contains("lost the control connection"), Duration.ofSeconds(60), "lost connection");
        assertTrue(lost.get("message").asText().contains("reconnecting"), lost.toString());
        existing.awaitBootstrapped(Duration.ofSeconds(120));
        JsonNode again = panel.run().awaitEvent("published", "att", PUBLISH);
        long published = System.nanoTime();
        assertEquals(address, again.path("onion").asText(address));
        assertEquals(StandInRoutstr.MODELS_JSON, existing.getUntilOk("http://" + address + "/v1/models", FETCH).body());
        System.out.printf(Locale.ROOT, "[attach] attached tor restarted -> service re-created and published in %.1f s, reachable in %.1f s%n",
                (published - t0) / 1e9, (System.nanoTime() - t0) / 1e9);
        assertEquals(0, panel.terminateRun(Duration.ofSeconds(30)));
        assertTrue(existing.process().isAlive(), "stopping the panel never stops the attached tor");
    }

    @Test
    @Order(4)
    void passwordAuthenticationGivesTheSameAddressFromTheSameFolder() throws Exception {
        Path pw = Files.writeString(work.resolve("control.pw"), PASSWORD + "\n");
        panel.adoptRun(PanelProcess.start(data, "--attach-control", control, "--control-password-file", pw.toString()));
        assertEquals(address, panel.run().awaitEvent("address", "att", Duration.ofSeconds(60)).get("onion").asText());
        panel.run().awaitEvent("published", "att", PUBLISH);
        assertEquals(StandInRoutstr.INFO_JSON, OnionHttp.getUntilOk(data, "http://" + address + "/v1/info", FETCH).body());
    }

    @Test
    @Order(5)
    void anAuthorisedClientGetsInAndOthersAreRefused() throws Exception {
        Path aliceDir = work.resolve("alice-auth");
        panel.run().clearEvents();
        var added = PanelProcess.cli(data, "client", "add", "att", "alice", "--export-dir", aliceDir.toString());
        assertEquals(0, added.exit(), added.output());
        // The panel re-creates the ADD_ONION service with ClientAuthV3 and publishes a descriptor only alice can read.
        panel.run().awaitEvent("published", "att", PUBLISH);
        io.onionpanel.testnet.TorProcess.createPrivateDir(aliceDir);
        try (NetworkTor alice = NetworkTor.start(panel.network(), "alice", work.resolve("alice"), 0,
                List.of("ClientOnionAuthDir " + aliceDir.toAbsolutePath()));
             NetworkTor stranger = NetworkTor.start(panel.network(), "stranger", work.resolve("stranger"), 0, List.of())) {
            alice.awaitBootstrapped(Duration.ofSeconds(120));
            stranger.awaitBootstrapped(Duration.ofSeconds(120));
            assertEquals(StandInRoutstr.INFO_JSON, alice.getUntilOk("http://" + address + "/v1/info", FETCH).body());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int code = -1;
            while (System.nanoTime() < deadline && code != 0xF4) {
                try {
                    io.onionpanel.testnet.Socks5Http.get("127.0.0.1", stranger.socksPort(), "http://" + address + "/v1/info",
                            Duration.ofSeconds(20));
                    throw new AssertionError("a client without a key got an answer");
                } catch (io.onionpanel.testnet.Socks5Http.SocksException e) {
                    code = e.replyCode();
                } catch (java.io.IOException e) {
                    // a timeout is no answer yet: ask again
                }
                Thread.sleep(1000);
            }
            assertEquals(0xF4, code, "tor's 'missing client authorisation' reply");
        }
    }
}
