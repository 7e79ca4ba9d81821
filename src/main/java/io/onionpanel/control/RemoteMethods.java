package io.onionpanel.control;

import java.util.Set;

/**
 * The one place that says which control methods a paired desktop may call through the remote onion, and which of
 * those are logged with the desktop's name. Everything else (and any method added later) is refused until it is
 * listed here. The local socket is not filtered: only the engine's own user reaches it.
 */
final class RemoteMethods {
    /**
     * What the window reads and the buttons that keep the remote engine reachable. Not here: {@code stop} and
     * {@code stopTor} (they cut the very connection, and nothing remote could bring it back), {@code socks} (the
     * server's SOCKS port is of no use on the desktop), {@code remoteChanged} and {@code remoteAccess} (pairing is
     * done on the server's own console; the desktop side is local).
     */
    static final Set<String> ALLOWED = Set.of("hello", "status", "subscribe", "health", "log", "circuits", "series",
            "applySettings", "newCircuits", "restartTor", "startTor");

    /** Allowed methods that change what the server serves or drop its visitors: logged with the desktop's name. */
    static final Set<String> LOGGED = Set.of("restartTor", "newCircuits", "applySettings", "startTor");

    private RemoteMethods() {
    }

    static boolean allowed(String method) {
        return ALLOWED.contains(method);
    }

    static boolean logged(String method) {
        return LOGGED.contains(method);
    }
}
