package io.onionpanel.monitor;

import io.onionpanel.engine.Engine;

/**
 * Puts a {@link Monitor} on an engine, for the composition roots (the window's model, {@code run}): the monitor
 * reads the engine's tor through its {@link io.onionpanel.engine.TorLink} and hears its events. The engine does not make its own
 * monitor, so that the engine package depends on nothing above it.
 */
public final class EngineMonitor {
    private EngineMonitor() {
    }

    /** A monitor of this engine's tor; the caller closes it after the engine. Attach before starting the engine. */
    public static Monitor attach(Engine engine) {
        Monitor monitor = new Monitor(engine.dataDir(), engine.torLink());
        engine.addListener(monitor);
        return monitor;
    }
}
