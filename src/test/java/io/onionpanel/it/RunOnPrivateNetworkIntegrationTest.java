package io.onionpanel.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onionpanel.engine.RuntimeInfo;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.testnet.NetworkTest;
import io.onionpanel.testnet.StandInRoutstr;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
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
 * The headless panel on a real (private) Tor network: publish, serve, follow live CLI changes, survive
 * tor being killed and the panel being restarted — always with the same onion address.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@NetworkTest
class RunOnPrivateNetworkIntegrationTest {
    private static final Duration PUBLISH = Duration.ofSeconds(120);
    private static final Duration FETCH = Duration.ofSeconds(90);

    @RegisterExtension
    static final PanelOnPrivateNetwork panel = new PanelOnPrivateNetwork();

    @TempDir
    static Path data;
    static String address;
    static final List<ServerSocket> systemTorPorts = new ArrayList<>();

    @BeforeAll
    static void holdTheSystemTorPorts() {
        // Stand in for a system tor on the default ports: the panel must not need them.
        for (int port : new int[]{9050, 9051}) {
            try {
                systemTorPorts.add(new ServerSocket(port, 1, InetAddress.getLoopbackAddress()));
            } catch (IOException alreadyTaken) {
                // A real tor (or something else) holds it already, which proves the same thing.
            }
        }
    }

    @AfterAll
    static void releaseTheSystemTorPorts() throws IOException {
        for (ServerSocket s : systemTorPorts) {
            s.close();
        }
    }

