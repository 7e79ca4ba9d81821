package io.onionpanel.probe;

import java.time.Instant;

/**
 * One self-probe ({@link ServiceProbe}): an HTTP GET of the service's probe path through tor. {@code httpStatus} is null when no
 * answer came; then {@code reason} says why in words and {@code socksReply} holds tor's SOCKS reply code
 * (0 when the failure was not a SOCKS refusal).
 */
public record SelfProbeResult(Instant at, String path, Integer httpStatus, long rttMillis, String reason, int socksReply) {
    /** tor's SOCKS reply for "client authorisation missing": the service is up, for its authorised clients. */
    public static final int CLIENT_AUTH_REQUIRED = 0xF4;

    /**
     * A service that takes only authorised clients is not probed: the panel holds no client key, and a keyless
     * probe only makes tor log a refusal. Marked as tor's refusal would be, so it counts neither way.
     */
    public static SelfProbeResult notProbedClientAuth(Instant at, String path) {
        return new SelfProbeResult(at, path, null, 0, "not probed: only authorised clients can connect, and the panel"
                + " holds no client key", CLIENT_AUTH_REQUIRED);
    }

    public boolean answered() {
        return httpStatus != null;
    }

    /** A service with client authorisation turns a keyless probe away: published, but nothing to time. */
    public boolean clientAuthOnly() {
        return !answered() && socksReply == CLIENT_AUTH_REQUIRED;
    }
}
