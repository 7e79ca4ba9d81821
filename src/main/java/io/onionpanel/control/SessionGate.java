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
    };

    /**
     * Null to let the request reach the methods; a result to answer instead (the remote {@code hello}); throws
     * {@link ControlException} to refuse it.
     */
    Object admit(String method, JsonNode params);

    /** False once the session must end after its last answer is written (a failed authentication). */
    boolean keepOpen();
}
