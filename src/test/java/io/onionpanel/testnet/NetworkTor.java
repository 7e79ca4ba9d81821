package io.onionpanel.testnet;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A separately started system tor that joins the private network with a SOCKS port and a cookie-authenticated
 * control port: a client for single-onion services, and "an existing tor" for the panel to attach to. It can be
 * restarted on the same folder (same cookie file, new cookie) to drill the panel's reconnection.
 */
public final class NetworkTor implements AutoCloseable {
    private static final Pattern SOCKS_LISTENER = Pattern.compile("Opened Socks listener connection \\(ready\\) on 127\\.0\\.0\\.1:(\\d+)");
    private final String name;
    private final Path dir;
    private final List<String> lines;
    private TorProcess tor;
    private int socksPort;
    private InetSocketAddress control;

    private NetworkTor(String name, Path dir, List<String> lines) {
        this.name = name;
        this.dir = dir;
        this.lines = lines;
    }

    /**
     * @param controlPort a fixed control port (so a restarted tor is found at the same place), or 0 for "auto"
     * @param extraLines  more torrc lines (e.g. HashedControlPassword)
     */
    public static NetworkTor start(PrivateTorNetwork network, String name, Path dir, int controlPort, List<String> extraLines)
            throws IOException {
        List<String> lines = new ArrayList<>(network.clientTorrcLines());
        lines.add("SocksPort 127.0.0.1:auto ExtendedErrors");
        lines.add("SafeLogging 0");
        lines.add("UseEntryGuards 0");
        lines.add("ControlPort 127.0.0.1:" + (controlPort == 0 ? "auto" : Integer.toString(controlPort)));
        lines.add("ControlPortWriteToFile " + dir.toAbsolutePath().resolve("control.port"));
        lines.add("CookieAuthentication 1");
        lines.addAll(extraLines);
        NetworkTor t = new NetworkTor(name, dir, lines);
        t.launch();
        return t;
    }

    private void launch() throws IOException {
        Files.deleteIfExists(dir.resolve("control.port"));
        Files.deleteIfExists(dir.resolve("tor.log"));
        Path binary = TorNetworkSupport.onPath("tor").orElseThrow();
        tor = TorProcess.start(name, binary, dir, lines);
    }

    /** Waits for 100 % bootstrap and the listeners. */
    public NetworkTor awaitBootstrapped(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path log = dir.resolve("tor.log");
        while (true) {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            Matcher m = SOCKS_LISTENER.matcher(text);
            Path portFile = dir.resolve("control.port");
            if (m.find() && text.contains("Bootstrapped 100%") && Files.exists(portFile)) {
                socksPort = Integer.parseInt(m.group(1));
                String hostPort = Files.readString(portFile).trim().substring("PORT=".length());
                int colon = hostPort.lastIndexOf(':');
                control = new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
                return this;
            }
            if (!tor.isAlive() || System.nanoTime() > deadline) {
                throw new IOException(name + " did not bootstrap\n" + tor.logTail(30));
            }
            Thread.sleep(250);
        }
    }

    /** Stops tor (SIGTERM, then SIGKILL) and starts it again on the same folder and torrc. */
    public void restart() throws IOException {
        tor.stop();
        launch();
    }

    public int socksPort() {
        return socksPort;
    }

    public InetSocketAddress controlAddress() {
        return control;
    }

    public Path cookieFile() {
        return dir.resolve("control_auth_cookie");
    }

    public TorProcess process() {
        return tor;
    }

    /** GET through this tor, retrying (with NEWNYM) until HTTP 200, as a user would. */
    public Socks5Http.HttpResult getUntilOk(String url, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no attempt";
        while (System.nanoTime() < deadline) {
            try {
                Socks5Http.HttpResult r = Socks5Http.get("127.0.0.1", socksPort, url, Duration.ofSeconds(20));
                if (r.status() == 200) {
                    return r;
                }
                last = "HTTP " + r.status();
            } catch (IOException e) {
                last = e.getMessage();
                newnym();
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(name + ": GET " + url + " never returned 200 within " + timeout.toSeconds()
                + " s; last: " + last + "\n" + tor.logTail(20));
    }

    private void newnym() {
        try (var c = io.onionpanel.tor.TorControl.connect(control, Files.readAllBytes(cookieFile()), e -> { }, () -> { })) {
            c.signal("NEWNYM");
        } catch (IOException | RuntimeException ignored) {
            // Only a hint to build new circuits; the next attempt works without it too.
        }
    }

    @Override
    public void close() {
        if (tor != null) {
            tor.close();
        }
    }
}
