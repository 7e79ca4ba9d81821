package io.onionpanel.balance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code onionbalance} program (Debian's package installs it in /usr/sbin), checked before the panel relies on
 * it: it must run and say it is version 0.2.x (the v3 frontend whose command line and config the panel writes).
 */
public record OnionbalanceBinary(Path path, String version) {
    public static final String INSTALL_HINT = "Install Onionbalance: sudo apt-get install onionbalance";

    /** Found on PATH (or in /usr/sbin, /usr/bin, which a service manager's PATH may lack) and checked; or why not. */
    public static Optional<OnionbalanceBinary> find(StringBuilder whyNot) {
        List<Path> candidates = new ArrayList<>();
        String pathEnv = System.getenv("PATH");
        if (pathEnv != null) {
            for (String dir : pathEnv.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir, "onionbalance"));
                }
            }
        }
        candidates.add(Path.of("/usr/sbin/onionbalance"));
        candidates.add(Path.of("/usr/bin/onionbalance"));
        for (Path p : candidates) {
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                try {
                    return Optional.of(check(p));
                } catch (IOException e) {
                    whyNot.append(e.getMessage());
                    return Optional.empty();
                }
            }
        }
        whyNot.append("Onionbalance is not installed. ").append(INSTALL_HINT);
        return Optional.empty();
    }

    /** Runs {@code onionbalance --version}; refuses anything but 0.2.x. */
    static OnionbalanceBinary check(Path p) throws IOException {
        Process proc = new ProcessBuilder(p.toString(), "--version").redirectErrorStream(true).start();
        try {
            if (!proc.waitFor(20, TimeUnit.SECONDS)) {
                proc.destroyForcibly();
                throw new IOException(p + " --version did not answer within 20 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            proc.destroyForcibly();
            throw new IOException("interrupted");
        }
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (proc.exitValue() != 0 || !out.startsWith("onionbalance ")) {
            throw new IOException(p + " does not look like Onionbalance (--version said: " + out + ")");
        }
        String version = out.substring("onionbalance ".length()).strip();
        if (!version.startsWith("0.2.")) {
            throw new IOException("Onionbalance " + version + " at " + p + " is not supported: the panel writes the"
                    + " configuration of the 0.2 series (Debian's 0.2.2)");
        }
        return new OnionbalanceBinary(p, version);
    }
}
