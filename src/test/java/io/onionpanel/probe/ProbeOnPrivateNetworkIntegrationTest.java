package io.onionpanel.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onionpanel.cli.CliRunner;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.testnet.NetworkTest;
import io.onionpanel.testnet.OnionServiceTor;
import io.onionpanel.testnet.PrivateTorNetwork;
import io.onionpanel.testnet.StandInRoutstr;
import io.onionpanel.testnet.TorNetworkSupport;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint tester against a real onion service on the private Tor network: the stand-in Routstr behind a
 * tor onion service, reached through that tor's SOCKS port as a remote client would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@NetworkTest
class ProbeOnPrivateNetworkIntegrationTest {
    private static final ProbeOptions ONCE = new ProbeOptions(1, 1, false, List.of(Duration.ofSeconds(1)), Duration.ofSeconds(60));
    private static StandInRoutstr routstr;
    private static OnionServiceTor service;
    private static InetSocketAddress socks;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void publish() throws Exception {
        PrivateTorNetwork network = TorNetworkSupport.requireNetwork();
        routstr = StandInRoutstr.start();
        service = OnionServiceTor.start("probe-it", TorNetworkSupport.onPath("tor").orElseThrow(), tmp.resolve("tor"),
                network.clientTorrcLines(), routstr.port());
        service.enableNetwork();
        service.awaitDescriptorUploaded(Duration.ofMinutes(2));
        service.getUntilOk("/v1/info", Duration.ofMinutes(2));
        socks = new InetSocketAddress("127.0.0.1", service.socksPort());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (routstr != null) {
            routstr.close();
        }
    }

    private static ProbeResult run(ProbeRequest request, ProbeOptions options, String localTarget) throws Exception {
        return new EndpointTester(socks, localTarget).run("http://" + service.onionAddress(), request, options,
                ProbeListener.NONE, new AtomicBoolean());
    }

    @Test
    @Order(1)
    void presetsReturnTheServiceBodies() throws Exception {
        ProbeResult info = run(ProbeRequest.INFO, new ProbeOptions(4, 2, false, null, null), routstr.hostPort());
        assertTrue(info.allOk(), info.verdictText());
        assertEquals(ProbeVerdict.OK, info.verdict());
        info.attempts().forEach(a -> assertEquals(StandInRoutstr.INFO_JSON, a.body()));
        assertEquals(StandInRoutstr.INFO_JSON.length(), info.attempts().get(0).bytes());
        assertEquals(4, info.summary().status().get("200"));
        assertTrue(info.summary().minMs() <= info.summary().p50Ms() && info.summary().p50Ms() <= info.summary().maxMs());

        ProbeResult models = run(ProbeRequest.MODELS, ONCE, routstr.hostPort());
        assertEquals(StandInRoutstr.MODELS_JSON, models.attempts().get(0).body(), models.verdictText());
        assertEquals("reused", models.attempts().get(0).circuit(), "the shared isolation group already has a circuit");

        ProbeResult fresh = run(ProbeRequest.MODELS, new ProbeOptions(2, 1, true, null, null), routstr.hostPort());
        assertTrue(fresh.allOk(), fresh.verdictText());
        fresh.attempts().forEach(a -> assertEquals("fresh", a.circuit()));
    }

    @Test
    @Order(2)
    void customRequestWithSecretHeaderAndBody() throws Exception {
        String body = "{\"model\":\"gpt-test\",\"messages\":[]}";
        ProbeRequest paid = new ProbeRequest("POST", "/v1/chat/completions",
                List.of(new ProbeHeader("Authorization", "Bearer " + StandInRoutstr.API_KEY, true)), body);
        ProbeResult ok = run(paid, ONCE, routstr.hostPort());
        assertTrue(ok.allOk(), ok.verdictText());
        assertEquals(StandInRoutstr.chatJson(body), ok.attempts().get(0).body());
        assertEquals(ProbeHeader.MASK, ok.request().headers().get(0).value(), "a result never holds the secret");

        ProbeResult unpaid = run(new ProbeRequest("POST", "/v1/chat/completions", List.of(), body), ONCE, routstr.hostPort());
        assertEquals(ProbeVerdict.HTTP_ERROR, unpaid.verdict());
        assertEquals(401, unpaid.attempts().get(0).status());
        assertEquals(0, unpaid.attempts().get(0).retries(), "an HTTP answer is not retried");
        assertEquals(StandInRoutstr.UNAUTHORIZED_JSON, unpaid.attempts().get(0).body());
    }

