package io.onionpanel.cli;

import java.util.List;

/**
 * SIGINT/SIGTERM as a request to stop, so {@code run} can stop tor and exit 0 like a well-behaved service
 * (a JVM killed by a signal otherwise exits 130/143 while its shutdown hooks race the exit).
 */
final class TerminationSignals {
    private TerminationSignals() {
    }

    /** Installs {@code onSignal} for INT and TERM where the platform has them; returns false if none could be. */
    static boolean install(Runnable onSignal) {
        boolean any = false;
        for (String name : List.of("INT", "TERM")) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> onSignal.run());
                any = true;
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                // Not available on this platform or JVM: the shutdown hook still stops tor.
            }
        }
        return any;
    }
}
