package io.onionpanel.testnet;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** Entry point for tests that need the private Tor network. */
public final class TorNetworkSupport {

    public static final String MISSING_TOR_MESSAGE =
            "The private Tor network needs Debian's tor package: sudo apt-get install tor (provides tor and tor-gencert)";

    private TorNetworkSupport() {}

    /**
     * The shared network, started on first use. Without a relay-capable tor and tor-gencert the test
     * is aborted (skipped) on a developer machine but fails on CI, where a silent skip would hide
     * that the end-to-end tests never ran.
     */
    public static PrivateTorNetwork requireNetwork() {
        if (onPath("tor").isEmpty() || onPath("tor-gencert").isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(MISSING_TOR_MESSAGE);
            }
            Assumptions.abort(MISSING_TOR_MESSAGE);
        }
        return PrivateTorNetwork.shared();
    }

    /** An executable of that name in a PATH folder (Debian puts tor in /usr/bin, with a /usr/sbin link). */
    public static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String folder : path.split(File.pathSeparator)) {
            if (folder.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(folder, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
