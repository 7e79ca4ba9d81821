package io.onionpanel.engine;

import io.onionpanel.tor.TorControl;
import io.onionpanel.tor.TorEvent;
import io.onionpanel.tor.TorHandle;
import io.onionpanel.tor.Torrc;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A scripted tor for the engine's logic: it bootstraps at once (or when told), records every service
 * configuration the engine gives it, refuses the folders it is told to refuse as tor refuses a SETCONF, and
 * dies when told. Its control connection answers GETINFO from a table and anything else with 250 OK. It has no
 * SOCKS port, so the engine's reachability check never runs. Not a stand-in for the private-network tests.
 */
final class FakeTor implements TorHandle {
    /** Every list of services the engine asked for, in order, whether taken or refused. */
    final List<List<Path>> asked = new CopyOnWriteArrayList<>();
    /** The services tor runs now: the last configuration it took. */
    volatile List<Torrc.Service> running = List.of();
    final Set<Path> refuse = ConcurrentHashMap.newKeySet();
    final String torrc;
    private final Consumer<TorEvent> events;
    private final CompletableFuture<Void> exit = new CompletableFuture<>();
    private final TorControl control;
    private final PipedOutputStream toEngine;
    private volatile boolean bootstrapped;
    private volatile boolean open = true;

    FakeTor(String torrc, Consumer<TorEvent> events, boolean bootstrapped, Set<Path> refuse) throws IOException {
        this.torrc = torrc;
        this.events = events;
        this.bootstrapped = bootstrapped;
        this.refuse.addAll(refuse);
        PipedInputStream engineReads = new PipedInputStream(1 << 16);
        toEngine = new PipedOutputStream(engineReads);
        PipedInputStream torReads = new PipedInputStream(1 << 16);
        PipedOutputStream engineWrites = new PipedOutputStream(torReads);
        control = TorControl.overStreams(engineReads, engineWrites, () -> open = false, () -> open, e -> { }, () -> { });
        Thread answers = new Thread(() -> answer(torReads), "fake-tor-control");
        answers.setDaemon(true);
        answers.start();
    }

    /** GETINFO from the table (version questions answered as a current tor's), anything else 250 OK. */
    private void answer(PipedInputStream in) {
        Map<String, String> info = Map.of("status/version/current", "recommended",
                "status/version/recommended", "0.4.9.5", "circuit-status", "");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String reply = "250 OK\r\n";
                if (line.startsWith("GETINFO ")) {
                    String key = line.substring("GETINFO ".length()).strip();
                    reply = "250-" + key + "=" + info.getOrDefault(key, "") + "\r\n" + reply;
                }
                toEngine.write(reply.getBytes(StandardCharsets.US_ASCII));
                toEngine.flush();
            }
        } catch (IOException e) {
            // The engine closed the connection.
        }
    }

    /** Sends the engine an event as tor's control reader would. */
    void emit(TorEvent event) {
        events.accept(event);
    }

    void finishBootstrap() {
        bootstrapped = true;
        emit(new TorEvent.Bootstrap(100, "done", "Done", null));
    }

    /** tor's descriptor of the service in this folder reached an HSDir. */
    void uploaded(Path serviceDir) throws IOException {
        String onion = io.onionpanel.onion.OnionAddress.readHostname(serviceDir).orElseThrow();
        String bare = onion.substring(0, onion.length() - ".onion".length());
        emit(new TorEvent.HsDesc("UPLOAD", bare, "$HSDIR1", null));
        emit(new TorEvent.HsDesc("UPLOADED", bare, "$HSDIR1", null));
    }

    /** The process ends on its own, as a crash would. */
    void die() {
        open = false;
        exit.complete(null);
    }

    boolean stopped() {
        return exit.isDone();
    }

    @Override
    public long pid() {
        return 4242;
    }

    @Override
    public CompletableFuture<?> onExit() {
        return exit;
    }

    @Override
    public TorControl control() {
        return control;
    }

    @Override
    public String controlEndpoint() {
        return "127.0.0.1:9051";
    }

    @Override
    public InetSocketAddress socksAddress() throws IOException {
        throw new IOException("the fake tor has no SOCKS port");
    }

    @Override
    public TorEvent.Bootstrap bootstrapPhase() {
        return bootstrapped ? new TorEvent.Bootstrap(100, "done", "Done", null)
                : new TorEvent.Bootstrap(5, "conn", "Connecting to a relay", null);
    }

    @Override
    public void applyServices(List<Torrc.Service> services) throws IOException {
        asked.add(services.stream().map(Torrc.Service::dir).toList());
        for (Torrc.Service s : services) {
            if (refuse.contains(s.dir())) {
                // What tor logs and replies when a SETCONF does not validate.
                emit(new TorEvent.Log("WARN", "Unparseable address in hidden service port configuration."));
                emit(new TorEvent.Log("WARN", "Controller gave us config lines that didn't validate: failed to"
                        + " configure the service"));
                throw new IOException("Error reply: 552 Invalid config file: see logs for details");
            }
        }
        running = List.copyOf(services);
    }

    /** The folders of the services tor runs now. */
    List<Path> runningDirs() {
        return running.stream().map(Torrc.Service::dir).toList();
    }

    @Override
    public String exitDescription() {
        return "tor exited with code 1";
    }

    @Override
    public void stop(Duration grace) {
        open = false;
        exit.complete(null);
    }
}
