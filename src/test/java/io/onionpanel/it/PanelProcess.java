package io.onionpanel.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The real {@code onion-panel run --json} in its own JVM, as an operator or a service manager runs it. */
public final class PanelProcess implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Process process;
    private final List<JsonNode> events = new ArrayList<>();
    private final StringBuilder stderr = new StringBuilder();

    private PanelProcess(Process process) {
        this.process = process;
        Thread out = new Thread(() -> read(process, true), "panel-stdout");
        Thread err = new Thread(() -> read(process, false), "panel-stderr");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
    }

    public static PanelProcess start(Path dataDir, String... runArgs) throws IOException {
        List<String> cmd = new ArrayList<>(javaCommand());
        cmd.addAll(List.of("--data-dir", dataDir.toString(), "run", "--json"));
        cmd.addAll(List.of(runArgs));
        return new PanelProcess(new ProcessBuilder(cmd).start());
    }

    /** {@code daemon --json}: the always-on engine, in its own JVM. */
    public static PanelProcess startDaemon(Path dataDir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(javaCommand());
        cmd.addAll(List.of("--data-dir", dataDir.toString(), "daemon", "--json"));
        cmd.addAll(List.of(args));
        return new PanelProcess(new ProcessBuilder(cmd).start());
    }

    /** What starts this build's program in a JVM of its own, up to (not including) {@code --data-dir}. */
    public static List<String> program() {
        return javaCommand();
    }

    /**
     * {@code run --json} started by another launcher, e.g. an installed {@code /opt/onion-panel/bin/onion-panel}:
     * {@code command} is the whole command line, {@code environment} is added to this JVM's.
     */
    public static PanelProcess start(List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return new PanelProcess(builder.start());
    }

    /** Runs any CLI command to completion; returns exit code and output. */
    public static CliResult cli(Path dataDir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(javaCommand());
        cmd.addAll(List.of("--data-dir", dataDir.toString()));
        cmd.addAll(List.of(args));
        return cli(cmd, Map.of());
    }

    /** Runs a whole CLI command line (another launcher) to completion, with extra environment variables. */
    public static CliResult cli(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("CLI did not finish: " + command);
        }
        return new CliResult(p.exitValue(), out);
    }

    public record CliResult(int exit, String output) {
    }

    private static List<String> javaCommand() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-cp", System.getProperty("java.class.path"), "io.onionpanel.Main");
    }

    private void read(Process p, boolean stdout) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                stdout ? p.getInputStream() : p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (stdout) {
                    JsonNode node;
                    try {
                        node = MAPPER.readTree(line);
                    } catch (IOException notJson) {
                        // run --json must print only JSON: keep the line so a test can fail on it.
                        node = io.onionpanel.common.json.JsonCodec.objectNode().put("event", "not-json").put("line", line);
                    }
                    synchronized (events) {
                        events.add(node);
                        events.notifyAll();
                    }
                } else {
                    synchronized (stderr) {
                        stderr.append(line).append('\n');
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            synchronized (stderr) {
                stderr.append("[test reader of ").append(stdout ? "stdout" : "stderr").append(" ended: ").append(e).append("]\n");
            }
        }
    }

    /** Waits for the first event (counting from index {@code from}) that matches. */
    public JsonNode await(Predicate<JsonNode> match, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            while (true) {
                for (JsonNode e : events) {
                    if (match.test(e)) {
                        return e;
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("No " + what + " within " + timeout.toSeconds() + " s. Events: " + events
                            + "\nstderr: " + stderr());
                }
                events.wait(left);
            }
        }
    }

    public JsonNode awaitEvent(String event, String service, Duration timeout) throws InterruptedException {
        return await(e -> event.equals(e.path("event").asText()) && (service == null || service.equals(e.path("service").asText())),
                timeout, event + (service == null ? "" : " of " + service));
    }

    /** Forgets the events seen so far, so the next await sees only new ones. */
    public void clearEvents() {
        synchronized (events) {
            events.clear();
        }
    }

    public List<JsonNode> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    public String stderr() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    /** SIGTERM, as a service manager stops it; returns the exit code. */
    public int terminate(Duration timeout) throws InterruptedException {
        // Process.destroy() would also close our end of its pipes and lose its last lines.
        process.toHandle().destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("run did not stop within " + timeout.toSeconds() + " s after SIGTERM");
        }
        return process.exitValue();
    }

    public int waitForExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("run did not exit within " + timeout.toSeconds() + " s. Events: " + events());
        }
        return process.exitValue();
    }

    public Process process() {
        return process;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
