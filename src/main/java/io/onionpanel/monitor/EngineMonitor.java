package io.onionpanel.monitor;

import io.onionpanel.engine.Engine;
import io.onionpanel.engine.TorLink;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Puts a {@link Monitor} on an engine, for the composition roots (the window's model, {@code run}): the monitor
 * reads the engine's tor through its {@link TorLink} and hears its events. The engine does not make its own
 * monitor, so that the engine package depends on nothing above it.
 */
public final class EngineMonitor {
    private EngineMonitor() {
    }

    /** A monitor of this engine's tor; the caller closes it after the engine. Attach before starting the engine. */
    public static Monitor attach(Engine engine) {
        TorLink tor = engine.torLink();
        Monitor monitor = new Monitor(engine.dataDir(), new Monitor.TorLink() {
            @Override
            public Optional<io.onionpanel.tor.TorControl> control() {
                return tor.control();
            }

            @Override
            public Optional<InetSocketAddress> socks() {
                return tor.socks();
            }
        });
        engine.addListener(monitor);
        return monitor;
    }
}