    @Test
    @Order(3)
    void cliProbePrintsJsonAndKeepsSecretsOutOfHistory(@TempDir Path data) throws Exception {
        Files.createDirectories(data);
        CliRunner.Result r = CliRunner.run(data, "probe", "http://" + service.onionAddress() + "/v1/models",
                "--socks", "127.0.0.1:" + socks.getPort(), "--count", "5", "--concurrency", "2",
                "--secret-header", "Authorization: Bearer sk-cli-secret", "--json");
        assertEquals(0, r.exit(), r.out() + r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(5, json.get("count").asInt());
        assertEquals(5, json.get("ok").asInt());
        assertEquals(5, json.get("status").get("200").asInt());
        for (String k : List.of("min_ms", "p50_ms", "p95_ms", "max_ms")) {
            assertTrue(json.get(k).isNumber(), k + " in " + r.out());
        }
        assertEquals("ok", json.get("verdict").asText());
        assertFalse(r.out().contains("sk-cli-secret"));
        String history = Files.readString(data.resolve(ProbeHistory.FILE_NAME));
        assertFalse(history.contains("sk-cli-secret"), history);
        assertEquals(1, new ProbeHistory(data).list(service.onionAddress()).size());

        CliRunner.Result missing = CliRunner.run(data, "probe", "http://" + service.onionAddress() + "/nothing",
                "--socks", "127.0.0.1:" + socks.getPort());
        assertEquals(1, missing.exit(), "not all ok: " + missing.out());
        assertTrue(missing.out().contains("HTTP error from the service"), missing.out());
    }

    @Test
    @Order(4)
    void unknownOnionIsDescriptorNotFound() throws Exception {
        // A real ed25519 key (tor rejects a point off the curve as a bad address, 0xF6), published nowhere.
        byte[] x509 = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        String nowhere = OnionAddress.fromPublicKey(java.util.Arrays.copyOfRange(x509, x509.length - 32, x509.length));
        ProbeResult r = new EndpointTester(socks, null).run("http://" + nowhere, ProbeRequest.INFO,
                new ProbeOptions(1, 1, false, List.of(), Duration.ofSeconds(90)), ProbeListener.NONE, new AtomicBoolean());
        assertEquals(ProbeVerdict.DESCRIPTOR_NOT_FOUND, r.verdict(), r.verdictText());
        assertTrue(r.verdictText().startsWith("Descriptor not found"), r.verdictText());
    }

    @Test
    @Order(5)
    void stoppedLocalTargetIsReportedAsSuchNotAsATorError() throws Exception {
        int port = routstr.port();
        routstr.stop();
        try {
            ProbeResult r = run(ProbeRequest.INFO, new ProbeOptions(1, 1, false, List.of(Duration.ofSeconds(1)), null),
                    "127.0.0.1:" + port);
            assertEquals(ProbeVerdict.LOCAL_TARGET_DOWN, r.verdict(), r.verdictText() + " " + r.attempts());
            assertTrue(r.verdictText().startsWith("Local target down"), r.verdictText());
            assertEquals(0, r.attempts().get(0).retries(), "no retry once the local target is known to be down");
        } finally {
            routstr = StandInRoutstr.start(port);
        }
        ProbeResult back = run(ProbeRequest.INFO, ONCE, routstr.hostPort());
        assertTrue(back.allOk(), back.verdictText());
    }
}
