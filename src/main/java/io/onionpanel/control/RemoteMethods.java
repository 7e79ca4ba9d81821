package io.onionpanel.control;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which control methods a paired desktop may call through the remote onion, and which of those are logged with the
 * desktop's name, both derived from {@link MethodKind}: every kind (a paired desktop administers the server, keys
 * included: backups leave encrypted), except {@link MethodKind#LOCAL_ONLY}. A method without a kind is refused.
 */
final class RemoteMethods {
    static final Set<String> ALLOWED = MethodKind.methodsOf(EnumSet.allOf(MethodKind.class)).stream()
            .filter(m -> !MethodKind.LOCAL_ONLY.contains(m)).collect(Collectors.toUnmodifiableSet());

    /** Allowed methods that change what the server serves or carry keys: logged with the desktop's name. */
    static final Set<String> LOGGED = ALLOWED.stream().filter(m -> MethodKind.OF.get(m) != MethodKind.READ)
            .collect(Collectors.toUnmodifiableSet());

    private RemoteMethods() {
    }

    static boolean allowed(String method) {
        return ALLOWED.contains(method);
    }

    static boolean logged(String method) {
        return LOGGED.contains(method);
    }
}
