package io.onionpanel.engine;

import io.onionpanel.tor.TorControl;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The engine's running tor as others may use it (the monitor's circuit list and NEWNYM): its live
 * control connection and SOCKS port, both empty while tor is down. The engine hands this out instead of
 * knowing its users, so that nothing in the engine depends on the features built on it.
 */
public interface TorLink {
    Optional<TorControl> control();

    Optional<InetSocketAddress> socks();
}
