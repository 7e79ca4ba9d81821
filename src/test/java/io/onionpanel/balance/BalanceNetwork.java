package io.onionpanel.balance;

import io.onionpanel.testnet.PrivateTorNetwork;
import io.onionpanel.testnet.TorNetworkSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

/**
 * A private Tor network for Onionbalance: its own, voting every 20 s, because Onionbalance 0.2.2's --is-testnet
 * computes time periods for chutney's 20 s interval (the shared network votes every 10 s: every HSDir answers 404
 * for the frontend there). Started once per JVM; Onionbalance must be installed (CI: fail, else skip).
 */
public final class BalanceNetwork {
    public static final String MISSING_ONIONBALANCE = "Load-balancing tests need Onionbalance: sudo apt-get install onionbalance";
    private static PrivateTorNetwork network;

    private BalanceNetwork() {
    }

    public static synchronized PrivateTorNetwork require() {
        if (TorNetworkSupport.onPath("onionbalance").isEmpty() && !Files.isExecutable(Path.of("/usr/sbin/onionbalance"))) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(MISSING_ONIONBALANCE);
            }
            Assumptions.abort(MISSING_ONIONBALANCE);
        }
        if (TorNetworkSupport.onPath("tor").isEmpty()) {
            TorNetworkSupport.requireNetwork(); // aborts or fails with its message
        }
        if (network == null) {
            Path dir = Path.of("target", "private-tor-net-onionbalance");
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            network = PrivateTorNetwork.start(dir, PrivateTorNetwork.DEFAULT_AUTHORITIES, PrivateTorNetwork.DEFAULT_RELAYS,
                    Duration.ofMinutes(5), PrivateTorNetwork.ONIONBALANCE_VOTING_INTERVAL);
        }
        return network;
    }
}
