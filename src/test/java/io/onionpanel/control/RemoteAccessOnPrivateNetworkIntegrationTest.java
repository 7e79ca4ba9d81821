package io.onionpanel.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.onionpanel.common.Poll;
import io.onionpanel.engine.Engine;
import io.onionpanel.engine.EngineOptions;
import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.monitor.EngineMonitor;
import io.onionpanel.monitor.Monitor;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.SettingsStore;
import io.onionpanel.testnet.NetworkTest;
import io.onionpanel.testnet.NetworkTor;
import io.onionpanel.testnet.PrivateTorNetwork;
import io.onionpanel.testnet.Socks5Http;
import io.onionpanel.testnet.StandInRoutstr;
import io.onionpanel.testnet.TorNetworkSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote access on the private Tor network: engine A (a service of its own, remote access on, two desktops paired)
 * and engine B (a desktop's engine, no services) that pairs with A's code and, through its own tor, reads A's status
 * and events. A tor without the key cannot reach A's control onion; a wrong token is refused; methods outside the
 * allow-list are refused; a revoked desktop's open session is closed within seconds and it cannot connect again; and
 * no secret of a pairing code is in any file of A's data folder.
 */
@NetworkTest
class RemoteAccessOnPrivateNetworkIntegrationTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;

    @Test
    void aPairedDesktopDrivesTheServerThroughItsOwnTorAndARevokedOneIsCutOff() throws Exception {
        PrivateTorNetwork network = TorNetworkSupport.requireNetwork();
        Path dataA = work.resolve("a");
        Path dataB = work.resolve("b");
        try (StandInRoutstr api = StandInRoutstr.start()) {
            new SettingsStore(dataA).update(s -> s.withTor(s.tor().withExtraTorrcLines(network.clientTorrcLines()))
                    .withServices(List.of(new ServiceConfig("api", true, List.of(PortMapping.of(80, api.hostPort()))))));
            new SettingsStore(dataB).update(s -> s.withTor(s.tor().withExtraTorrcLines(network.clientTorrcLines())));

            RemoteServerFiles server = new RemoteServerFiles(dataA);
            String controlOnion = server.enable();
            PairingCode laptop = server.pair("laptop");
            PairingCode spare = server.pair("spare");
            assertEquals(controlOnion, laptop.onion());

            Engine a = new Engine(new EngineOptions(dataA, null, List.of(), Duration.ofMillis(500)));
            Monitor monitorA = EngineMonitor.attach(a);
            Engine b = new Engine(new EngineOptions(dataB, null, List.of(), Duration.ofMillis(500)));
            Monitor monitorB = EngineMonitor.attach(b);
            try (monitorA; a; monitorB; b) {
                a.start();
                b.start();
                try (ControlServer controlA = ControlServer.start(a, monitorA, () -> { });
                     ControlServer controlB = ControlServer.start(b, monitorB, () -> { })) {
                    Poll.until("A's service published", Duration.ofSeconds(180), () -> a.services().stream()
                            .anyMatch(s -> s.state() == ServiceStatus.State.PUBLISHED));
                    String apiOnion = a.services().get(0).onion();
                    Path remoteSocket = dataA.resolve("remote").resolve("remote.sock");
                    Poll.until("A's control onion bound", Duration.ofSeconds(60), () -> Files.exists(remoteSocket));
                    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(remoteSocket)));
                    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataA.resolve("remote"))));
                    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataA.resolve("remote/onion"))));
                    assertFalse(a.services().stream().anyMatch(s -> s.onion() != null && s.onion().startsWith(controlOnion)),
                            "the control onion is not one of A's services");

                    // A tor that was never given a key gets tor's "client authorisation missing" (0xF4) for the onion.
                    try (NetworkTor stranger = NetworkTor.start(network, "remote-stranger", work.resolve("stranger"), 0, List.of())) {
                        stranger.awaitBootstrapped(Duration.ofSeconds(120));
                        Socks5Http.SocksException refused = assertThrows(Socks5Http.SocksException.class, () -> getUntilRefused(stranger,
                                controlOnion));
                        assertEquals(0xF4, refused.replyCode(), refused.getMessage());
                    }

                    new KnownRemotes(dataB).add("server", laptop.text());
                    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                            dataB.resolve("remotes/server.json"))));
                    List<JsonNode> events = new CopyOnWriteArrayList<>();
                    AtomicLong endedAt = new AtomicLong();
                    long t0 = System.nanoTime();
                    ControlConnection remote = RemotePanelConnector.connect(dataB, "server", events::add,
                            () -> endedAt.set(System.nanoTime()));
                    JsonNode status = remote.call("status", null, Duration.ofSeconds(30));
                    long attachMillis = (System.nanoTime() - t0) / 1_000_000;
                    System.out.println("[remote] attach -> first status: " + attachMillis + " ms");
                    assertEquals("api", status.path("services").get(0).path("name").asText(), status.toString());
                    assertEquals(apiOnion, status.path("services").get(0).path("onion").asText());
                    assertEquals("PUBLISHED", status.path("services").get(0).path("state").asText());

                    ControlException notAllowed = assertThrows(ControlException.class, () -> remote.call("stop", null,
                            Duration.ofSeconds(30)));
                    assertEquals(RemoteGate.NOT_ALLOWED, notAllowed.code());
                    ControlException local = assertThrows(ControlException.class, () -> remote.call("remoteChanged", null,
                            Duration.ofSeconds(30)));
                    assertEquals(RemoteGate.NOT_ALLOWED, local.code());
                    assertTrue(a.torStatus().state() != io.onionpanel.engine.TorStatus.State.STOPPED, "A still runs");

                    // Events: a service added on A reaches B through the onion.
                    remote.call("subscribe", null, Duration.ofSeconds(30));
                    long changed = System.nanoTime();
                    new SettingsStore(dataA).update(s -> s.withServices(List.of(s.services().get(0),
                            new ServiceConfig("second", true, List.of(PortMapping.of(80, api.hostPort()))))));
                    try (ControlClient localA = ControlClient.connect(dataA).orElseThrow()) {
                        localA.call("applySettings");
                    }
                    Poll.until("A's new service as an event at B", Duration.ofSeconds(30), () -> events.stream()
                            .anyMatch(e -> e.path("type").asText().equals("service") && e.path("data").path("name").asText().equals("second")));
                    System.out.println("[remote] change on A -> event at B: " + (System.nanoTime() - changed) / 1_000_000 + " ms");

                    // The window's engine model, attached to A through the onion: A's services and their changes.
                    try (AttachedPanelEngine window = AttachedPanelEngine.attachRemote(dataB, "server")) {
                        assertTrue(window.services().stream().anyMatch(s -> s.name().equals("second")), window.services().toString());
                        List<String> seen = new CopyOnWriteArrayList<>();
                        window.addListener(new io.onionpanel.engine.EngineListener() {
                            @Override
                            public void serviceStatusChanged(ServiceStatus status) {
                                seen.add(status.name() + ":" + status.state());
                            }
                        });
                        new SettingsStore(dataA).update(s -> s.withServices(List.of(s.services().get(0))));
                        try (ControlClient localA = ControlClient.connect(dataA).orElseThrow()) {
                            localA.call("applySettings");
                        }
                        Poll.until("the removed service gone in B's model", Duration.ofSeconds(30),
                                () -> window.services().stream().noneMatch(s -> s.name().equals("second")));
                        assertTrue(seen.stream().anyMatch(x -> x.startsWith("second:")), seen.toString());
                    }

                    // The desktop's CLI adds a service on A through the onion (--remote): A's folder, A's keys, and the
                    // new service answers through its own onion, reached with B's tor.
                    io.onionpanel.cli.CliRunner.Result added = io.onionpanel.cli.CliRunner.run(dataB, "--remote", "server",
                            "service", "add", "third", "--port", "80=" + api.hostPort(), "--no-pow");
                    assertEquals(0, added.exit(), added.out() + added.err());
                    String thirdOnion = io.onionpanel.onion.OnionAddress.readHostname(
                            new io.onionpanel.onion.ServiceFolders(dataA).dir("third")).orElseThrow();
                    assertTrue(added.out().contains("Its address: " + thirdOnion), added.out());
                    assertFalse(Files.exists(dataB.resolve("services/third")), "nothing made on the desktop");
                    io.onionpanel.cli.CliRunner.Result unix = io.onionpanel.cli.CliRunner.run(dataB, "--remote", "server",
                            "service", "add", "sock", "--port", "80=unix:" + dataA.resolve("control.sock"), "--no-pow");
                    assertEquals(2, unix.exit(), unix.out() + unix.err());
                    assertTrue(unix.err().contains("unix: target"), unix.err());
                    int socksB = b.socksAddress().orElseThrow().getPort();
                    long addedAt = System.nanoTime();
                    Poll.until("the remotely added service answering through its onion", Duration.ofSeconds(180), () -> {
                        try {
                            return Socks5Http.get("127.0.0.1", socksB, "http://" + thirdOnion + "/v1/info",
                                    Duration.ofSeconds(30)).status() == 200;
                        } catch (IOException e) {
                            return false;
                        }
                    });
                    System.out.println("[remote] service add through the onion -> it answers: "
                            + (System.nanoTime() - addedAt) / 1_000_000 + " ms");
                    // probe --remote: the server's service, tested from this desktop's own tor, as a visitor.
                    io.onionpanel.cli.CliRunner.Result probed = io.onionpanel.cli.CliRunner.run(dataB, "--remote", "server",
                            "probe", "http://" + thirdOnion + "/v1/info", "--count", "2");
                    assertEquals(0, probed.exit(), probed.out() + probed.err());
                    assertTrue(probed.out().contains("2/2 ok"), probed.out());
                    assertTrue(probed.out().contains("via SOCKS 127.0.0.1:" + socksB), probed.out());
                    Path passphrase = Files.writeString(work.resolve("pass"), "correct horse battery staple\n");
                    io.onionpanel.cli.CliRunner.Result exported = io.onionpanel.cli.CliRunner.run(dataB, "--remote", "server",
                            "backup", "export", "third", work.resolve("third.backup").toString(), "--passphrase-file",
                            passphrase.toString());
                    assertEquals(0, exported.exit(), exported.out() + exported.err());
                    try (io.onionpanel.backup.ServiceKeys keys = io.onionpanel.backup.BackupFile.open(work.resolve("third.backup"))
                            .read("correct horse battery staple".toCharArray())) {
                        assertEquals(thirdOnion, keys.address());
                    }

                    // The other desktop's key with a wrong token: the onion is reached, the hello is refused.
                    PairingCode forged = new PairingCode("spare", spare.onion(), spare.clientKey(), RemoteToken.generate());
                    new KnownRemotes(dataB).add("forged", forged.text());
                    IOException wrongToken = assertThrows(IOException.class, () -> RemotePanelConnector.connect(dataB, "forged",
                            Duration.ofSeconds(60), e -> { }, () -> { }));
                    assertTrue(wrongToken.getMessage().contains("refused this desktop"), wrongToken.getMessage());
                    assertTrue(remote.isOpen(), "the other session is untouched");

                    // Revoke: the open session ends within seconds; a new connection is refused.
                    assertTrue(server.revoke("laptop"));
                    long revokedAt = System.nanoTime();
                    try (ControlClient localA = ControlClient.connect(dataA).orElseThrow()) {
                        localA.call("remoteChanged");
                    }
                    Poll.until("the revoked desktop's session closed", Duration.ofSeconds(5), () -> !remote.isOpen());
                    System.out.println("[remote] revoke -> session closed: " + (endedAt.get() - revokedAt) / 1_000_000 + " ms");
                    assertThrows(IOException.class, () -> RemotePanelConnector.connect(dataB, "server", Duration.ofSeconds(30),
                            e -> { }, () -> { }));

                    assertNoSecretsIn(dataA, List.of(laptop.token(), laptop.clientKey(), spare.token(), spare.clientKey(),
                            laptop.text(), spare.text()));
                }
            }
        }
    }

    /** Asks through the stranger's tor until tor gives a SOCKS answer about the onion itself (the descriptor is up). */
    private static void getUntilRefused(NetworkTor stranger, String onion) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try {
                Socks5Http.get("127.0.0.1", stranger.socksPort(), "http://" + onion + ".onion/", Duration.ofSeconds(30));
                throw new AssertionError("a tor without the key reached the remote control onion");
            } catch (IOException e) {
                last = e;
                if (e instanceof Socks5Http.SocksException s && (s.replyCode() == 0xF4 || s.replyCode() == 0xF5)) {
                    throw e;
                }
                Thread.sleep(2000); // not found yet: the descriptor may still be on its way
            }
        }
        throw new AssertionError("tor never said the onion needs client authorisation", last);
    }

    private static void assertNoSecretsIn(Path dir, List<String> secrets) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dir)) {
            all.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            for (String secret : secrets) {
                assertFalse(text.toUpperCase().contains(secret.toUpperCase()), "a pairing secret is in " + dir.relativize(f));
            }
        }
        assertTrue(files.size() > 5, "A's data folder was read: " + files);
    }
}
