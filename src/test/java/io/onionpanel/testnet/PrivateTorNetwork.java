package io.onionpanel.testnet;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private Tor network on 127.0.0.1 built from the system's relay-capable {@code tor} and
 * {@code tor-gencert}: directory authorities plus relays, each in its own folder under a work dir.
 *
 * <p>{@link #start} returns only once the network works end to end: a probe tor has published an
 * onion service and fetched a page from it through its own SOCKS port.
 */
public final class PrivateTorNetwork implements AutoCloseable {

    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofMinutes(4);
    public static final int DEFAULT_AUTHORITIES = 3;
    public static final int DEFAULT_RELAYS = 5;

    /**
     * Seconds per consensus; it also sets the onion-service time period (24 intervals = 4 min).
     * tor wants the two delays below half the interval. A round that misses its 2 s costs one
     * interval, and a consensus stays valid for two (V3AuthNIntervalsValid 2).
     */
    private static final int VOTING_INTERVAL = 10;
    /**
     * Onionbalance 0.2.2's {@code --is-testnet} assumes chutney's 20 s voting interval for the time period and its
     * rotation offset (hs_v3/consensus.py): on a 10 s network it blinds the frontend key for another period and
     * clients get 404 from every HSDir. Its tests start a network with this interval.
     */
    public static final int ONIONBALANCE_VOTING_INTERVAL = 20;
    private static final int VOTE_DELAY = 2;
    private static final int DIST_DELAY = 2;
    /**
     * Seconds from starting the nodes to the first vote. Relays upload their descriptors about 2 s
     * after starting on an idle machine, up to 4 s when the 2 cores are busy (a Maven build); a relay
     * that misses the vote costs a whole interval.
     */
    private static final int START_LEAD = 6;

    private static PrivateTorNetwork shared;
    private static RuntimeException sharedFailure;

    private final Path workDir;
    private final int votingInterval;
    private final List<TorProcess> nodes = new CopyOnWriteArrayList<>();
    private final List<String> dirAuthorityLines = new ArrayList<>();
    private final Thread shutdownHook;
    private Duration startupTime;
    private String startupReport = "";
    private Path clientTorrcFile;

    private PrivateTorNetwork(Path workDir, int votingInterval) {
        this.workDir = workDir;
        this.votingInterval = votingInterval;
        this.shutdownHook = new Thread(this::stopNodes, "private-tor-network-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** System property set by the fast test execution (pom.xml): {@link #shared()} refuses to start there. */
    public static final String FAST_TESTS_PROPERTY = "onionpanel.fastTests";

    /**
     * The network every test shares: started on first use (3 authorities, 5 relays) and stopped by
     * a shutdown hook. A failed start is remembered so that later tests fail fast instead of
     * waiting the full timeout again.
     */
    public static synchronized PrivateTorNetwork shared() {
        if (Boolean.getBoolean(FAST_TESTS_PROPERTY)) {
            // Set by the fast surefire execution (pom.xml), which must not wait for a network to bootstrap.
            throw new IllegalStateException("The fast tests do not start the private Tor network: mark this test "
                    + "@" + NetworkTest.class.getName() + " so that it runs in the network execution");
        }
        if (sharedFailure != null) {
            throw new IllegalStateException("The shared private Tor network failed to start earlier: "
                    + sharedFailure.getMessage(), sharedFailure);
        }
        if (shared == null) {
            Path target = Path.of("target");
            Path dir;
            try {
                dir = Files.isDirectory(target)
                        ? target.resolve("private-tor-net")
                        : Files.createTempDirectory("private-tor-net");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                shared = start(dir, DEFAULT_AUTHORITIES, DEFAULT_RELAYS, DEFAULT_READY_TIMEOUT);
            } catch (RuntimeException e) {
                sharedFailure = e;
                throw e;
            }
        }
        return shared;
    }

    /**
     * Starts a network in {@code workDir} (wiped first) and waits until an onion service is
     * reachable through it; throws IllegalStateException with the nodes' log tails otherwise.
     */
    public static PrivateTorNetwork start(Path workDir, int authorities, int relays, Duration readyTimeout) {
        return start(workDir, authorities, relays, readyTimeout, VOTING_INTERVAL);
    }

    /** As {@link #start(Path, int, int, Duration)}, with consensus every {@code votingInterval} seconds. */
    public static PrivateTorNetwork start(Path workDir, int authorities, int relays, Duration readyTimeout,
                                          int votingInterval) {
        if (authorities < 1 || relays < 0) {
            throw new IllegalArgumentException("need at least one authority and no negative relay count");
        }
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        try {
            return startOnce(workDir, authorities, relays, deadline, votingInterval);
        } catch (IllegalStateException e) {
            // A port picked by ServerSocket(0) can be taken by another process before tor binds
            // it (busy machines, parallel builds). Fresh ports make a second collision unlikely.
            if (!(e.getCause() instanceof PortTakenException)) {
                throw e;
            }
            return startOnce(workDir, authorities, relays, deadline, votingInterval);
        }
    }

    private static PrivateTorNetwork startOnce(Path workDir, int authorities, int relays, long deadline,
                                               int votingInterval) {
        long t0 = System.nanoTime();
        Path tor = TorNetworkSupport.onPath("tor").orElseThrow(
                () -> new IllegalStateException(TorNetworkSupport.MISSING_TOR_MESSAGE));
        Path gencert = TorNetworkSupport.onPath("tor-gencert").orElseThrow(
                () -> new IllegalStateException(TorNetworkSupport.MISSING_TOR_MESSAGE));
        try {
            deleteRecursively(workDir);
            TorProcess.createPrivateDir(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + workDir, e);
        }
        PrivateTorNetwork net = new PrivateTorNetwork(workDir.toAbsolutePath(), votingInterval);
        String stage = "creating keys";
        boolean ready = false;
        HttpServer http = null;
        OnionServiceTor probe = null;
        try {
            List<NodeKeys> keys = net.createKeys(tor, gencert, authorities, relays);
            long keysDone = System.nanoTime();
            Files.writeString(net.emptyGeoIp(), "");

            stage = "starting the nodes";
            // Picked only now, right before tor binds them, to keep the window for a clash short.
            int[] ports = freePorts(2 * authorities + relays);
            net.writeDirAuthorityLines(keys, authorities, ports);
            net.clientTorrcFile = net.workDir.resolve("client-torrc");
            Files.write(net.clientTorrcFile, net.clientTorrcLines(), StandardCharsets.UTF_8);
            net.startNodes(tor, authorities, relays, ports, votingOffset(votingInterval));

            stage = "starting the probe tor";
            // Started now but kept offline (DisableNetwork) until the network is complete, so that
            // its own startup overlaps with the wait for the consensus.
            http = probeHttpServer();
            List<String> probeLines = new ArrayList<>(net.clientTorrcLines());
            probeLines.addAll(net.noGeoIpLines());
            probe = OnionServiceTor.start("probe", tor, net.workDir.resolve("probe"), probeLines,
                    http.getAddress().getPort());
            net.nodes.add(probe.process());

            stage = "waiting for a consensus that lists every node";
            net.awaitFullConsensus(authorities, relays, deadline);
            long consensusDone = System.nanoTime();

            stage = "publishing and reaching the probe's onion service";
            probe.enableNetwork();
            probe.awaitDescriptorUploaded(remaining(deadline));
            probe.getUntilOk("/", remaining(deadline));
            long end = System.nanoTime();
            net.startupTime = Duration.ofNanos(end - t0);
            net.startupReport = String.format(
                    "keys %.1f s, full consensus everywhere %.1f s, onion reachable %.1f s",
                    (keysDone - t0) / 1e9, (consensusDone - keysDone) / 1e9, (end - consensusDone) / 1e9);
            ready = true;
            return net;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Private Tor network in " + workDir + " failed while " + stage
                    + " after " + Duration.ofNanos(System.nanoTime() - t0).toSeconds() + " s: " + e.getMessage()
                    + "\nNode logs:\n" + net.logTails(), e);
        } finally {
            if (probe != null) {
                probe.close();
                net.nodes.remove(probe.process());
            }
            if (http != null) {
                http.stop(0);
            }
            if (!ready) {
                net.close();
            }
        }
    }

    /**
     * What a client or onion-service tor (including the bundled client-only 0.4.7.13) needs to
     * join: no DataDirectory, ports, services or ownership lines.
     */
    public List<String> clientTorrcLines() {
        List<String> lines = new ArrayList<>();
        lines.add("TestingTorNetwork 1");
        lines.addAll(dirAuthorityLines);
        lines.add("PathsNeededToBuildCircuits 0.67");
        return lines;
    }

    /** {@link #clientTorrcLines()} in a file in the work dir. */
    public Path clientTorrcFile() {
        return clientTorrcFile;
    }

    /** Time from the call to {@link #start} until the probe's onion request succeeded. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Where the startup time went, e.g. "keys 1.3 s, full consensus 25.0 s, onion reachable 4.0 s". */
    public String startupReport() {
        return startupReport;
    }

    public Path workDir() {
        return workDir;
    }

    public List<TorProcess> nodes() {
        return List.copyOf(nodes);
    }

    /** The last lines of every node's log, for failure messages. */
    public String logTails() {
        StringBuilder sb = new StringBuilder();
        for (TorProcess node : nodes) {
            sb.append(node.logTail(15));
        }
        return sb.toString();
    }

    @Override
    public void close() {
        stopNodes();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run: nothing to remove.
        }
    }

    private void stopNodes() {
        TorProcess.stopAll(nodes);
    }

    /** A node's RSA identity fingerprint, and for an authority its v3 identity (certificate fingerprint). */
    private record NodeKeys(String rsaFingerprint, String v3Identity) {}

    /**
     * Authority certificates (tor-gencert) and every node's identity keys (tor --list-fingerprint),
     * all at once. No ports yet: --list-fingerprint binds nothing.
     */
    private List<NodeKeys> createKeys(Path tor, Path gencert, int authorities, int relays)
            throws IOException, InterruptedException {
        List<Process> tools = new ArrayList<>();
        for (int i = 0; i < authorities + relays; i++) {
            Path dir = TorProcess.createPrivateDir(workDir.resolve(nick(i, authorities)));
            Path keys = TorProcess.createPrivateDir(dir.resolve("keys"));
            if (i < authorities) {
                tools.add(run(dir.resolve("gencert.log"), gencert.toString(),
                        "--create-identity-key", "--passphrase-fd", "0",
                        "-i", keys.resolve("authority_identity_key").toString(),
                        "-s", keys.resolve("authority_signing_key").toString(),
                        "-c", keys.resolve("authority_certificate").toString(),
                        "-m", "12"));
            }
            Path empty = dir.resolve("torrc-defaults");
            Files.writeString(empty, "");
            tools.add(run(dir.resolve("fingerprint.log"), tor.toString(), "--list-fingerprint",
                    "--ignore-missing-torrc", "-f", dir.resolve("no-torrc").toString(),
                    "--defaults-torrc", empty.toString(), "--DataDirectory", dir.toString(),
                    "--ORPort", "auto", "--Address", "127.0.0.1"));
        }
        awaitAll(tools, "tor-gencert / tor --list-fingerprint");
        List<NodeKeys> result = new ArrayList<>();
        for (int i = 0; i < authorities + relays; i++) {
            Path dir = workDir.resolve(nick(i, authorities));
            String rsa = Files.readString(dir.resolve("fingerprint")).trim().split("\\s+", 2)[1].replace(" ", "");
            String v3 = null;
            if (i < authorities) {
                v3 = Files.readAllLines(dir.resolve("keys/authority_certificate")).stream()
                        .filter(l -> l.startsWith("fingerprint "))
                        .map(l -> l.substring("fingerprint ".length()).trim())
                        .findFirst()
                        .orElseThrow(() -> new IOException("No fingerprint in " + dir + "/keys/authority_certificate"));
            }
            result.add(new NodeKeys(rsa, v3));
        }
        writeBandwidthFile(result.stream().map(NodeKeys::rsaFingerprint).toList());
        return result;
    }

    private void writeDirAuthorityLines(List<NodeKeys> keys, int authorities, int[] ports) {
        for (int i = 0; i < authorities; i++) {
            dirAuthorityLines.add("DirAuthority auth" + i + " orport=" + ports[2 * i] + " no-v2 v3ident="
                    + keys.get(i).v3Identity() + " 127.0.0.1:" + ports[2 * i + 1] + " " + keys.get(i).rsaFingerprint());
        }
    }

    /**
     * Fresh relays report next to no bandwidth and the first consensuses weight one or two nodes
     * far above the rest. Tor then picks the same node as guard and last hop of an onion-service
     * circuit (tor does not keep those apart there) again and again, and the middle relay refuses
     * to extend back: 20 s of failed circuits. Equal measured bandwidths make paths random.
     */
    private void writeBandwidthFile(List<String> fingerprints) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(Long.toString(System.currentTimeMillis() / 1000));
        for (String fingerprint : fingerprints) {
            lines.add("node_id=$" + fingerprint + " bw=1000");
        }
        Files.write(bandwidthFile(), lines, StandardCharsets.UTF_8);
    }

    private Path bandwidthFile() {
        return workDir.resolve("bandwidth-file");
    }

    private static String nick(int index, int authorities) {
        return index < authorities ? "auth" + index : "relay" + (index - authorities);
    }

    private void startNodes(Path tor, int authorities, int relays, int[] ports, int votingOffset)
            throws IOException {
        String recommended = String.join(",", recommendedVersions(tor));
        for (int i = 0; i < authorities; i++) {
            List<String> lines = nodeLines("auth" + i, ports[2 * i]);
            lines.add("DirPort 127.0.0.1:" + ports[2 * i + 1]);
            lines.add("AuthoritativeDirectory 1");
            lines.add("V3AuthoritativeDirectory 1");
            lines.add("TestingV3AuthInitialVotingInterval " + votingInterval);
            lines.add("TestingV3AuthInitialVoteDelay " + VOTE_DELAY);
            lines.add("TestingV3AuthInitialDistDelay " + DIST_DELAY);
            lines.add("V3AuthVotingInterval " + votingInterval);
            lines.add("V3AuthVoteDelay " + VOTE_DELAY);
            lines.add("V3AuthDistDelay " + DIST_DELAY);
            lines.add("TestingV3AuthVotingStartOffset " + votingOffset);
            // Onion-service circuits want a Stable last hop and fresh relays are not Stable (uptime
            // below the median): the fewer candidates, the more often the guard-equals-last-hop
            // dead end described at writeBandwidthFile. Every relay Stable widens the choice.
            lines.add("AuthDirVoteStableGuaranteeMinUptime 0");
            lines.add("V3BandwidthsFile " + bandwidthFile());
            // As the real network's authorities do: every tor learns from the consensus whether its version is
            // recommended (GETINFO status/version/current), and a tor of a retired series hears "obsolete".
            lines.add("VersioningAuthoritativeDirectory 1");
            lines.add("RecommendedClientVersions " + recommended);
            lines.add("RecommendedServerVersions " + recommended);
            nodes.add(TorProcess.start("auth" + i, tor, workDir.resolve("auth" + i), lines));
        }
        for (int i = 0; i < relays; i++) {
            String nick = "relay" + i;
            nodes.add(TorProcess.start(nick, tor, workDir.resolve(nick), nodeLines(nick, ports[2 * authorities + i])));
        }
    }

    /**
     * The versions this network recommends: the supported 0.4.9 series from its first stable release (0.4.9.5)
     * to the security release of September 2026 (0.4.9.12), as the real consensus lists them, plus the relays'
     * own version if it is newer (Debian keeps tor current in stable).
     */
    public static List<String> recommendedVersions(Path tor) {
        List<String> versions = new ArrayList<>();
        for (int patch = 5; patch <= 12; patch++) {
            versions.add("0.4.9." + patch);
        }
        String own = torVersion(tor);
        if (own != null && !versions.contains(own)) {
            versions.add(own);
        }
        return versions;
    }

    private static String torVersion(Path tor) {
        try {
            return io.onionpanel.tor.TorBinary.probe(tor, io.onionpanel.tor.TorOrigin.SYSTEM).version();
        } catch (io.onionpanel.tor.TorException e) {
            return null; // the list without it; the network start reports a tor that does not run
        }
    }

    private List<String> nodeLines(String nick, int orPort) {
        List<String> lines = new ArrayList<>();
        lines.add("TestingTorNetwork 1");
        lines.add("Nickname " + nick);
        lines.add("ContactInfo " + nick + "@onion-panel.test");
        lines.add("Address 127.0.0.1");
        lines.add("ORPort 127.0.0.1:" + orPort);
        lines.add("SocksPort 0");
        lines.add("ExitRelay 0");
        // Publish at once: a relay's own reachability test would need a consensus that lists it.
        lines.add("AssumeReachable 1");
        lines.add("ShutdownWaitLength 0");
        lines.add("SafeLogging 0");
        lines.add("LogTimeGranularity 1");
        lines.add("PathsNeededToBuildCircuits 0.67");
        lines.add("TestingDirAuthVoteExit *");
        lines.add("TestingDirAuthVoteHSDir *");
        lines.add("TestingDirAuthVoteGuard *");
        lines.add("TestingMinExitFlagThreshold 0");
        lines.add("V3AuthNIntervalsValid 2");
        lines.addAll(noGeoIpLines());
        lines.addAll(dirAuthorityLines);
        return lines;
    }

    /** Parsing tor's GeoIP files costs about a CPU second per tor: too much for 9 tors on 2 cores. */
    private List<String> noGeoIpLines() {
        return List.of("GeoIPFile " + emptyGeoIp(), "GeoIPv6File " + emptyGeoIp());
    }

    private Path emptyGeoIp() {
        return workDir.resolve("geoip-empty");
    }

    private static HttpServer probeHttpServer() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        http.createContext("/", exchange -> {
            byte[] body = "onion-panel private network probe".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        return http;
    }

    /**
     * Authorities vote at fixed wall-clock times: every VOTING_INTERVAL seconds, shifted by
     * TestingV3AuthVotingStartOffset, VOTE_DELAY + DIST_DELAY before each consensus. Started just
     * after a vote time they vote at once, with only some relays known, and the relays keep that
     * partial consensus for a while; started just before one, the relays have not uploaded yet.
     * So shift the schedule to put a vote START_LEAD seconds from now instead of waiting for one.
     */
    private static int votingOffset(int votingInterval) {
        long firstVote = Math.floorDiv(System.currentTimeMillis() + 999, 1000) + START_LEAD;
        return Math.floorMod(firstVote + VOTE_DELAY + DIST_DELAY, votingInterval);
    }

    /**
     * Every node, not just one authority: authorities publish a new consensus up to a second apart,
     * and relays are the directory caches a client asks for microdescriptors. A client that
     * bootstraps while a relay still has an older consensus gets a smaller network or misses
     * microdescriptors and backs off for about ten seconds.
     */
    private void awaitFullConsensus(int authorities, int relays, long deadline)
            throws IOException, InterruptedException {
        int nodeCount = authorities + relays;
        List<TorProcess> network = nodes.stream().filter(n -> !n.name().equals("probe")).toList();
        boolean nudged = false;
        while (true) {
            List<TorProcess> behind = new ArrayList<>();
            for (TorProcess node : network) {
                if (!node.isAlive()) {
                    String why = node.lastProblem();
                    if (node.logsContain("Address already in use")) {
                        throw new PortTakenException(node.name() + " exited: " + why);
                    }
                    throw new IOException(node.name() + " exited: " + why);
                }
                if (countReadyNodes(consensusFile(node)) < nodeCount) {
                    behind.add(node);
                }
            }
            if (behind.isEmpty()) {
                return;
            }
            if (!nudged && behind.stream().noneMatch(n -> n.name().startsWith("auth"))) {
                // A relay without any consensus has been polling the authorities (404) with
                // exponential backoff; SIGHUP resets its download schedule so it asks again now.
                for (TorProcess relay : behind) {
                    if (!Files.exists(consensusFile(relay))) {
                        sighup(relay);
                    }
                }
                nudged = true;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("no consensus listing all " + nodeCount + " nodes as running HSDirs on "
                        + behind.stream().map(TorProcess::name).toList() + " (auth0's lists "
                        + countReadyNodes(consensusFile(network.get(0))) + ")");
            }
            Thread.sleep(100);
        }
    }

    /** A port picked for a node was taken by someone else before tor could bind it. */
    private static final class PortTakenException extends IOException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String message) {
            super(message);
        }
    }

    private static Path consensusFile(TorProcess node) {
        return node.dir().resolve("cached-microdesc-consensus");
    }

    /** Only a speed-up: without it the relay still fetches the consensus, just later. */
    private static void sighup(TorProcess node) throws InterruptedException {
        try {
            Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(node.process().pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException ignored) {
            // No kill(1) here: wait for the relay's own retry.
        }
    }

    private static int countReadyNodes(Path consensus) {
        try {
            if (!Files.exists(consensus)) {
                return 0;
            }
            int n = 0;
            for (String line : Files.readAllLines(consensus, StandardCharsets.UTF_8)) {
                if (line.startsWith("s ") && line.contains(" Running") && line.contains(" HSDir")
                        && line.contains(" Valid")) {
                    n++;
                }
            }
            return n;
        } catch (IOException e) {
            return 0; // Being rewritten right now: look again shortly.
        }
    }

    private static Process run(Path log, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))); // empty passphrase
        return pb.start();
    }

    private static void awaitAll(List<Process> processes, String what) throws IOException, InterruptedException {
        for (Process p : processes) {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                processes.forEach(Process::destroyForcibly);
                throw new IOException(what + " did not finish within 60 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException(what + " failed with exit code " + p.exitValue() + " (see its log in the work dir)");
            }
        }
    }

    private static int[] freePorts(int n) throws IOException {
        // Hold all sockets open together so that no port is handed out twice.
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Starts a network for manual use or benchmarks and keeps it until the process is killed.
     * Arguments: [workDir] [authorities] [relays].
     */
    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/private-tor-net");
        int authorities = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_AUTHORITIES;
        int relays = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_RELAYS;
        int interval = args.length > 3 ? Integer.parseInt(args[3]) : VOTING_INTERVAL;
        PrivateTorNetwork net = start(dir, authorities, relays, DEFAULT_READY_TIMEOUT, interval);
        System.out.println("Client torrc: " + net.clientTorrcFile());
        System.out.println("Startup time: " + net.startupTime().toMillis() + " ms (" + net.startupReport() + ")");
        System.out.flush();
        Thread.currentThread().join();
    }
}
