package io.onionpanel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.onionpanel.engine.RuntimeInfo;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.testnet.AuthSocks5Proxy;
import io.onionpanel.testnet.NetworkTest;
import io.onionpanel.testnet.NetworkTor;
import io.onionpanel.testnet.PrivateBridge;
import io.onionpanel.testnet.StandInRoutstr;
import io.onionpanel.tor.TorPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A censored operator on the private network: the panel's tor reaches the network only through an obfs4 bridge
 * (Debian's tor and obfs4proxy as the bridge, the panel's bundled obfs4proxy as the client transport) or only through
 * an upstream SOCKS5 proxy with a user and password. Each time the service is published and a plain client reaches
 * it. Snowflake is not tested end to end: it needs its broker and STUN servers on the Internet
 * (TransportBinariesTest and ConnectionTorrcTest cover its binary and configuration).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@NetworkTest
class BridgesOnPrivateNetworkIntegrationTest {
    private static final Duration PUBLISH = Duration.ofSeconds(150);
    private static final Duration FETCH = Duration.ofSeconds(120);

    @RegisterExtension
    static final PanelOnPrivateNetwork panel = new PanelOnPrivateNetwork();

    @TempDir
    static Path work;
    static PrivateBridge bridge;
    static NetworkTor client;

    @BeforeAll
    static void startTheBridgeAndAPlainClient() throws Exception {
        bridge = PrivateBridge.start(panel.network(), work.resolve("bridge"), Duration.ofSeconds(120));
        client = NetworkTor.start(panel.network(), "plain-client", work.resolve("client"), 0, List.of())
                .awaitBootstrapped(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopThem() {
        if (client != null) {
            client.close();
        }
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    @Order(1)
    void publishesThroughAnObfs4BridgeThatStartsEveryCircuit() throws Exception {
        Path data = work.resolve("through-bridge");
        Path lines = Files.writeString(work.resolve("bridges.txt"), "# from the bridge operator\n" + bridge.line() + "\n");
        PanelProcess.CliResult set = PanelProcess.cli(data, "tor", "bridges", "custom", lines.toString());
        assertEquals(0, set.exit(), set.output());
        assertFalse(set.output().contains("cert="), "the CLI never prints a bridge line back: " + set.output());
        panel.addService(data, "api");
        panel.startRun(data);
        String address = panel.awaitPublishedAddress("api", PUBLISH);

        assertEquals(StandInRoutstr.INFO_JSON, client.getUntilOk("http://" + address + "/v1/info", FETCH).body());

        String torrc = Files.readString(TorPaths.in(data).torrc());
        assertTrue(torrc.contains("UseBridges 1") && torrc.contains("ClientTransportPlugin obfs4 exec " + data.resolve("tor/pt/obfs4proxy")),
                "the bundled obfs4proxy runs: " + torrc);
        RuntimeInfo info = RuntimeInfo.read(data).orElseThrow();
        List<String> firstHops = PrivateBridge.circuitFirstHops(info.control(), TorPaths.in(data).cookie());
        assertFalse(firstHops.isEmpty(), "tor has circuits");
        String fp = bridge.fingerprint();
        assertTrue(firstHops.stream().allMatch(fp::equalsIgnoreCase), "every circuit starts at the bridge " + fp + ": " + firstHops);

        // Secrets stay out of what the panel says.
        String said = panel.run().events().toString();
        assertFalse(said.contains(bridge.line().split(" cert=")[1].split(" ")[0]), "no cert in the run's events");
        String status = PanelProcess.cli(data, "status", "--json").output();
        assertFalse(status.contains("cert=") || status.contains(fp), status);
        // Nor in tor's own log file in the data folder (tor scrubs addresses; its notices never name the line).
        String cert = bridge.line().split(" cert=")[1].split(" ")[0];
        String bridgeAddress = bridge.line().split(" ")[1];
        String torLog = Files.readString(TorPaths.in(data).log());
        assertFalse(torLog.contains(cert) || torLog.contains(bridgeAddress), "a bridge secret in tor's log file");
        assertTrue(panel.run().events().stream().anyMatch(e -> "bootstrap".equals(e.path("event").asText())
                && e.path("progress").asInt() == 100), "bootstrapped through the bridge");
    }

    @Test
    @Order(2)
    void aWrongCertificateFailsClearlyWithinTheBootstrapTimeout() throws Exception {
        Path data = work.resolve("wrong-cert");
        Path lines = Files.writeString(work.resolve("wrong.txt"), bridge.lineWithWrongCert() + "\n");
        assertEquals(0, PanelProcess.cli(data, "tor", "bridges", "custom", lines.toString()).exit());
        new SettingsStore(data).update(s -> s.withTor(s.tor().withBootstrapTimeoutSeconds(45)));
        panel.addService(data, "api");
        long start = System.nanoTime();
        panel.startRun(data);
        JsonNode error = panel.run().await(e -> "error".equals(e.path("event").asText())
                && e.path("message").asText().contains("did not finish bootstrapping"), Duration.ofSeconds(45 + 40), "the bootstrap failure");
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        String message = error.get("message").asText();
        assertTrue(seconds < 45 + 40, "failed after " + seconds + " s");
        assertTrue(message.contains("What to try:") && message.contains("cert="), message);
        assertFalse(message.contains(bridge.fingerprint()) || message.contains(bridge.lineWithWrongCert().split(" cert=")[1].split(" ")[0]),
                "no bridge secret in: " + message);
    }

    @Test
    @Order(3)
    void publishesThroughAnUpstreamSocks5ProxyWithUserAndPassword() throws Exception {
        try (AuthSocks5Proxy proxy = AuthSocks5Proxy.start("operator", "pr0xy-S3cret")) {
            Path data = work.resolve("through-proxy");
            Path password = Files.writeString(work.resolve("proxy-password"), "pr0xy-S3cret\n");
            PanelProcess.CliResult set = PanelProcess.cli(data, "tor", "proxy", "socks5", "127.0.0.1:" + proxy.port(),
                    "--user", "operator", "--password-file", password.toString());
            assertEquals(0, set.exit(), set.output());
            assertFalse(set.output().contains("pr0xy-S3cret"), set.output());
            panel.addService(data, "api");
            panel.startRun(data);
            String address = panel.awaitPublishedAddress("api", PUBLISH);
            assertEquals(StandInRoutstr.INFO_JSON, client.getUntilOk("http://" + address + "/v1/info", FETCH).body());
            assertFalse(proxy.connected().isEmpty(), "tor went through the proxy");
            assertEquals(0, proxy.refusedLogins(), "tor sent the right user and password");
            assertTrue(proxy.connected().stream().allMatch(c -> c.startsWith("127.0.0.1:")), proxy.connected().toString());
            assertFalse(panel.run().events().toString().contains("pr0xy-S3cret"), "no password in the run's events");
        }
    }
}
