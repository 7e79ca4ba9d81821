package io.onionpanel.engine;

import io.onionpanel.tor.TorControl;
import java.net.InetSocketAddress;
import java.util.Optional;

/** A {@link TorLink} to no tor, for monitor tests and benchmarks that feed events by hand. */
public final class NoTor {
    public static final TorLink LINK = new TorLink() {
        @Override
        public Optional<TorControl> control() {
            return Optional.empty();
        }

        @Override
        public Optional<InetSocketAddress> socks() {
            return Optional.empty();
        }
    };

    private NoTor() {
    }
}
