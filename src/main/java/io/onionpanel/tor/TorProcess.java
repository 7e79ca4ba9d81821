package io.onionpanel.tor;

import io.onionpanel.common.ConnectionSecrets;
import io.onionpanel.common.AtomicFiles;
import io.onionpanel.common.DaemonThreads;
import io.onionpanel.common.FilePermissions;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One run of a tor process: generated torrc, control port and cookie read from files tor writes, cookie
 * authentication, TAKEOWNERSHIP. If the panel dies, tor exits with it (ownership plus
 * __OwningControllerProcess); a restart is a new TorProcess.
 */
public final class TorProcess implements Closeable, TorHandle {
    private static final int OUTPUT_LINES_KEPT = 40;
    /** CIRC_MINOR tells purpose changes (an intro circuit becoming established), which CIRC does not repeat. */
    public static final List<String> EVENTS = List.of("STATUS_CLIENT", "HS_DESC", "NOTICE", "WARN", "ERR", "CIRC", "BW", "CIRC_MINOR");

    private final Process process;
    private final TorControl control;
    private final Deque<String> output;

    private TorProcess(Process process, TorControl control, Deque<String> output) {
        this.process = process;
        this.control = control;
        this.output = output;
    }

    /**
     * Writes the torrc, starts tor and returns once the control connection is authenticated and owns tor.
     * Events start flowing to {@code events} immediately; {@code onControlClosed} runs when the control
     * connection ends.
     */
    public static TorProcess start(TorBinary binary, TorPaths paths, String torrc, Duration startTimeout,
                                   Consumer<TorEvent> events, Runnable onControlClosed) throws TorException {
        Deque<String> output = new ArrayDeque<>();
        Process process;
        try {
            FilePermissions.createPrivateDirectories(paths.root());
            FilePermissions.createPrivateDirectories(paths.dataDirectory());
            // Stale files from an earlier run would point us at a dead port or a wrong cookie.
            Files.deleteIfExists(paths.controlPortFile());
            Files.deleteIfExists(paths.cookie());
            AtomicFiles.writePrivate(paths.torrc(), torrc.getBytes(StandardCharsets.UTF_8));
            process = new ProcessBuilder(binary.path().toString(), "-f", paths.torrc().toString(),
                    "__OwningControllerProcess", Long.toString(ProcessHandle.current().pid()))
                    .directory(paths.root().toFile())
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new TorException("Cannot start tor (" + binary.path() + "): " + e.getMessage(), e);
        }
        drain(process, output);
        try {
            InetSocketAddress controlAddress = awaitControlPort(process, paths, startTimeout, output);
            byte[] cookie = Files.readAllBytes(paths.cookie());
            TorControl control = TorControl.connect(controlAddress, cookie, events, onControlClosed);
            control.takeOwnership();
            control.setEvents(EVENTS);
            return new TorProcess(process, control, output);
        } catch (IOException | TorException e) {
            process.destroyForcibly();
            String detail = e instanceof TorException ? e.getMessage() : "cannot use tor's control port: " + e.getMessage();
            throw new TorException(detail + lastOutputSuffix(output), e);
        }
    }

    private static InetSocketAddress awaitControlPort(Process process, TorPaths paths, Duration timeout,
                                                      Deque<String> output) throws TorException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                waitForDrain(process);
                throw new TorException("tor exited at start (exit code " + process.exitValue() + ")");
            }
            Path portFile = paths.controlPortFile();
            if (Files.exists(portFile) && Files.exists(paths.cookie()) && Files.size(paths.cookie()) == 32) {
                String text = Files.readString(portFile, StandardCharsets.US_ASCII).trim();
                if (text.startsWith("PORT=") && text.contains(":")) {
                    String hostPort = text.substring(5);
                    int colon = hostPort.lastIndexOf(':');
                    return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
                }
            }
            sleep(50);
        }
        throw new TorException("tor did not open its control port within " + timeout.toSeconds() + " s");
    }

    private static void drain(Process process, Deque<String> output) {
        DaemonThreads.start("tor-output", () -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (output) {
                        output.addLast(ConnectionSecrets.redact(line)); // shown in failure messages
                        if (output.size() > OUTPUT_LINES_KEPT) {
                            output.removeFirst();
                        }
                    }
                }
            } catch (IOException ignored) {
                // The process ended; what it printed so far is kept.
            }
        });
    }

    private static void waitForDrain(Process process) {
        try {
            process.waitFor(1, TimeUnit.SECONDS);
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String lastOutputSuffix(Deque<String> output) {
        List<String> lines;
        synchronized (output) {
            lines = List.copyOf(output);
        }
        if (lines.isEmpty()) {
            return "";
        }
        List<String> tail = lines.subList(Math.max(0, lines.size() - 5), lines.size());
        return ". tor said:\n  " + String.join("\n  ", tail);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    public int exitCode() {
        return process.exitValue();
    }

    @Override
    public TorControl control() {
        return control;
    }

    @Override
    public String controlEndpoint() throws IOException {
        InetSocketAddress a = controlAddress();
        return a.getHostString() + ":" + a.getPort();
    }

    /** The panel's own tor takes its services by SETCONF, so they survive in the torrc it rewrites. */
    @Override
    public void applyServices(List<Torrc.Service> services) throws IOException {
        control.command(Torrc.setConfCommand(services));
    }

    @Override
    public String exitDescription() {
        return "tor exited unexpectedly (exit code " + exitCode() + ")";
    }

    /** The last lines tor printed, for error messages. */
    public String lastOutput() {
        return lastOutputSuffix(output);
    }

    public InetSocketAddress socksAddress() throws IOException {
        return parseListener(control.getInfo("net/listeners/socks"));
    }

    public InetSocketAddress controlAddress() throws IOException {
        return parseListener(control.getInfo("net/listeners/control"));
    }

    private static InetSocketAddress parseListener(String value) throws IOException {
        String first = ControlWords.unquote(value);
        int colon = first.lastIndexOf(':');
        if (colon < 0) {
            throw new IOException("tor reports no listener (" + value + ")");
        }
        return InetSocketAddress.createUnresolved(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)));
    }

    public TorEvent.Bootstrap bootstrapPhase() throws IOException {
        return TorEventParser.parseBootstrapPhase(control.getInfo("status/bootstrap-phase"));
    }

    public String version() throws IOException {
        return control.getInfo("version");
    }

    /** Asks tor to shut down, then SIGTERM, then SIGKILL, waiting at most {@code grace} for each of the first two. */
    public void stop(Duration grace) {
        if (process.isAlive()) {
            try {
                control.signal("SHUTDOWN");
            } catch (IOException | RuntimeException ignored) {
                // The connection may already be gone; the signals below still stop tor.
            }
            if (!waitFor(grace)) {
                process.destroy();
                if (!waitFor(grace)) {
                    process.destroyForcibly();
                    waitFor(grace);
                }
            }
        }
        try {
            control.close();
        } catch (IOException ignored) {
            // Closing a dead connection cannot fail in a way that matters.
        }
    }

    private boolean waitFor(Duration d) {
        try {
            return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

    private static void sleep(long ms) throws TorException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TorException("Interrupted while starting tor");
        }
    }
}
