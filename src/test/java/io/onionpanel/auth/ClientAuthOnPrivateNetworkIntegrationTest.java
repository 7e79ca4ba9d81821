package io.onionpanel.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.onionpanel.it.PanelOnPrivateNetwork;
import io.onionpanel.it.PanelProcess;
import io.onionpanel.testnet.NetworkTest;
import io.onionpanel.testnet.Socks5Http;
import io.onionpanel.testnet.StandInRoutstr;
import io.onionpanel.testnet.TorNetworkSupport;
import io.onionpanel.testnet.TorProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.XECPrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.util.encoders.Base32;
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
 * v3 client authorisation end to end on the private Tor network: separate client tors use the credential files
 * the panel exported; a client without a key is refused; a removed client is cut off although it was connected
 * a moment before, while the others keep access; a client that only ever sent its public key gets in.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@NetworkTest
class ClientAuthOnPrivateNetworkIntegrationTest {
    private static final Duration PUBLISH = Duration.ofSeconds(120);
    private static final Duration FETCH = Duration.ofSeconds(120);
    private static final Pattern SOCKS_LISTENER = Pattern.compile("Opened Socks listener connection \\(ready\\) on 127\\.0\\.0\\.1:(\\d+)");
    private static final int MISSING_CLIENT_AUTH = 0xF4;

    @RegisterExtension
    static final PanelOnPrivateNetwork panel = new PanelOnPrivateNetwork();

    // Kept when a test fails: the panel's tor.log and the client tors' logs are the evidence.
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path data;
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path work;
    static String address;
    static final List<ClientTor> clients = new ArrayList<>();
    static ClientTor alice;
    static ClientTor bob;
    static ClientTor stranger;

    @BeforeAll
    static void start() throws Exception {
        panel.addService(data, "svc");
        panel.startRun(data);
        address = panel.awaitPublishedAddress("svc", PUBLISH);
    }

    @AfterAll
    static void stop() {
        clients.forEach(ClientTor::close);
    }

    @Test
    @Order(1)
    void exportedCredentialsLetClientsInAndKeepOthersOut() throws Exception {
        Path aliceDir = work.resolve("alice-auth");
        Path bobDir = work.resolve("bob-auth");
        panel.run().clearEvents();
        var a = PanelProcess.cli(data, "client", "add", "svc", "alice", "--export-dir", aliceDir.toString());
        assertEquals(0, a.exit(), a.output());
        assertTrue(a.output().contains("is now ON"), a.output());
        awaitNotice("is on");
        panel.run().clearEvents();
        var b = PanelProcess.cli(data, "client", "add", "svc", "bob", "--export-dir", bobDir.toString());
        assertEquals(0, b.exit(), b.output());
        awaitNotice("'bob'");
        panel.run().awaitEvent("published", "svc", PUBLISH);

        String exported = Files.readString(aliceDir.resolve(address.substring(0, 56) + ".auth_private"));
        assertTrue(exported.matches("[a-z2-7]{56}:descriptor:x25519:[A-Z2-7]{52}\n"), "tor's format, no hand edits");

        alice = ClientTor.start("alice", aliceDir);
        bob = ClientTor.start("bob", bobDir);
        stranger = ClientTor.start("stranger", Files.createDirectories(work.resolve("stranger-auth")));
        for (ClientTor c : List.of(alice, bob, stranger)) {
            c.awaitBootstrapped();
        }
        assertEquals(StandInRoutstr.INFO_JSON, alice.getUntilOk("/v1/info", FETCH).body());
        assertEquals(StandInRoutstr.INFO_JSON, bob.getUntilOk("/v1/info", FETCH).body());
        Socks5Http.SocksException refused = stranger.refused("/v1/info", Duration.ofSeconds(60));
        assertEquals(MISSING_CLIENT_AUTH, refused.replyCode(), refused.getMessage());
    }

