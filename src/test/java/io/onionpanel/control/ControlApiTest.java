package io.onionpanel.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.onionpanel.common.Poll;
import io.onionpanel.it.PanelProcess;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.SettingsStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control socket of a real {@code run} (its own JVM, a real tor kept offline with DisableNetwork): the CLI's
 * status through it, a CLI change reaching the engine through it, events to a subscriber, requests outside the
 * protocol refused, and only the engine's own user let in.
 */
class ControlApiTest {
    @TempDir
    Path data;

    @Test
    void theCliTalksToARunningEngineThroughItsOwnerOnlySocket() throws Exception {
        new SettingsStore(data).update(s -> s.withTor(s.tor().withExtraTorrcLines(List.of("DisableNetwork 1")))
                .withServices(List.of(new ServiceConfig("api", true, List.of(PortMapping.of(80, "127.0.0.1:1"))))));
        try (PanelProcess run = PanelProcess.start(data)) {
            Path socket = ControlProtocol.socket(data);
            Poll.until("the control socket", Duration.ofSeconds(60), () -> Files.exists(socket));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));

            PanelProcess.CliResult status = PanelProcess.cli(data, "status", "--json");
            assertEquals(0, status.exit(), status.output());
            JsonNode answer = ControlProtocol.JSON.readTree(status.output());
            assertEquals("api", answer.path("services").get(0).path("name").asText());
            assertTrue(List.of("STARTING", "BOOTSTRAPPING", "RUNNING").contains(answer.path("tor").path("state").asText()), status.output());

            List<JsonNode> events = new CopyOnWriteArrayList<>();
            try (ControlClient subscriber = ControlClient.connect(data, events::add).orElseThrow();
                 ControlClient client = ControlClient.connect(data).orElseThrow()) {
                JsonNode now = subscriber.call("subscribe");
                assertEquals("api", now.path("services").get(0).path("name").asText(), "subscribe answers with the state");
                io.onionpanel.common.DaemonThreads.start("test-events", () -> {
                    try {
                        while (subscriber.nextEvent()) {
                            // each event goes to the list
                        }
                    } catch (java.io.IOException closed) {
                        // the test closed it
                    }
                });
                PanelProcess.CliResult added = PanelProcess.cli(data, "service", "add", "other", "--port", "81=127.0.0.1:1");
                assertEquals(0, added.exit(), added.output());
                Poll.until("the new service's status as an event", Duration.ofSeconds(20), () -> events.stream()
                        .anyMatch(e -> e.path("type").asText().equals("service") && e.path("data").path("name").asText().equals("other")));
                assertTrue(events.stream().anyMatch(e -> e.path("type").asText().equals("notice")
                        && e.path("data").asText().startsWith("Service 'other' added")), events.toString());
                Poll.until("log lines as events, with ISO times", Duration.ofSeconds(20), () -> events.stream()
                        .anyMatch(e -> e.path("type").asText().equals("log") && e.path("data").path("time").asText().matches("\\d{4}-.*Z")));
                assertTrue(client.call("log").isArray());
                assertTrue(client.call("health").isArray());

                ControlException unknown = assertThrows(ControlException.class, () -> client.call("exportKeys"));
                assertEquals(ControlProtocol.METHOD_NOT_FOUND, unknown.code());
            }
            assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Not JSON\"}}", raw(socket, "hello"));
            assertTrue(raw(socket, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"status\",\"params\":{\"all\":true}}")
                    .contains("\"code\":-32602"), "parameters are refused where the method takes none");
            assertTrue(raw(socket, "{\"jsonrpc\":\"2.0\",\"method\":\"stop\"}").contains("\"code\":-32600"), "a request needs an id");
            assertTrue(run.process().isAlive(), "nothing above stopped the engine");

            if ("root".equals(System.getProperty("user.name"))) {
                anotherUserIsTurnedAway(socket);
            }

            try (ControlClient client = ControlClient.connect(data).orElseThrow()) {
                client.call("stop");
            }
            assertEquals(0, run.waitForExit(Duration.ofSeconds(30)), "stop ends run like SIGTERM");
            assertFalse(Files.exists(socket), "the socket goes with the engine");
        }
        PanelProcess.CliResult none = PanelProcess.cli(data, "status");
        assertEquals(1, none.exit());
        assertTrue(none.output().startsWith("No engine runs on "), none.output());
    }

    /** As uid 65534 (nobody): the folder keeps it out; with the folder and socket opened up, the server drops it. */
    private void anotherUserIsTurnedAway(Path socket) throws Exception {
        Path probe = Files.createTempDirectory("control-probe").resolve("Probe.java");
        Files.writeString(probe, """
                import java.net.*; import java.nio.channels.*; import java.nio.*;
                public class Probe { public static void main(String[] a) throws Exception {
                  try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    try { c.connect(UnixDomainSocketAddress.of(a[0])); }
                    catch (Exception e) { System.out.println("refused: " + e.getMessage()); return; }
                    try {
                      c.write(ByteBuffer.wrap("{\\"jsonrpc\\":\\"2.0\\",\\"id\\":1,\\"method\\":\\"hello\\"}\\n".getBytes()));
                      System.out.println(c.read(ByteBuffer.allocate(4096)) < 0 ? "closed" : "answered");
                    } catch (java.io.IOException e) { System.out.println("closed"); } } } }
                """);
        Files.setPosixFilePermissions(probe.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(asNobody(probe, socket).startsWith("refused: "), "the 0700 data folder keeps another user out");
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        try {
            assertEquals("closed", asNobody(probe, socket), "even when it can reach the socket, another user gets no answer");
        } finally {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static String asNobody(Path probe, Path socket) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", java,
                "-Duser.home=/tmp", probe.toString(), socket.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out;
    }

    private static String raw(Path socket, String line) throws Exception {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket));
            Channels.newOutputStream(c).write((line + "\n").getBytes(StandardCharsets.UTF_8));
            return new BufferedReader(new InputStreamReader(Channels.newInputStream(c), StandardCharsets.UTF_8)).readLine();
        }
    }
}
