package io.onionpanel.control;

import io.onionpanel.engine.Engine;
import io.onionpanel.engine.EngineException;
import io.onionpanel.engine.EngineListener;
import io.onionpanel.engine.EngineOptions;
import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.monitor.EngineMonitor;
import io.onionpanel.monitor.EngineShutdown;
import io.onionpanel.monitor.Monitor;
import io.onionpanel.monitor.MonitorView;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The engine inside the window's process: it serves the control socket while tor runs (so the CLI reaches it as it
 * reaches a daemon's) and stops with the window. The tests' window, and the fallback where no engine process can
 * be started.
 */
public final class LocalPanelEngine implements PanelEngine {
    private final Engine engine;
    private final Monitor monitor;
    /** Stops the engine, then saves the monitor's history: at the window's close, or at the JVM's exit (SIGTERM). */
    private final EngineShutdown shutdown;
    private ControlServer control; // guarded by this
    /** The load-balanced frontend's Onionbalance, beside tor as in a daemon (idle without a frontend). */
    private final io.onionpanel.balance.BalanceSupervisor balance;

    public LocalPanelEngine(Path dataDir) {
        this.engine = new Engine(EngineOptions.of(dataDir));
        // First among the engine's listeners, as when the engine made it.
        this.monitor = EngineMonitor.attach(engine);
        this.shutdown = EngineShutdown.of(engine, monitor);
        this.balance = new io.onionpanel.balance.BalanceSupervisor(dataDir, () -> engine.torLink().control(),
                engine::socksAddress);
        monitor.addMetricsText(() -> io.onionpanel.balance.BalanceMetrics.render(balance.health()));
        balance.start();
    }

    @Override
    public Path dataDir() {
        return engine.dataDir();
    }

    @Override
    public void addListener(EngineListener listener) {
        engine.addListener(listener);
    }

    @Override
    public void removeListener(EngineListener listener) {
        engine.removeListener(listener);
    }

    @Override
    public TorStatus torStatus() {
        return engine.torStatus();
    }

    @Override
    public List<ServiceStatus> services() {
        return engine.services();
    }

    @Override
    public void start() throws EngineException {
        engine.start();
        openControlSocket();
    }

    @Override
    public void stopTor() {
        closeControlSocket();
        engine.stop();
    }

    @Override
    public void restartTor() {
        engine.restartTor();
    }

    @Override
    public void applySettingsNow() {
        engine.applySettingsNow();
    }

    @Override
    public Optional<InetSocketAddress> socksAddress() {
        return engine.socksAddress();
    }

    @Override
    public MonitorView monitor() {
        return monitor;
    }

    @Override
    public io.onionpanel.actions.PanelActions actions() {
        return new io.onionpanel.actions.LocalPanelActions(engine.dataDir());
    }

    @Override
    public boolean separateProcess() {
        return false;
    }

    @Override
    public boolean startedHere() {
        return true;
    }

    @Override
    public long enginePid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public void stopEngine() {
        stopTor();
    }

    private synchronized void openControlSocket() {
        if (control == null) {
            try {
                control = ControlServer.start(engine, monitor, () -> new Thread(this::stopTor, "onion-panel-stop").start());
            } catch (java.io.IOException | RuntimeException e) {
                LoggerFactory.getLogger(LocalPanelEngine.class).warn("No control socket: {}", e.getMessage());
            }
        }
    }

    private synchronized void closeControlSocket() {
        if (control != null) {
            control.close();
            control = null;
        }
    }

    @Override
    public void close() {
        closeControlSocket();
        balance.close();
        shutdown.close();
    }
}