    @Test
    @Order(2)
    void removedClientIsCutOffAtOnceOthersKeepAccess() throws Exception {
        assertEquals(StandInRoutstr.INFO_JSON, bob.get("/v1/info").body(), "bob is connected right before");
        panel.run().clearEvents();
        long t0 = System.nanoTime();
        // Bob keeps asking on his open rendezvous circuit while the panel revokes him.
        CompletableFuture<Long> bobCutOff = CompletableFuture.supplyAsync(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    bob.get("/v1/info");
                    Thread.sleep(200);
                } catch (IOException e) {
                    return System.nanoTime();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1L;
                }
            }
            return -1L;
        });
        var removed = PanelProcess.cli(data, "client", "remove", "svc", "bob");
        assertEquals(0, removed.exit(), removed.output());
        assertTrue(removed.output().contains("revokes it now"), removed.output());
        JsonNode notice = awaitNotice("Revoked client 'bob'");
        long published = System.nanoTime();
        long cutOff = bobCutOff.get();
        assertTrue(cutOff > 0, "bob could still use his open circuit 60 s after the removal");
        System.out.printf(Locale.ROOT, "[client-auth] client remove -> bob refused %.1f s, new descriptor published %.1f s (%s)%n",
                (cutOff - t0) / 1e9, (published - t0) / 1e9, notice.get("message").asText());
        panel.run().awaitEvent("published", "svc", PUBLISH);

        int before = alice.newCircuits;
        assertEquals(StandInRoutstr.INFO_JSON, alice.getUntilOk("/v1/info", FETCH).body(), "alice keeps access");
        System.out.println("[client-auth] alice reconnected after the revocation" + (alice.newCircuits > before
                ? " after " + (alice.newCircuits - before) + " failed attempt(s) and NEWNYM" : " at the first attempt"));
        // Bob cannot get back in: neither through old intro points nor with the new descriptor.
        List<String> bobErrors = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Socks5Http.HttpResult r = bob.get("/v1/info");
                fail("bob, removed, got HTTP " + r.status() + " after " + bobErrors);
            } catch (Socks5Http.SocksException e) {
                bobErrors.add(String.format("0x%02X", e.replyCode()));
            } catch (IOException e) {
                bobErrors.add(e.getMessage());
            }
            Thread.sleep(2000);
        }
        System.out.println("[client-auth] bob after revocation: " + bobErrors);
    }

    @Test
    @Order(3)
    void aClientThatOnlySentItsPublicKeyConnects() throws Exception {
        // The client's own tool makes the key pair; the panel only ever sees the public half.
        KeyPair pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
        byte[] x509 = pair.getPublic().getEncoded();
        String pub = Base32.toBase32String(Arrays.copyOfRange(x509, x509.length - 32, x509.length)).replace("=", "");
        String priv = Base32.toBase32String(((XECPrivateKey) pair.getPrivate()).getScalar().orElseThrow()).replace("=", "");
        panel.run().clearEvents();
        var added = PanelProcess.cli(data, "client", "add", "svc", "carol", "--public-key", pub.toLowerCase(Locale.ROOT));
        assertEquals(0, added.exit(), added.output());
        awaitNotice("'carol'");
        panel.run().awaitEvent("published", "svc", PUBLISH);
        stranger.close();
        Path carolDir = Files.createDirectories(work.resolve("carol-auth"));
        Files.writeString(carolDir.resolve("svc.auth_private"), address.substring(0, 56) + ":descriptor:x25519:" + priv + "\n");
        ClientTor carol = ClientTor.start("carol", carolDir);
        carol.awaitBootstrapped();
        assertEquals(StandInRoutstr.MODELS_JSON, carol.getUntilOk("/v1/models", FETCH).body());
        System.out.println("[client-auth] carol connected" + (carol.newCircuits > 0
                ? " after " + carol.newCircuits + " failed attempt(s) and NEWNYM" : " at the first attempt"));
        ClientAuthorizationTest.assertPrivateKeyNowhereUnder(data, priv);
    }

    private static JsonNode awaitNotice(String containing) throws InterruptedException {
        return panel.run().await(e -> e.path("event").asText().equals("notice") && e.path("message").asText().contains(containing),
                PUBLISH, "notice containing " + containing);
    }

    /** A plain tor client (the system's) with its own ClientOnionAuthDir, on the private panel.network(). */
    static final class ClientTor implements AutoCloseable {
        final TorProcess tor;
        int socksPort;
        io.onionpanel.tor.TorControl control;
        int newCircuits;

        private ClientTor(TorProcess tor) {
            this.tor = tor;
        }

        static ClientTor start(String name, Path authDir) throws IOException {
            TorProcess.createPrivateDir(authDir);
            List<String> lines = new ArrayList<>(panel.network().clientTorrcLines());
            lines.add("SocksPort 127.0.0.1:auto ExtendedErrors");
            lines.add("ClientOnionAuthDir " + authDir.toAbsolutePath());
            lines.add("SafeLogging 0");
            // With 8 relays a fresh client's guard is often also the HSDir or intro point it needs; tor then waits
            // (up to minutes) before it adds a guard, and the request hangs. Test clients need no guards.
            lines.add("UseEntryGuards 0");
            lines.add("ControlPort 127.0.0.1:auto");
            lines.add("ControlPortWriteToFile " + work.resolve("tor-" + name).resolve("control.port").toAbsolutePath());
            lines.add("CookieAuthentication 1");
            Path tor = TorNetworkSupport.onPath("tor").orElseThrow();
            ClientTor c = new ClientTor(TorProcess.start("client-" + name, tor, work.resolve("tor-" + name), lines));
            clients.add(c);
            return c;
        }

        void awaitBootstrapped() throws IOException, InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            Path log = tor.dir().resolve("tor.log");
            while (true) {
                String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
                Matcher m = SOCKS_LISTENER.matcher(text);
                Path portFile = tor.dir().resolve("control.port");
                if (m.find() && text.contains("Bootstrapped 100%") && Files.exists(portFile)) {
                    socksPort = Integer.parseInt(m.group(1));
                    String hostPort = Files.readString(portFile).trim().substring("PORT=".length());
                    int colon = hostPort.lastIndexOf(':');
                    control = io.onionpanel.tor.TorControl.connect(new java.net.InetSocketAddress(hostPort.substring(0, colon),
                            Integer.parseInt(hostPort.substring(colon + 1))), Files.readAllBytes(tor.dir().resolve("control_auth_cookie")),
                            event -> { }, () -> { });
                    return;
                }
                if (!tor.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("client tor did not bootstrap\n" + tor.logTail(30));
                }
                Thread.sleep(250);
            }
        }

        Socks5Http.HttpResult get(String path) throws IOException {
            return Socks5Http.get("127.0.0.1", socksPort, "http://" + address + path, Duration.ofSeconds(30));
        }

        /**
         * Retries as a user would, with a new circuit (NEWNYM) after each failure: after a service was re-created a
         * client tor can sit on a rendezvous circuit that waits for the old service incarnation (observed:
         * HS_CLIENT_REND in HSCR_ESTABLISHED_WAITING for minutes), and NEWNYM makes it start afresh.
         */
        Socks5Http.HttpResult getUntilOk(String path, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            String last = "no attempt";
            while (System.nanoTime() < deadline) {
                try {
                    Socks5Http.HttpResult r = Socks5Http.get("127.0.0.1", socksPort, "http://" + address + path,
                            Duration.ofSeconds(20));
                    if (r.status() == 200) {
                        return r;
                    }
                    last = "HTTP " + r.status();
                } catch (IOException e) {
                    last = e.getMessage();
                    newCircuits++;
                    control.signal("NEWNYM");
                }
                Thread.sleep(1000);
            }
            throw new AssertionError(tor.name() + ": GET " + path + " never returned 200 within " + timeout.toSeconds()
                    + " s; last: " + last + "\n" + diagnostics() + tor.logTail(20));
        }

        /** Expects the onion service to be refused; returns tor's SOCKS error (ignoring transient fetch failures). */
        Socks5Http.SocksException refused(String path, Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            Socks5Http.SocksException last = null;
            while (System.nanoTime() < deadline) {
                try {
                    Socks5Http.HttpResult r = get(path);
                    fail(tor.name() + " without a key got HTTP " + r.status());
                } catch (Socks5Http.SocksException e) {
                    last = e;
                    if (e.replyCode() == MISSING_CLIENT_AUTH) {
                        return e;
                    }
                } catch (IOException e) {
                    // Not an answer from the onion service yet (e.g. a timeout): ask again.
                }
                Thread.sleep(1000);
            }
            if (last == null) {
                throw new AssertionError(tor.name() + ": no SOCKS error within " + timeout.toSeconds() + " s");
            }
            return last;
        }

        /** What tor was doing, for a failure message: its circuits, streams, cached descriptor and consensus. */
        String diagnostics() {
            StringBuilder b = new StringBuilder("---- ").append(tor.name()).append(" state ----\n");
            for (String key : List.of("current-time/utc", "network-liveness", "status/circuit-established",
                    "consensus/valid-after", "consensus/valid-until", "stream-status", "circuit-status",
                    "hs/client/desc/id/" + address.substring(0, 56))) {
                try {
                    String value = control.getInfo(key);
                    b.append(key).append(": ").append(key.startsWith("hs/") ? "(cached, " + value.length() + " chars)" : value)
                            .append('\n');
                } catch (IOException | RuntimeException e) {
                    b.append(key).append(": ").append(e.getMessage()).append('\n');
                }
            }
            return b.toString();
        }

        @Override
        public void close() {
            if (control != null) {
                try {
                    control.close();
                } catch (IOException ignored) {
                    // tor stops anyway.
                }
            }
            tor.stop();
        }
    }
}
