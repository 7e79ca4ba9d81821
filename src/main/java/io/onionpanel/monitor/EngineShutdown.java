package io.onionpanel.monitor;

import io.onionpanel.engine.Engine;

/**
 * The one way a process that runs an engine ends, for the window and {@code run} alike: the engine first (tor
 * stopped, runtime.json removed, the data folder released), then its monitor (the charts' history saved). Also
 * registered as a JVM shutdown hook, so a SIGTERM (a logout, {@code kill}, a service manager) or a
 * {@code System.exit} ends the same way. Whoever comes second waits for the first to finish: a hook that returned
 * early would let the JVM halt in the middle of saving the history.
 */
public final class EngineShutdown implements AutoCloseable {
    private final Engine engine;
    private final Monitor monitor;
    private final Thread hook;
    private boolean done;

    private EngineShutdown(Engine engine, Monitor monitor) {
        this.engine = engine;
        this.monitor = monitor;
        this.hook = new Thread(this::close, "onion-panel-shutdown");
    }

    /** Ends this engine and monitor together, at {@link #close()} or at the JVM's exit, whichever comes first. */
    public static EngineShutdown of(Engine engine, Monitor monitor) {
        EngineShutdown shutdown = new EngineShutdown(engine, monitor);
        Runtime.getRuntime().addShutdownHook(shutdown.hook);
        return shutdown;
    }

    @Override
    public synchronized void close() {
        if (done) {
            return;
        }
        done = true;
        try {
            engine.close();
        } finally {
            monitor.close();
        }
        if (Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyExiting) {
                // The JVM is exiting and the hook has started or is about to: it finds the work done.
            }
        }
    }
}
