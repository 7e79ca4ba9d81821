package io.onionpanel.control;

import io.onionpanel.engine.EngineException;
import io.onionpanel.engine.EngineListener;
import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.monitor.MonitorView;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The engine as the window sees it: in this process ({@link LocalPanelEngine}, the tests' way) or in an engine
 * process the window attaches to through its control socket ({@link AttachedPanelEngine}, the desktop's way).
 * Listeners hear the engine's events on a background thread and never block.
 */
public interface PanelEngine extends AutoCloseable {
    Path dataDir();

    void addListener(EngineListener listener);

    void removeListener(EngineListener listener);

    TorStatus torStatus();

    List<ServiceStatus> services();

    /** Starts tor (and, attached, the engine process when none runs); returns once tor is launching. Blocks. */
    void start() throws EngineException;

    /** Stops tor; blocks. Attached, the engine process stays for the window to start it again. */
    void stopTor();

    void restartTor();

    /** The engine reads settings.json now rather than at its next look. */
    void applySettingsNow();

    Optional<InetSocketAddress> socksAddress();

    MonitorView monitor();

    /** The operator's actions on this engine's services, clients and backups; each call blocks (background threads). */
    io.onionpanel.actions.PanelActions actions();

    /** True when the engine runs in its own process (it outlives the window). */
    boolean separateProcess();

    /** True when this window started the engine (a separate one it found running is left as it was found). */
    boolean startedHere();

    /** The engine's process id; 0 while none is attached. */
    long enginePid();

    /** Ends the engine and its tor (the window's "Stop everything"); blocks. */
    void stopEngine();

    /** The window is leaving: the local engine stops; an attached one keeps serving. Blocks. */
    @Override
    void close();
}
