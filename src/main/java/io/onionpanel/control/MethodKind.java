package io.onionpanel.control;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a control method does, said once for every method; each socket's allow-list is derived from it (see
 * docs/control-api.md): the data folder's socket takes every method, the group socket {@link #READ} and
 * {@link #CHANGE}, remote access all three kinds except {@link #LOCAL_ONLY}. A method added without a kind here is
 * refused everywhere but on the data folder's socket.
 */
enum MethodKind {
    /** Reads state; changes nothing. */
    READ,
    /** Changes what the engine serves or how (services, clients, settings, tor). */
    CHANGE,
    /** Carries key material, even encrypted (a backup, a client's private key). */
    KEYS;

    static final Map<String, MethodKind> OF = kinds();

    /**
     * Not through remote access, whatever their kind: {@code stop} and {@code stopTor} cut the very connection with
     * nothing remote to bring it back; {@code socks} is of no use on the desktop; pairing ({@code remoteChanged}) is
     * done on the server's console and {@code remoteAccess} is the desktop's own engine's.
     */
    static final Set<String> LOCAL_ONLY = Set.of("stop", "stopTor", "socks", "remoteChanged", "remoteAccess");

    private static Map<String, MethodKind> kinds() {
        Map<String, MethodKind> m = new LinkedHashMap<>();
        for (String read : new String[] {"hello", "status", "subscribe", "health", "log", "circuits", "series", "socks",
            "services.list", "clients.list", "settings.get", "balance.status", "balance.joinCode"}) {
            m.put(read, READ);
        }
        for (String change : new String[] {"applySettings", "newCircuits", "restartTor", "startTor", "stopTor", "stop",
            "remoteChanged", "services.add", "services.edit", "services.rename", "services.remove", "clients.add",
            "clients.remove", "settings.put", "balance.makeFrontend", "balance.addBackend",
            "balance.removeBackend"}) {
            m.put(change, CHANGE);
        }
        for (String keys : new String[] {"remoteAccess", "backup.export", "backup.restore"}) {
            m.put(keys, KEYS);
        }
        return Map.copyOf(m);
    }

    /** The methods of these kinds. */
    static Set<String> methodsOf(Set<MethodKind> kinds) {
        return OF.entrySet().stream().filter(e -> kinds.contains(e.getValue())).map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** What the members of the system service's group may call: no key material reaches them. */
    static final Set<String> GROUP = methodsOf(EnumSet.of(READ, CHANGE));
}
