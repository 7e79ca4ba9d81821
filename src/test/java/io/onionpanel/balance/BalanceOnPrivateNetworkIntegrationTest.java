package io.onionpanel.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onionpanel.engine.RuntimeInfo;
import io.onionpanel.it.PanelProcess;
import io.onionpanel.it.PanelTor;
import io.onionpanel.testnet.NetworkTest;
import io.onionpanel.testnet.PrivateTorNetwork;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One onion address over three machines: three backend panels (three data folders, each in front of a stand-in API
 * that answers with its own name) and a frontend panel running Onionbalance, all on a private Tor network.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@NetworkTest
class BalanceOnPrivateNetworkIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] NAMES = {"alpha", "bravo", "charlie"};

    @TempDir
    static Path root;
    static PrivateTorNetwork network;
    static final List<NamedApi> apis = new ArrayList<>();
    static final PanelProcess[] backends = new PanelProcess[3];
    static final String[] backendAddresses = new String[3];
    static PanelProcess frontend;
    static String frontendAddress;
    static int metricsPort;
    private static final long T0 = System.nanoTime();

    /** Prints how long the class has run at each phase: where this slow test spends its minutes, in CI's log. */
    private static void phase(String what) {
        System.out.printf(java.util.Locale.ROOT, "[balance] %6.1f s %s%n", (System.nanoTime() - T0) / 1e9, what);
    }

    @AfterAll
    static void stopAll() {
        if (frontend != null) {
            frontend.close();
        }
        for (PanelProcess p : backends) {
            if (p != null) {
                p.close();
            }
        }
        apis.forEach(NamedApi::close);
    }

    @Test
    @Order(1)
    void theFrontendAddressAnswersFromEveryBackend() throws Exception {
        // The network (a minute or more: bootstrap, then consensuses at the 20 s interval) starts beside the CLI
        // configuration below (ten CLI JVMs, which need no network); the panels' tors are started only after both.
        java.util.concurrent.CompletableFuture<PrivateTorNetwork> starting =
                java.util.concurrent.CompletableFuture.supplyAsync(BalanceNetwork::require);
        Path front = root.resolve("frontend");
        PanelProcess.CliResult made = PanelProcess.cli(front, "balance", "frontend", "lb", "--port", "80=127.0.0.1:9");
        assertEquals(0, made.exit(), made.output());
        String code = PanelProcess.cli(front, "balance", "join-code", "lb").output().strip();
        assertTrue(code.startsWith("obpanel1-"), code);
        frontendAddress = code.substring("obpanel1-".length()) + ".onion";

        // Bad input changes nothing: a damaged code, an address with a newline.
        PanelProcess.CliResult damaged = PanelProcess.cli(root.resolve("b0"), "backend", "join", code.substring(0, 40),
                "--port", "80=127.0.0.1:9");
        assertEquals(2, damaged.exit(), damaged.output());
        assertTrue(damaged.output().contains("join code is damaged"), damaged.output());
        assertTrue(Files.notExists(root.resolve("b0/settings.json")), "nothing written for a refused join");
        PanelProcess.CliResult injected = PanelProcess.cli(front, "balance", "add-backend", "lb", frontendAddress + "\nHiddenServicePort 1");
        assertEquals(2, injected.exit(), injected.output());

        for (int i = 0; i < 3; i++) {
            NamedApi api = NamedApi.start(NAMES[i], 0);
            apis.add(api);
            Path data = root.resolve("backend-" + NAMES[i]);
            PanelProcess.CliResult joined = PanelProcess.cli(data, "backend", "join", code, "--port", "80=" + api.hostPort(),
                    "--name", "api");
            assertEquals(0, joined.exit(), joined.output());
            String line = joined.output().lines().filter(l -> l.startsWith("Its instance address: ")).findFirst().orElseThrow();
            backendAddresses[i] = line.substring("Its instance address: ".length()).strip();
            assertEquals("MasterOnionAddress " + frontendAddress + "\n", Files.readString(data.resolve("services/api/ob_config")));
            PanelProcess.CliResult added = PanelProcess.cli(front, "balance", "add-backend", "lb", backendAddresses[i]);
            assertEquals(0, added.exit(), added.output());
        }
        phase("configured by the CLI");
        try {
            network = starting.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        phase("network ready");
        for (int i = 0; i < 3; i++) {
            backends[i] = startRun(root.resolve("backend-" + NAMES[i]));
        }
        try (var probe = new java.net.ServerSocket(0)) {
            metricsPort = probe.getLocalPort();
        }
        frontend = startRun(front, "--metrics", "127.0.0.1:" + metricsPort);
        for (PanelProcess b : backends) {
            b.awaitEvent("published", "api", Duration.ofSeconds(180));
        }
        phase("backends published");
        frontend.awaitEvent("published", "lb", Duration.ofSeconds(240));
        phase("frontend published");
        assertTrue(Files.readString(root.resolve("backend-alpha/tor/torrc")).contains("HiddenServiceOnionBalanceInstance 1"));
        assertTrue(!Files.readString(front.resolve("tor/torrc")).contains("HiddenServiceDir"),
                "the frontend's tor must not publish the frontend itself");
        String config = Files.readString(front.resolve("onionbalance/config.yaml"));
        assertTrue(config.contains(front.resolve("services/lb/hs_ed25519_secret_key").toString()), config);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(front.resolve("onionbalance/config.yaml"))));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(front.resolve("onionbalance"))));

        InetSocketAddress socks = socksOf(front);
        String first = getUntilOk(socks, Duration.ofSeconds(240));
        assertTrue(List.of(NAMES).contains(first), first);
        phase("first answer through the frontend");

        // Onionbalance publishes the introduction points of the backends whose descriptors it has fetched; one it has
        // not fetched yet is missing from the descriptor until the next publish (seen in CI: {alpha=20, charlie=10}).
        // The spread is measured once every backend is in the published descriptor.
        awaitHealth(front, h -> java.util.stream.IntStream.range(0, 3)
                        .allMatch(i -> backendRow(h, backendAddresses[i]).path("inPublished").asBoolean()),
                Duration.ofSeconds(240), "every backend in the published descriptor");
        phase("every backend in the published descriptor");
        // Visitors: several clients (the frontend's tor and the three backends' tors, each a tor client too), each
        // fetching the descriptor again every fifth request (NEWNYM; each fetch may meet an HSDir the last upload
        // missed, a "descriptor not found" that the request's retry covers). Why not one client and 30 requests: a tor client
        // builds its introduction circuit to the relay of the introduction point it picked, then looks the relay up in
        // the descriptor and introduces itself to the FIRST introduction point listed on that relay (tor's
        // hs_client.c, setup_intro_circ_auth_key). On this eight-relay network the backends' introduction points
        // share relays (9 on 4 relays), so a backend whose points all come after another backend's on the same relays
        // gets no visitor at all until Onionbalance publishes again in another order (it shuffles at each publish,
        // every ~20 s on a test network). Seen: {alpha=35, bravo=19, charlie=1} in 55 with every backend in the
        // descriptor. On the real network's thousands of relays such a collision is rare. So: at least 30 requests,
        // and on until every backend has answered, through several publishes (at most 120 requests).
        List<Path> clients = List.of(front, root.resolve("backend-alpha"), root.resolve("backend-bravo"),
                root.resolve("backend-charlie"));
        Map<String, Integer> answers = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> byClient = new LinkedHashMap<>();
        List<String> retried = new ArrayList<>();
        List<String> shadowed = new ArrayList<>();
        int requests = 0;
        int fetches = 0;
        while (requests < 120 && (requests < 30 || !answers.keySet().containsAll(List.of(NAMES)))) {
            Path client = clients.get(requests % clients.size());
            if (requests / clients.size() % 5 == 0) {
                PanelTor.newIdentity(client);
                fetches++;
            }
            if (requests % 30 == 0) {
                shadowed.add(shadowedBackends(front));
            }
            String who = getWithRetries(socksOf(client), retried);
            answers.merge(who, 1, Integer::sum);
            byClient.computeIfAbsent(client.getFileName().toString(), k -> new LinkedHashMap<>()).merge(who, 1, Integer::sum);
            requests++;
        }
        String held = introPointsHeld(front);
        System.out.println("[balance] " + held);
        System.out.println("[balance] " + requests + " requests from 4 clients: " + answers + "; by client " + byClient
                + "; failed attempts retried: " + retried + "; shadowed every 30 requests: " + shadowed);
        for (String name : NAMES) {
            assertTrue(answers.getOrDefault(name, 0) >= 1, "every backend answers at least once in " + requests + ": "
                    + answers + "; by client " + byClient + "; " + held + "; shadowed every 30 requests: " + shadowed);
        }
        long notFound = retried.stream().filter(r -> r != null && r.contains("descriptor not found")).count();
        assertTrue(notFound <= fetches, "at most one 'descriptor not found' per fresh descriptor fetch (" + fetches
                + "): " + retried);
        assertTrue(retried.size() - notFound <= requests / 5, "at most one in five requests needed a second try for"
                + " another reason: " + retried);
        phase(requests + " requests answered");

        JsonNode all = awaitHealth(front, h -> h.path("backends").size() == 3 && countLive(h) == 3, Duration.ofSeconds(120),
                "all three backends live");
        for (JsonNode b : all.path("backends")) {
            assertTrue(b.path("fetched").asBoolean(), b.toString());
        }
        String status = PanelProcess.cli(root.resolve("backend-alpha"), "balance", "status").output();
        assertTrue(status.contains("serves as an instance of frontend " + frontendAddress), status);
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("onion_panel_balance_backends_live{service=\"lb\"} 3"), metrics);
    }

    @Test
    @Order(2)
    void aKilledBackendIsReportedMissingWhileTheAddressKeepsAnswering() throws Exception {
        Path data = root.resolve("backend-bravo");
        long torPid = RuntimeInfo.read(data).orElseThrow().torPid();
        backends[1].process().toHandle().destroyForcibly();
        ProcessHandle.of(torPid).ifPresent(ProcessHandle::destroyForcibly);
        backends[1].process().waitFor();
        phase("bravo killed");
        InetSocketAddress socks = socksOf(root.resolve("frontend"));
        int ok = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            try {
                String who = IsolatedGet.get(socks, frontendAddress, 80, Duration.ofSeconds(60));
                assertTrue(!who.equals("bravo"), "a killed backend cannot answer");
                ok++;
            } catch (IOException e) {
                failures.add(e.toString());
                // one retry: a client that picked a dead introduction point tries again, as tor itself would
                try {
                    IsolatedGet.get(socks, frontendAddress, 80, Duration.ofSeconds(60));
                    ok++;
                } catch (IOException again) {
                    failures.add("retry: " + again);
                }
            }
        }
        System.out.println("[balance] after the kill: " + ok + " of 10 answered; failures " + failures);
        phase("10 requests after the kill");
        assertEquals(10, ok, "the address keeps answering: " + failures);
        awaitHealth(root.resolve("frontend"), h -> backendRow(h, backendAddresses[1]) != null
                && !backendRow(h, backendAddresses[1]).path("live").asBoolean()
                && countLive(h) == 2, Duration.ofSeconds(180), "bravo reported missing");
        String status = PanelProcess.cli(root.resolve("frontend"), "balance", "status").output();
        assertTrue(status.contains("live: 2 of 3"), status);
        assertTrue(status.contains(backendAddresses[1] + "  missing"), status);
        phase("bravo reported missing");
    }

    @Test
    @Order(3)
    void theRestartedBackendRejoins() throws Exception {
        backends[1] = startRun(root.resolve("backend-bravo"));
        backends[1].awaitEvent("published", "api", Duration.ofSeconds(180));
        phase("bravo restarted and published");
        awaitHealth(root.resolve("frontend"), h -> countLive(h) == 3
                && backendRow(h, backendAddresses[1]).path("inPublished").asBoolean(), Duration.ofSeconds(240),
                "bravo live again and in the published descriptor");
        phase("bravo live again and in the published descriptor");
        // Three visitors in turn (the frontend's and the other backends' tors), each starting fresh now and then: a
        // descriptor cached before bravo's return keeps a client on the others' introduction points.
        List<Path> clients = List.of(root.resolve("frontend"), root.resolve("backend-alpha"), root.resolve("backend-charlie"));
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        List<String> seen = new ArrayList<>();
        while (!seen.contains("bravo") && System.nanoTime() < deadline) {
            Path client = clients.get(seen.size() % clients.size());
            if (seen.size() % (2 * clients.size()) < clients.size()) {
                PanelTor.newIdentity(client);
            }
            try {
                seen.add(IsolatedGet.get(socksOf(client), frontendAddress, 80, Duration.ofSeconds(60)));
            } catch (IOException e) {
                seen.add("failed: " + e.getMessage());
            }
        }
        phase("bravo answered after " + seen.size() + " requests; " + introPointsHeld(root.resolve("frontend")));
        assertTrue(seen.contains("bravo"), "the restarted backend answers through the frontend again: " + seen);
    }

    private static PanelProcess startRun(Path data, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("--torrc-append", network.clientTorrcFile().toString()));
        args.addAll(List.of(extra));
        return PanelProcess.start(data, args.toArray(String[]::new));
    }

    private static InetSocketAddress socksOf(Path data) {
        String[] hp = RuntimeInfo.read(data).orElseThrow().socks().split(":");
        return new InetSocketAddress(hp[0], Integer.parseInt(hp[1]));
    }

    /**
     * One request as a client program would make it: a failed attempt is tried again (at most twice, 5 s apart).
     * Seen in CI: "descriptor not found" in the middle of the run, when the client's consensus moved the frontend's
     * descriptor to HSDirs Onionbalance had not uploaded to yet (the next upload fixes it; the real network does the same).
     */
    private static String getWithRetries(InetSocketAddress socks, List<String> retried) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return IsolatedGet.get(socks, frontendAddress, 80, Duration.ofSeconds(60));
            } catch (IOException e) {
                retried.add(e.getMessage());
                if (attempt == 3) {
                    throw e;
                }
                Thread.sleep(5_000);
            }
        }
    }

    private static String getUntilOk(InetSocketAddress socks, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                return IsolatedGet.get(socks, frontendAddress, 80, Duration.ofSeconds(60));
            } catch (IOException e) {
                last = e.toString();
                Thread.sleep(3_000);
            }
        }
        throw new AssertionError("The frontend address did not answer within " + timeout.toSeconds() + " s: " + last
                + "\nfrontend stderr: " + frontend.stderr());
    }

    private static JsonNode awaitHealth(Path data, Predicate<JsonNode> ok, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Path f = data.resolve("onionbalance/health.json");
            if (Files.isRegularFile(f)) {
                try {
                    last = JSON.readTree(f.toFile());
                    if (ok.test(last)) {
                        return last;
                    }
                } catch (IOException partial) {
                    // written atomically; a read racing the rename retries
                }
            }
            Thread.sleep(2_000);
        }
        throw new AssertionError("No " + what + " within " + timeout.toSeconds() + " s; last health: " + last);
    }

    /**
     * Which backend each introduction point of the client's cached frontend descriptor belongs to (by each backend's
     * current descriptor), and how many belong to none: what a skewed spread is made of.
     */
    private static String introPointsHeld(Path front) {
        try (var tor = PanelTor.control(front)) {
            java.util.Set<String> published = DescriptorCheck.introPoints(tor, frontendAddress).orElse(java.util.Set.of());
            for (String b : backendAddresses) {
                DescriptorCheck.fetch(tor, b);
            }
            for (int wait = 0; wait < 20 && java.util.Arrays.stream(backendAddresses)
                    .anyMatch(b -> DescriptorCheck.introPoints(tor, b).isEmpty()); wait++) {
                Thread.sleep(1_000);
            }
            Map<String, String> byBackend = new LinkedHashMap<>();
            java.util.Set<String> unmatched = new java.util.HashSet<>(published);
            for (int i = 0; i < 3; i++) {
                java.util.Set<String> own = DescriptorCheck.introPoints(tor, backendAddresses[i]).orElse(java.util.Set.of());
                long in = own.stream().filter(published::contains).count();
                unmatched.removeAll(own);
                byBackend.put(NAMES[i], in + " of its " + own.size());
            }
            return "client's frontend descriptor: " + published.size() + " introduction points; per backend " + byBackend
                    + "; belonging to no backend's current descriptor: " + unmatched.size();
        } catch (Exception e) {
            return "introduction points not read: " + e;
        }
    }

    /**
     * The backends no visitor can reach with the frontend descriptor the frontend's tor holds now: each of their
     * introduction points comes after another backend's on the same relay (see the spread above).
     */
    private static String shadowedBackends(Path front) {
        try (var tor = PanelTor.control(front)) {
            DescriptorCheck.fetch(tor, frontendAddress);
            String bare = io.onionpanel.onion.OnionAddress.bare(frontendAddress);
            String text = null;
            for (int wait = 0; text == null; wait++) {
                Thread.sleep(1_000);
                try {
                    text = tor.getInfo("hs/client/desc/id/" + bare);
                } catch (IOException | RuntimeException notYet) {
                    if (wait == 15) {
                        throw notYet;
                    }
                }
            }
            String inner = io.onionpanel.onion.OnionDescriptor.open(text, bare).inner();
            Map<String, String> firstOnRelay = new LinkedHashMap<>(); // relay (link specifiers) -> its first enc-key
            String relay = null;
            for (String line : inner.lines().toList()) {
                if (line.startsWith("introduction-point ")) {
                    relay = line;
                } else if (line.startsWith("enc-key ") && relay != null) {
                    firstOnRelay.putIfAbsent(relay, line);
                }
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                java.util.Set<String> own = DescriptorCheck.introPoints(tor, backendAddresses[i]).orElse(java.util.Set.of());
                if (!own.isEmpty() && firstOnRelay.values().stream().noneMatch(own::contains)) {
                    out.add(NAMES[i]);
                }
            }
            return out.toString();
        } catch (Exception e) {
            return "(not read: " + e + ")";
        }
    }

    private static int countLive(JsonNode health) {
        int n = 0;
        for (JsonNode b : health.path("backends")) {
            n += b.path("live").asBoolean() ? 1 : 0;
        }
        return n;
    }

    private static JsonNode backendRow(JsonNode health, String address) {
        for (JsonNode b : health.path("backends")) {
            if (b.path("address").asText().equals(address)) {
                return b;
            }
        }
        return null;
    }
}