    @Test
    @Order(1)
    void publishesAServiceThatAnswersThroughTheOnion() throws Exception {
        panel.addService(data, "routstr");
        panel.startRun(data);
        address = panel.awaitPublishedAddress("routstr", PUBLISH);
        assertTrue(OnionAddress.isValid(address), address);
        assertTrue(panel.run().events().stream().anyMatch(e -> e.path("event").asText().equals("bootstrap")
                && e.path("progress").asInt() == 100), "bootstrap progress reported: " + panel.run().events());

        var response = OnionHttp.getUntilOk(data, "http://" + address + "/v1/info", FETCH);
        assertEquals(StandInRoutstr.INFO_JSON, response.body());
        JsonNode reachable = panel.run().awaitEvent("reachable", "routstr", Duration.ofSeconds(90));
        assertTrue(reachable.get("detail").asText().startsWith("Reachable through tor"), reachable.toString());

        // Nothing chosen: the panel found the system's tor (Debian's 0.4.9), and the network recommends it.
        JsonNode starting = panel.run().await(e -> e.path("event").asText().equals("tor") && e.has("version"),
                Duration.ofSeconds(1), "the tor event naming the version");
        assertEquals("system", starting.get("origin").asText(), starting.toString());
        assertTrue(starting.get("version").asText().startsWith("0.4.9."), starting.toString());
        JsonNode verdict = panel.run().await(e -> e.path("event").asText().equals("tor_version"), Duration.ofSeconds(30),
                "the network's verdict on tor's version");
        assertEquals("recommended", verdict.get("status").asText(), verdict.toString());
        assertTrue(verdict.get("supported").asBoolean(), verdict.toString());
        String version = PanelProcess.cli(data, "--version").output();
        assertTrue(version.contains("tor: system tor 0.4.9."), version);
        assertTrue(version.contains("tor support: supported (0.4.9 or newer)"), version);
        assertTrue(version.contains("tor network status: recommended"), version);

        JsonNode list = new ObjectMapper().readTree(PanelProcess.cli(data, "service", "list", "--json").output());
        assertEquals(address, list.get(0).get("onion").asText());

        Path dir = data.resolve("services/routstr");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("hs_ed25519_secret_key"))));
        assertTrue(Files.isRegularFile(dir.resolve("hs_ed25519_public_key")));
        assertEquals(address + "\n", Files.readString(dir.resolve("hostname")));
        RuntimeInfo info = RuntimeInfo.read(data).orElseThrow();
        assertTrue(info.socks().startsWith("127.0.0.1:") && info.control().startsWith("127.0.0.1:"), info.toString());
        assertFalse(info.socks().endsWith(":9050") || info.control().endsWith(":9051"), info.toString());
    }

    @Test
    @Order(2)
    void secondInstanceOnTheSameDataFolderIsRefused() throws Exception {
        try (PanelProcess second = panel.launchRun(data)) {
            assertEquals(1, second.waitForExit(Duration.ofSeconds(30)));
            JsonNode error = second.awaitEvent("error", null, Duration.ofSeconds(1));
            assertTrue(error.get("message").asText().contains("already running"), error.toString());
        }
    }

    @Test
    @Order(3)
    void cliChangesReachTheRunningInstanceWithoutRestartingTor() throws Exception {
        long torPid = RuntimeInfo.read(data).orElseThrow().torPid();
        var added = PanelProcess.cli(data, "service", "add", "second", "--port", "81=" + panel.api().hostPort());
        assertEquals(0, added.exit(), added.output());
        String second = panel.run().awaitEvent("address", "second", Duration.ofSeconds(15)).get("onion").asText();
        panel.run().awaitEvent("published", "second", PUBLISH);
        assertEquals(StandInRoutstr.MODELS_JSON, OnionHttp.getUntilOk(data, "http://" + second + ":81/v1/models", FETCH).body());
        assertEquals(torPid, RuntimeInfo.read(data).orElseThrow().torPid(), "tor must not restart for a service change");

        // A service whose local API is down is published, but a client cannot use it: the panel says why.
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        assertEquals(0, PanelProcess.cli(data, "service", "add", "down", "--port", "80=127.0.0.1:" + closedPort).exit());
        panel.run().awaitEvent("published", "down", PUBLISH);
        JsonNode unreachable = panel.run().await(e -> "service".equals(e.path("event").asText()) && "down".equals(e.path("service").asText())
                && "unreachable".equals(e.path("state").asText()), Duration.ofSeconds(120), "'down' reported unreachable");
        assertTrue(unreachable.get("detail").asText().startsWith("The local API is not answering"), unreachable.toString());
        assertEquals(0, PanelProcess.cli(data, "service", "remove", "down").exit());

        assertEquals(0, PanelProcess.cli(data, "service", "edit", "second", "--disable").exit());
        panel.run().await(e -> e.path("event").asText().equals("service") && e.path("service").asText().equals("second")
                && e.path("state").asText().equals("stopped"), Duration.ofSeconds(15), "second stopped");
        assertEquals(torPid, RuntimeInfo.read(data).orElseThrow().torPid());
    }

    @Test
    @Order(4)
    void killedTorIsRestartedAndTheAddressComesBack() throws Exception {
        long torPid = RuntimeInfo.read(data).orElseThrow().torPid();
        panel.run().clearEvents();
        ProcessHandle.of(torPid).orElseThrow().destroyForcibly();
        JsonNode error = panel.run().awaitEvent("error", null, Duration.ofSeconds(20));
        assertTrue(error.get("message").asText().contains("exited unexpectedly"), error.toString());
        JsonNode published = panel.run().awaitEvent("published", "routstr", PUBLISH);
        assertEquals(address, published.get("onion").asText());
        long newPid = RuntimeInfo.read(data).orElseThrow().torPid();
        assertNotEquals(torPid, newPid);
        assertEquals(StandInRoutstr.INFO_JSON, OnionHttp.getUntilOk(data, "http://" + address + "/v1/info", FETCH).body());
    }

    @Test
    @Order(5)
    void stopsCleanlyOnSigtermAndKeepsTheAddressAcrossRestarts() throws Exception {
        long torPid = RuntimeInfo.read(data).orElseThrow().torPid();
        assertEquals(0, panel.run().terminate(Duration.ofSeconds(30)));
        panel.run().awaitEvent("stopped", null, Duration.ofSeconds(5));
        assertTrue(panel.run().events().stream().noneMatch(e -> e.path("event").asText().equals("not-json")), panel.run().events().toString());
        assertFalse(ProcessHandle.of(torPid).map(ProcessHandle::isAlive).orElse(false), "tor outlived the panel");
        assertFalse(Files.exists(data.resolve(RuntimeInfo.FILE_NAME)));

        panel.startRun(data);
        JsonNode published = panel.run().awaitEvent("published", "routstr", PUBLISH);
        assertEquals(address, published.get("onion").asText());
        assertEquals(StandInRoutstr.INFO_JSON, OnionHttp.getUntilOk(data, "http://" + address + "/v1/info", FETCH).body());
    }

    @Test
    @Order(6)
    void torDiesWithThePanelEvenWhenThePanelIsKilled() throws Exception {
        long torPid = RuntimeInfo.read(data).orElseThrow().torPid();
        panel.run().process().destroyForcibly().waitFor();
        // TAKEOWNERSHIP: tor exits as soon as its owning control connection drops.
        ProcessHandle tor = ProcessHandle.of(torPid).orElse(null);
        if (tor != null) {
            tor.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
        }
        panel.stopRun();
    }
}
