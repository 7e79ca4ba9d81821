package io.onionpanel.testnet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * An obfs4 bridge on the private network: Debian's tor with {@code BridgeRelay 1} and Debian's obfs4proxy as its
 * server transport, unpublished (only whoever has its line can use it, as with a real private bridge). Its client
 * line is read from {@code pt_state/obfs4_bridgeline.txt}, with the address and fingerprint filled in.
 */
public final class PrivateBridge implements AutoCloseable {
    public static final Path SERVER_TRANSPORT = Path.of("/usr/bin/obfs4proxy");

    private final TorProcess tor;
    private final int obfs4Port;

    private PrivateBridge(TorProcess tor, int obfs4Port) {
        this.tor = tor;
        this.obfs4Port = obfs4Port;
    }

    /** Starts the bridge and waits until it has the network's consensus and its obfs4 line. */
    public static PrivateBridge start(PrivateTorNetwork network, Path dir, Duration timeout) throws IOException, InterruptedException {
        if (!Files.isExecutable(SERVER_TRANSPORT)) {
            throw new IOException("Debian's obfs4proxy is needed for the bridge: apt-get install obfs4proxy");
        }
        int orPort = freePort();
        int obfs4Port = freePort();
        List<String> lines = new ArrayList<>(network.clientTorrcLines());
        lines.addAll(List.of("Nickname bridge0", "Address 127.0.0.1", "ORPort 127.0.0.1:" + orPort, "SocksPort 0",
                "BridgeRelay 1", "BridgeDistribution none", "PublishServerDescriptor 0", "AssumeReachable 1",
                "ExtORPort auto", "ServerTransportPlugin obfs4 exec " + SERVER_TRANSPORT,
                "ServerTransportListenAddr obfs4 127.0.0.1:" + obfs4Port, "SafeLogging 0", "ShutdownWaitLength 0",
                "TestingDirAuthVoteGuard *"));
        TorProcess tor = TorProcess.start("bridge0", TorNetworkSupport.onPath("tor").orElseThrow(), dir, lines);
        PrivateBridge bridge = new PrivateBridge(tor, obfs4Port);
        long deadline = System.nanoTime() + timeout.toNanos();
        Path log = dir.resolve("tor.log");
        while (true) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (text.contains("Bootstrapped 100%") && Files.exists(dir.resolve("pt_state/obfs4_bridgeline.txt"))
                    && Files.exists(dir.resolve("fingerprint"))) {
                return bridge;
            }
            if (!tor.isAlive() || System.nanoTime() > deadline) {
                bridge.close();
                throw new IOException("The obfs4 bridge did not come up\n" + tor.logTail(30));
            }
            Thread.sleep(250);
        }
    }

    /** The bridge's identity fingerprint (40 hex). */
    public String fingerprint() throws IOException {
        return Files.readString(tor.dir().resolve("fingerprint")).trim().split("\\s+", 2)[1].replace(" ", "");
    }

    /** "obfs4 127.0.0.1:P FINGERPRINT cert=… iat-mode=0": what an operator would be given. */
    public String line() throws IOException {
        String template = Files.readAllLines(tor.dir().resolve("pt_state/obfs4_bridgeline.txt")).stream()
                .map(String::strip).filter(l -> l.startsWith("Bridge obfs4")).findFirst()
                .orElseThrow(() -> new IOException("no Bridge line in obfs4_bridgeline.txt"));
        return template.substring("Bridge ".length()).replace("<IP ADDRESS>", "127.0.0.1").replace("<PORT>", Integer.toString(obfs4Port))
                .replace("<FINGERPRINT>", fingerprint());
    }

    /** The same line with another (valid-looking) certificate: the obfs4 handshake must fail. */
    public String lineWithWrongCert() throws IOException {
        String line = line();
        int at = line.indexOf("cert=") + "cert=".length();
        char c = line.charAt(at + 3);
        return line.substring(0, at + 3) + (c == 'A' ? 'B' : 'A') + line.substring(at + 4);
    }

    public TorProcess process() {
        return tor;
    }

    @Override
    public void close() {
        tor.close();
    }

    /**
     * The first hop (fingerprint without "$" and "~nick") of every circuit with a path, from {@code GETINFO
     * circuit-status} on the tor whose control port and cookie are given.
     */
    public static List<String> circuitFirstHops(String controlHostPort, Path cookie) throws IOException {
        int colon = controlHostPort.lastIndexOf(':');
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(controlHostPort.substring(0, colon), Integer.parseInt(controlHostPort.substring(colon + 1))), 5000);
            s.setSoTimeout(10000);
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            out.write(("AUTHENTICATE " + HexFormat.of().formatHex(Files.readAllBytes(cookie)) + "\r\nGETINFO circuit-status\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            List<String> hops = new ArrayList<>();
            String auth = in.readLine();
            if (auth == null || !auth.startsWith("250 ")) {
                throw new IOException("tor refused the cookie: " + auth);
            }
            String first = in.readLine();
            List<String> circuits = new ArrayList<>();
            if (first != null && first.startsWith("250+circuit-status=")) {
                // A data block: one circuit a line (they begin with the circuit id, which may look like a status code).
                String line;
                while ((line = in.readLine()) != null && !line.equals(".")) {
                    circuits.add(line);
                }
            } else if (first != null && first.startsWith("250-circuit-status=")) {
                String one = first.substring("250-circuit-status=".length());
                if (!one.isBlank()) {
                    circuits.add(one);
                }
            } else {
                throw new IOException("unexpected answer to GETINFO circuit-status: " + first);
            }
            for (String c : circuits) {
                String[] words = c.split(" ");
                if (words.length >= 3 && words[2].startsWith("$")) {
                    hops.add(words[2].split(",")[0].substring(1).split("[~=]")[0]);
                }
            }
            return hops;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
