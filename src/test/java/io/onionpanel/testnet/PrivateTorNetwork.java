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

    /** Seconds per consensus. Too short and a slow vote on 2 busy cores makes the consensus expire. */
    private static final int VOTING_INTERVAL = Integer.getInteger("testnet.vi", 20);
    private static final int VOTE_DELAY = Integer.getInteger("testnet.vd", 4);
    private static final int DIST_DELAY = Integer.getInteger("testnet.vd", 4);

    private static PrivateTorNetwork shared;
    private static RuntimeException sharedFailure;

    private final Path workDir;
    private final List<TorProcess> nodes = new CopyOnWriteArrayList<>();
    private final List<String> dirAuthorityLines = new ArrayList<>();
    private final Thread shutdownHook;
    private volatile boolean closed;
    private Duration startupTime;
    private String startupReport = "";
    private Path clientTorrcFile;

    private PrivateTorNetwork(Path workDir) {
        this.workDir = workDir;
        this.shutdownHook = new Thread(this::stopNodes, "private-tor-network-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * The network every test shares: started on first use (3 authorities, 5 relays) and stopped by
     * a shutdown hook. A failed start is remembered so that later tests fail fast instead of
     * waiting the full timeout again.
     */
    public static synchronized PrivateTorNetwork shared() {
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
        if (authorities < 1 || relays < 0) {
            throw new IllegalArgumentException("need at least one authority and no negative relay count");
        }
        long t0 = System.nanoTime();
        long deadline = t0 + readyTimeout.toNanos();
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
        PrivateTorNetwork net = new PrivateTorNetwork(workDir.toAbsolutePath());
        String stage = "creating authority keys";
        boolean ready = false;
        try {
            int[] ports = freePorts(2 * authorities + relays);
            net.createAuthorities(tor, gencert, authorities, ports);
            long keys = System.nanoTime();
            stage = "starting the nodes";
            net.startNodes(tor, authorities, relays, ports);
            net.clientTorrcFile = net.workDir.resolve("client-torrc");
            Files.write(net.clientTorrcFile, net.clientTorrcLines(), StandardCharsets.UTF_8);
            stage = "probing with an onion service";
            long consensus = net.probe(tor, authorities + relays, deadline);
            long end = System.nanoTime();
            net.startupTime = Duration.ofNanos(end - t0);
            net.startupReport = String.format("keys %.1f s, full consensus %.1f s, onion reachable %.1f s",
                    (keys - t0) / 1e9, (consensus - keys) / 1e9, (end - consensus) / 1e9);
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
        // Default 0.6 waits for more descriptors than a tiny network may have listed yet.
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
        closed = true;
        TorProcess.stopAll(nodes);
    }

    private void createAuthorities(Path tor, Path gencert, int authorities, int[] ports)
            throws IOException, InterruptedException {
        // RSA key generation dominates here: run every authority's tools at once.
        List<Process> gencerts = new ArrayList<>();
        for (int i = 0; i < authorities; i++) {
            Path dir = TorProcess.createPrivateDir(workDir.resolve("auth" + i));
            Path keys = TorProcess.createPrivateDir(dir.resolve("keys"));
            gencerts.add(run(dir.resolve("gencert.log"), gencert.toString(),
                    "--create-identity-key", "--passphrase-fd", "0",
                    "-i", keys.resolve("authority_identity_key").toString(),
                    "-s", keys.resolve("authority_signing_key").toString(),
                    "-c", keys.resolve("authority_certificate").toString(),
                    "-m", "12", "-a", "127.0.0.1:" + ports[2 * i + 1]));
        }
        awaitAll(gencerts, "tor-gencert");
        List<Process> fingerprints = new ArrayList<>();
        for (int i = 0; i < authorities; i++) {
            Path dir = workDir.resolve("auth" + i);
            Path empty = dir.resolve("torrc-defaults");
            Files.writeString(empty, "");
            fingerprints.add(run(dir.resolve("fingerprint.log"), tor.toString(), "--list-fingerprint",
                    "--ignore-missing-torrc", "-f", dir.resolve("no-torrc").toString(),
                    "--defaults-torrc", empty.toString(), "--DataDirectory", dir.toString(),
                    "--ORPort", "127.0.0.1:" + ports[2 * i], "--Address", "127.0.0.1",
                    "--Log", "err stderr"));
        }
        awaitAll(fingerprints, "tor --list-fingerprint");
        for (int i = 0; i < authorities; i++) {
            Path dir = workDir.resolve("auth" + i);
            String rsa = Files.readString(dir.resolve("fingerprint")).trim().split("\\s+", 2)[1].replace(" ", "");
            String v3 = Files.readAllLines(dir.resolve("keys/authority_certificate")).stream()
                    .filter(l -> l.startsWith("fingerprint "))
                    .map(l -> l.substring("fingerprint ".length()).trim())
                    .findFirst()
                    .orElseThrow(() -> new IOException("No fingerprint in " + dir + "/keys/authority_certificate"));
            dirAuthorityLines.add("DirAuthority auth" + i + " orport=" + ports[2 * i] + " no-v2 v3ident=" + v3
                    + " 127.0.0.1:" + ports[2 * i + 1] + " " + rsa);
        }
    }

    private void startNodes(Path tor, int authorities, int relays, int[] ports) throws IOException {
        for (int i = 0; i < authorities; i++) {
            List<String> lines = nodeLines("auth" + i, ports[2 * i]);
            lines.add("DirPort 127.0.0.1:" + ports[2 * i + 1]);
            lines.add("AuthoritativeDirectory 1");
            lines.add("V3AuthoritativeDirectory 1");
            lines.add("TestingV3AuthInitialVotingInterval " + VOTING_INTERVAL);
            lines.add("TestingV3AuthInitialVoteDelay " + VOTE_DELAY);
            lines.add("TestingV3AuthInitialDistDelay " + DIST_DELAY);
            lines.add("V3AuthVotingInterval " + VOTING_INTERVAL);
            lines.add("V3AuthVoteDelay " + VOTE_DELAY);
            lines.add("V3AuthDistDelay " + DIST_DELAY);
            lines.add("TestingV3AuthVotingStartOffset 0");
            nodes.add(TorProcess.start("auth" + i, tor, workDir.resolve("auth" + i), lines));
        }
        for (int i = 0; i < relays; i++) {
            String nick = "relay" + i;
            nodes.add(TorProcess.start(nick, tor, workDir.resolve(nick), nodeLines(nick, ports[2 * authorities + i])));
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
        lines.addAll(dirAuthorityLines);
        return lines;
    }

    /**
     * Publishes an onion service from a fresh tor and fetches a page from it. The probe joins only
     * once an authority's consensus lists every node as a running HSDir: with an earlier, smaller
     * consensus the service and later clients would disagree about which HSDirs hold descriptors.
     */
    private long probe(Path tor, int nodeCount, long deadline) throws IOException, InterruptedException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        http.createContext("/", exchange -> {
            byte[] body = "onion-panel private network probe".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        try (OnionServiceTor probe = OnionServiceTor.start("probe", tor, workDir.resolve("probe"),
                clientTorrcLines(), http.getAddress().getPort())) {
            nodes.add(probe.process());
            awaitFullConsensus(nodeCount, deadline);
            long consensusAt = System.nanoTime();
            probe.enableNetwork();
            probe.awaitDescriptorUploaded(remaining(deadline));
            probe.getUntilOk("/", remaining(deadline));
            nodes.remove(probe.process());
            return consensusAt;
        } finally {
            http.stop(0);
        }
    }

    /**
     * Every node, not just one authority: authorities publish a new consensus up to a second apart,
     * and relays (the directory caches clients ask for microdescriptors) fetch it only seconds
     * later. A client bootstrapping in between gets an older, smaller consensus or misses
     * microdescriptors and backs off for about ten seconds.
     */
    private void awaitFullConsensus(int nodeCount, long deadline) throws IOException, InterruptedException {
        List<TorProcess> network = List.copyOf(nodes.subList(0, nodeCount));
        while (true) {
            int behind = 0;
            for (TorProcess node : network) {
                if (!node.isAlive()) {
                    throw new IOException(node.name() + " exited");
                }
                if (countReadyNodes(node.dir().resolve("cached-microdesc-consensus")) < nodeCount) {
                    behind++;
                }
            }
            if (behind == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("no consensus listing all " + nodeCount + " nodes as running HSDirs on "
                        + behind + " of the nodes (auth0's lists " + countReadyNodes(
                        network.get(0).dir().resolve("cached-microdesc-consensus")) + ")");
            }
            Thread.sleep(100);
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
        PrivateTorNetwork net = start(dir, authorities, relays, DEFAULT_READY_TIMEOUT);
        System.out.println("Client torrc: " + net.clientTorrcFile());
        System.out.println("Startup time: " + net.startupTime().toMillis() + " ms (" + net.startupReport() + ")");
        System.out.flush();
        Thread.currentThread().join();
    }
}
