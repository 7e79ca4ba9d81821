package io.onionpanel.engine;

import io.onionpanel.settings.AttachSettings;
import io.onionpanel.tor.TorBinary;
import io.onionpanel.tor.TorEvent;
import io.onionpanel.tor.TorException;
import io.onionpanel.tor.TorHandle;
import io.onionpanel.tor.TorLocator;
import io.onionpanel.tor.TorPaths;
import io.onionpanel.tor.TorProcess;
import io.onionpanel.tor.Torrc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where the engine gets its tor: the three calls that reach outside the JVM (find a binary, start it, attach to
 * a running one). They are a seam so that the engine's own logic (reconciling services, publication timeouts,
 * refusals, restarts) can be tested against a scripted tor in milliseconds; {@link #REAL} is the only one a
 * running panel uses.
 */
interface TorLauncher {
    /** Which tor binary to run, as {@link TorLocator#select} decides it. */
    TorLocator.Selection select(Path dataDir, Path override, String configured, boolean allowUnsupported)
            throws TorException;

    /** Starts tor with this torrc; returns once its control port is ours. */
    TorHandle launch(TorBinary binary, TorPaths paths, String torrc, Duration controlPortTimeout,
                     Consumer<TorEvent> events) throws TorException;

    /** Connects to a tor the panel did not start and gives it the services. */
    TorHandle attach(AttachSettings attach, List<Torrc.Service> services, Consumer<TorEvent> events,
                     Consumer<String> notices) throws EngineException;

    TorLauncher REAL = new TorLauncher() {
        @Override
        public TorLocator.Selection select(Path dataDir, Path override, String configured, boolean allowUnsupported)
                throws TorException {
            return TorLocator.forDataDir(dataDir).select(override, configured, allowUnsupported);
        }

        @Override
        public TorHandle launch(TorBinary binary, TorPaths paths, String torrc, Duration controlPortTimeout,
                                Consumer<TorEvent> events) throws TorException {
            // The engine learns of a closed control connection through onExit(): nothing to do here.
            return TorProcess.start(binary, paths, torrc, controlPortTimeout, events, () -> { });
        }

        @Override
        public TorHandle attach(AttachSettings attach, List<Torrc.Service> services, Consumer<TorEvent> events,
                                Consumer<String> notices) throws EngineException {
            return EngineAttach.connect(attach, services, events, notices);
        }
    };
}
