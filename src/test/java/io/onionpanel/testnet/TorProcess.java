package io.onionpanel.testnet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One tor process with its own folder: {@code torrc}, {@code tor.log}, {@code stdout.log} and the
 * DataDirectory all live in {@link #dir()}.
 */
public final class TorProcess implements AutoCloseable {

    /** {@code -Donionpanel.testnet.infoLogs=true}: every tor also writes info.log, for debugging. */
    public static final String INFO_LOGS_PROPERTY = "onionpanel.testnet.infoLogs";

    private final String name;
    private final Path dir;
    private final Process process;

    private TorProcess(String name, Path dir, Process process) {
        this.name = name;
        this.dir = dir;
        this.process = process;
    }

    /**
     * Writes {@code torrcLines} plus DataDirectory and the notice log to {@code dir/torrc} and starts
     * tor on it. tor's own defaults file is replaced by an empty one so that nothing from /etc or
     * /usr/local leaks into the test network.
     */
    public static TorProcess start(String name, Path torBinary, Path dir, List<String> torrcLines)
            throws IOException {
        createPrivateDir(dir);
        List<String> lines = new ArrayList<>();
        lines.add("DataDirectory " + dir.toAbsolutePath());
        lines.add("Log notice file " + dir.toAbsolutePath().resolve("tor.log"));
        if (Boolean.getBoolean(INFO_LOGS_PROPERTY)) {
            lines.add("Log info file " + dir.toAbsolutePath().resolve("info.log"));
        }
        lines.addAll(torrcLines);
        Path torrc = dir.resolve("torrc");
        Files.write(torrc, lines, StandardCharsets.UTF_8);
        Path defaults = dir.resolve("torrc-defaults");
        Files.writeString(defaults, "");
        ProcessBuilder pb = new ProcessBuilder(torBinary.toString(),
                "-f", torrc.toAbsolutePath().toString(),
                "--defaults-torrc", defaults.toAbsolutePath().toString(),
                // tor polls this pid (every 15 s) and exits when it is gone: no orphans if the JVM is killed.
                "__OwningControllerProcess", Long.toString(ProcessHandle.current().pid()));
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve("stdout.log").toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return new TorProcess(name, dir, pb.start());
    }

    /** Creates the folder with mode 0700: tor refuses a group/world readable DataDirectory or HiddenServiceDir. */
    public static Path createPrivateDir(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException ignored) {
            // Not a POSIX file system: tor does not check modes there either.
        }
        return dir;
    }

    public String name() {
        return name;
    }

    public Path dir() {
        return dir;
    }

    public Process process() {
        return process;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Last {@code n} lines of tor.log, falling back to stdout (where early config errors go). */
    public String logTail(int n) {
        StringBuilder sb = new StringBuilder();
        sb.append("---- ").append(name).append(" (").append(dir).append(")")
                .append(process.isAlive() ? "" : ", exited with " + process.exitValue()).append(" ----\n");
        Path log = dir.resolve("tor.log");
        if (!Files.exists(log)) {
            log = dir.resolve("stdout.log");
        }
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (String line : lines.subList(Math.max(0, lines.size() - n), lines.size())) {
                sb.append(line).append('\n');
            }
        } catch (IOException e) {
            sb.append("(no log: ").append(e.getMessage()).append(")\n");
        }
        return sb.toString();
    }

    /** The last [warn] or [err] line tor wrote (config errors go to stdout before the log opens). */
    public String lastProblem() {
        String last = "";
        for (Path log : List.of(dir.resolve("stdout.log"), dir.resolve("tor.log"))) {
            try {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    if ((line.contains("[warn]") || line.contains("[err]")) && !line.contains("Reading config failed")) {
                        last = line;
                    }
                }
            } catch (IOException ignored) {
                // That log does not exist (yet).
            }
        }
        return last.isEmpty() ? "no warning logged" : last;
    }

    /** Whether tor's log or its stdout (where it writes before the log is open) contains the text. */
    public boolean logsContain(String text) {
        for (Path log : List.of(dir.resolve("stdout.log"), dir.resolve("tor.log"))) {
            try {
                if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
                    return true;
                }
            } catch (IOException ignored) {
                // Unreadable right now: treat as not found.
            }
        }
        return false;
    }

    /** SIGTERM (tor exits at once, even a relay), then SIGKILL if it lingers; waits for the exit. */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Stops several at once: signal all first so that their exits overlap. */
    public static void stopAll(List<TorProcess> processes) {
        for (TorProcess p : processes) {
            p.process.destroy();
        }
        for (TorProcess p : processes) {
            p.stop();
        }
    }
}
