package io.onionpanel.testnet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tor (system or bundled) that joins a {@link PrivateTorNetwork}, publishes one onion service
 * ({@code HiddenServicePort 80 -> 127.0.0.1:targetPort}) and offers a SOCKS port to reach it.
 *
 * <p>It starts with {@code DisableNetwork 1} so that the HS_DESC subscription is in place before
 * tor can upload anything: no upload event can be missed.
 */
public final class OnionServiceTor implements AutoCloseable {

    private final TorProcess tor;
    private final TorControl control;
    private final String onion;
    /** Uploads in flight per HSDir; one HSDir may get two (current and next time period). */
    private final Map<String, Integer> uploadsPending = new HashMap<>();
    private int uploaded;
    private int socksPort;

    private OnionServiceTor(TorProcess tor, TorControl control, String onion) {
        this.tor = tor;
        this.control = control;
        this.onion = onion;
    }

    /** Starts tor with networking off; call {@link #enableNetwork()} to let it bootstrap. */
    public static OnionServiceTor start(String name, Path torBinary, Path dir, List<String> networkLines, int targetPort)
            throws IOException, InterruptedException {
        TorProcess.createPrivateDir(dir);
        Path hsDir = TorProcess.createPrivateDir(dir.resolve("hs"));
        Path portFile = dir.resolve("control.port");
        Files.deleteIfExists(portFile);
        Files.deleteIfExists(dir.resolve("control_auth_cookie"));
        List<String> lines = new ArrayList<>(networkLines);
        lines.add("DisableNetwork 1");
        lines.add("SocksPort 127.0.0.1:auto ExtendedErrors");
        lines.add("ControlPort 127.0.0.1:auto");
        lines.add("ControlPortWriteToFile " + portFile.toAbsolutePath());
        lines.add("CookieAuthentication 1");
        lines.add("SafeLogging 0");
        lines.add("LogTimeGranularity 1");
        lines.add("HiddenServiceDir " + hsDir.toAbsolutePath());
        lines.add("HiddenServicePort 80 127.0.0.1:" + targetPort);
        TorProcess tor = TorProcess.start(name, torBinary, dir, lines);
        TorControl control = null;
        try {
            control = TorControl.connect(portFile, dir.resolve("control_auth_cookie"), tor, Duration.ofSeconds(30));
            // tor exits when this connection closes: another guard against orphans.
            control.command("TAKEOWNERSHIP");
            control.command("SETEVENTS HS_DESC");
            Path hostname = hsDir.resolve("hostname");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!Files.exists(hostname) || Files.size(hostname) < 62) {
                if (System.nanoTime() > deadline || !tor.isAlive()) {
                    throw new IOException("tor wrote no onion hostname\n" + tor.logTail(30));
                }
                Thread.sleep(50);
            }
            return new OnionServiceTor(tor, control, Files.readString(hostname).trim());
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (control != null) {
                control.close();
            }
            tor.stop();
            throw e;
        }
    }

    /** Sends a raw control-port command (e.g. "SIGNAL NEWNYM") and returns the reply lines. */
    public List<String> controlCommand(String command) throws IOException {
        return control.command(command);
    }

    public void enableNetwork() throws IOException {
        control.command("SETCONF DisableNetwork=0");
    }

    /** The service's address, {@code <56 chars>.onion}. */
    public String onionAddress() {
        return onion;
    }

    public TorProcess process() {
        return tor;
    }

    /** The SOCKS port (tor picks it; it is known only once the network is enabled). */
    public synchronized int socksPort() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (socksPort == 0) {
            // Quoted list such as "127.0.0.1:41234"; empty while DisableNetwork is 1.
            String value = control.getInfo("net/listeners/socks").replace("\"", "").trim();
            if (!value.isEmpty()) {
                String first = value.split("\\s+")[0];
                socksPort = Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
            } else if (System.nanoTime() > deadline) {
                throw new IOException("tor opened no SOCKS listener (is DisableNetwork still 1?)");
            } else {
                Thread.sleep(50);
            }
        }
        return socksPort;
    }

    /**
     * Waits until at least one HSDir has accepted the descriptor and no upload is still in flight,
     * so that a client does not hit an HSDir that is about to get it (tor does not re-ask an HSDir
     * that said "not found" for several minutes).
     */
    public void awaitDescriptorUploaded(Duration timeout) throws IOException, InterruptedException {
        String id = onion.substring(0, onion.length() - ".onion".length());
        long deadline = System.nanoTime() + timeout.toNanos();
        long settleDeadline = Long.MAX_VALUE;
        while (true) {
            long now = System.nanoTime();
            if (uploaded > 0 && (uploadsPending.isEmpty() || now > settleDeadline)) {
                return;
            }
            if (now > deadline) {
                throw new IOException("Onion service " + onion + " descriptor not uploaded within " + timeout
                        + " (" + uploaded + " HSDirs accepted it, " + uploadsPending.size() + " pending)\n"
                        + tor.logTail(40));
            }
            if (!tor.isAlive()) {
                throw new IOException("tor exited while publishing " + onion + "\n" + tor.logTail(40));
            }
            String event = control.nextEvent(Duration.ofMillis(Math.min(500, (deadline - now) / 1_000_000 + 1)));
            if (event == null) {
                continue;
            }
            // HS_DESC <action> <address> <authtype> <hsdir> [<descid>] ...
            String[] f = event.split(" ");
            if (f.length < 5 || !f[0].equals("HS_DESC") || !f[2].equals(id)) {
                continue;
            }
            String key = f[4];
            switch (f[1]) {
                case "UPLOAD" -> uploadsPending.merge(key, 1, Integer::sum);
                case "UPLOADED" -> {
                    uploadsPending.computeIfPresent(key, (k, n) -> n > 1 ? n - 1 : null);
                    if (uploaded++ == 0) {
                        // The other uploads normally finish within a second; don't wait forever on one.
                        settleDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                    }
                }
                case "FAILED" -> uploadsPending.computeIfPresent(key, (k, n) -> n > 1 ? n - 1 : null);
                default -> { }
            }
        }
    }

    /**
     * GETs {@code http://<onion><path>} through this tor's SOCKS port until the answer is 200,
     * retrying every couple of seconds; the last failure is in the exception.
     */
    public Socks5Http.HttpResult getUntilOk(String path, Duration timeout) throws IOException, InterruptedException {
        int port = socksPort();
        long deadline = System.nanoTime() + timeout.toNanos();
        String url = "http://" + onion + path;
        String last = "no attempt";
        int attempts = 0;
        while (System.nanoTime() < deadline) {
            long attemptStart = System.nanoTime();
            attempts++;
            try {
                Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - attemptStart));
                Socks5Http.HttpResult r = Socks5Http.get("127.0.0.1", port, url,
                        left.compareTo(Duration.ofSeconds(60)) < 0 ? left : Duration.ofSeconds(60));
                if (r.status() == 200) {
                    return r;
                }
                last = "HTTP " + r.status() + ": " + r.body();
            } catch (Socks5Http.SocksException e) {
                last = e.getMessage();
                if (e.isOnionServiceError()) {
                    // tor remembers failed HSDir fetches and intro points for minutes; NEWNYM
                    // forgets them so the next attempt starts afresh.
                    control.command("SIGNAL NEWNYM");
                }
            } catch (IOException e) {
                last = e.getMessage();
            }
            long pause = Duration.ofSeconds(2).toNanos() - (System.nanoTime() - attemptStart);
            if (pause > 0) {
                Thread.sleep(pause / 1_000_000);
            }
        }
        throw new IOException("GET " + url + " did not return 200 within " + timeout + " (" + attempts
                + " attempts); last: " + last);
    }

    @Override
    public void close() {
        control.close();
        tor.stop();
    }
}
