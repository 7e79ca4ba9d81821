package io.onionpanel.balance;

import io.onionpanel.common.DaemonThreads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of {@code onionbalance}: started with the panel's config and its own control connection to the panel's
 * tor, its output copied line by line into the panel's log (prefixed "onionbalance:"), stopped with SIGTERM.
 */
final class OnionbalanceChild {
    private static final Logger LOG = LoggerFactory.getLogger("onionbalance");
    private static final int LAST_LINES = 5;

    /**
     * Onionbalance has no owning-process option (tor has {@code __OwningControllerProcess}): a small shell stays
     * between, holding the pipe of its standard input. When the panel closes it, or dies and the system closes it,
     * Onionbalance is stopped, so no orphan keeps publishing. Onionbalance's own exit code is the shell's. 0.2.2's
     * SIGTERM handler can hang (seen: its process stayed in a futex wait after the window closed), hence the
     * SIGKILL 5 s later.
     */
    private static final String TIED_TO_PANEL = "exec 3<&0 0</dev/null; \"$0\" \"$@\" & c=$!; "
            + "( read -r _ <&3; kill $c 2>/dev/null; sleep 5; kill -9 $c 2>/dev/null ) & w=$!; wait $c; s=$?; "
            + "kill $w 2>/dev/null; exit $s";

    private final Process process;
    private final long startedMillis = System.currentTimeMillis();
    private final Deque<String> last = new ArrayDeque<>();

    private OnionbalanceChild(Process process) {
        this.process = process;
        DaemonThreads.start("onionbalance-output", this::pump);
    }

    /**
     * @param control tor's control port as host:port (Onionbalance authenticates with tor's cookie, which
     *                PROTOCOLINFO names; the panel and the child run as the same user)
     * @param testnet tor runs on a private test network ({@code TestingTorNetwork 1}): Onionbalance must use the
     *                test network's short time periods
     */
    static OnionbalanceChild start(OnionbalanceBinary binary, Path config, String control, boolean testnet) throws IOException {
        int colon = control.lastIndexOf(':');
        List<String> cmd = new ArrayList<>(List.of(binary.path().toString(), "-c", config.toString(),
                "-i", control.substring(0, colon), "-p", control.substring(colon + 1), "-v", "warning"));
        if (testnet) {
            cmd.add("--is-testnet");
        }
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", TIED_TO_PANEL));
        wrapped.addAll(cmd);
        ProcessBuilder pb = new ProcessBuilder(wrapped).redirectErrorStream(true).directory(config.getParent().toFile());
        // Its Python must not buffer: a crash's last words would be lost.
        pb.environment().put("PYTHONUNBUFFERED", "1");
        return new OnionbalanceChild(pb.start());
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                synchronized (last) {
                    last.addLast(line);
                    while (last.size() > LAST_LINES) {
                        last.removeFirst();
                    }
                }
                // Onionbalance says routine things at WARNING (its start-up lines): only its errors are ours to flag.
                if (line.contains("[ERROR]") || line.contains("[CRITICAL]")) {
                    LOG.warn("onionbalance: {}", line);
                } else {
                    LOG.info("onionbalance: {}", line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    long uptimeMillis() {
        return System.currentTimeMillis() - startedMillis;
    }

    /** "exited with code N; it last said: …" for the operator. */
    String exitDescription() {
        String words;
        synchronized (last) {
            words = String.join(" | ", last);
        }
        return "Onionbalance exited with code " + (process.isAlive() ? "?" : process.exitValue())
                + (words.isEmpty() ? "" : "; it last said: " + words);
    }

    void stop() {
        if (!process.isAlive()) {
            return;
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already closed: the shell has seen the end of its input
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
