package io.onionpanel.engine;

import io.onionpanel.settings.AttachSettings;
import io.onionpanel.tor.TorBinary;
import io.onionpanel.tor.TorEvent;
import io.onionpanel.tor.TorException;
import io.onionpanel.tor.TorHandle;
import io.onionpanel.tor.TorLocator;
import io.onionpanel.tor.TorPaths;
import io.onionpanel.tor.Torrc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Launches {@link FakeTor}s: a current tor with every module, no process, no network. */
final class FakeTorLauncher implements TorLauncher {
    static final TorBinary BINARY = new TorBinary(Path.of("/fake/tor"), false, "0.4.9.5",
            Map.of("pow", true, "relay", true));

    /** Every tor launched, in order; the last one is the engine's current tor. */
    final List<FakeTor> launched = new CopyOnWriteArrayList<>();
    /** Service folders every tor launched from now on refuses. */
    final Set<Path> refuse = ConcurrentHashMap.newKeySet();
    /** How many of the next launches fail, as a tor that does not start. */
    final AtomicInteger failingLaunches = new AtomicInteger();
    /** Whether a launched tor has bootstrapped by the time its control port answers (a warm start). */
    volatile boolean bootstrapAtLaunch = true;

    @Override
    public TorLocator.Selection select(Path dataDir, Path override, String configured, boolean allowUnsupported) {
        return new TorLocator.Selection(BINARY, false);
    }

    @Override
    public TorHandle launch(TorBinary binary, TorPaths paths, String torrc, Duration controlPortTimeout,
                            Consumer<TorEvent> events) throws TorException {
        if (failingLaunches.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new TorException("tor exited before its control port opened (fake)");
        }
        try {
            FakeTor tor = new FakeTor(torrc, events, bootstrapAtLaunch, refuse);
            launched.add(tor);
            return tor;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public TorHandle attach(AttachSettings attach, List<Torrc.Service> services, Consumer<TorEvent> events,
                            Consumer<String> notices) throws EngineException {
        throw new EngineException("the fake launcher does not attach");
    }

    FakeTor current() {
        return launched.get(launched.size() - 1);
    }
}
