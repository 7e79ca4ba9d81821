package io.onionpanel.monitor;

import java.time.Instant;

/**
 * One self-probe: an HTTP GET of the service's probe path through tor. {@code httpStatus} is null when no
 * answer came; then {@code reason} says why in words and {@code socksReply} holds tor's SOCKS reply code
 * (0 when the failure was not a SOCKS refusal).
 */
public record ProbeResult(Instant at, String path, Integer httpStatus, long rttMillis, String reason, int socksReply) {
    /** tor's SOCKS reply for "client authorisation missing": the service is up, for its authorised clients. */
    public static final int CLIENT_AUTH_REQUIRED = 0xF4;

    public boolean answered() {
        return httpStatus != null;
    }

    /** A service with client authorisation turns a keyless probe away: published, but nothing to time. */
    public boolean clientAuthOnly() {
        return !answered() && socksReply == CLIENT_AUTH_REQUIRED;
    }
}
