package io.onionpanel.control;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a control session lets through, asked before each request reaches the methods. The local socket lets
 * everything through (only the engine's own user reaches it); a remote desktop's session goes through a
 * {@link RemoteGate}: authentication first, then the allow-list and the rate limit.
 */
interface SessionGate {
    /** Lets everything through: the local socket. */
    SessionGate LOCAL = new SessionGate() {
        @Override
        public Object admit(String method, JsonNode params) {
            return null;
        }

        @Override
        public boolean keepOpen() {
            return true;
        }

        @Override
        public boolean owner() {
            return true;
        }
    };

    /**
     * The group socket's gate: only the methods of {@code allowed} (derived from {@link MethodKind}); a method this
     * version does not know goes on, to be answered "no such method".
     */
    static SessionGate only(java.util.Set<String> allowed, String where) {
        return new SessionGate() {
            @Override
            public Object admit(String method, JsonNode params) {
                if (MethodKind.OF.containsKey(method) && !allowed.contains(method)) {
                    throw new ControlException(RemoteGate.NOT_ALLOWED, "'" + method + "' is not available " + where);
                }
                return null;
            }

            @Override
            public boolean keepOpen() {
                return true;
            }
        };
    }

    /**
     * Null to let the request reach the methods; a result to answer instead (the remote {@code hello}); throws
     * {@link ControlException} to refuse it.
     */
    Object admit(String method, JsonNode params);

    /** False once the session must end after its last answer is written (a failed authentication). */
    boolean keepOpen();

    /** Whether the caller is the engine's own user (the data folder's socket); false for group members and desktops. */
    default boolean owner() {
        return false;
    }
}
