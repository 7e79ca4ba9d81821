package io.onionpanel.autostart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a program to its end and returns its exit code and output; the seam tests replace with a fake systemctl. */
@FunctionalInterface
public interface CommandRunner {
    /** Exit code and what the program printed (stdout and stderr together). */
    record Result(int exit, String output) {
        public boolean ok() {
            return exit == 0;
        }
    }

    /** Throws IOException when the program cannot be started at all (not installed). */
    Result run(List<String> command) throws IOException;

    /** Real processes, each given {@code timeoutSeconds} (systemctl waits for a hung bus otherwise). */
    static CommandRunner processes(long timeoutSeconds) {
        return command -> {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            try {
                // Small outputs only (systemctl's states and errors): read before waiting, the pipe never fills.
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return new Result(-1, String.join(" ", command) + " did not answer within " + timeoutSeconds + " s");
                }
                return new Result(process.exitValue(), output.strip());
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + String.join(" ", command), e);
            }
        };
    }
}
