package io.onionpanel.monitor;

import java.time.Instant;

/**
 * One self-probe: an HTTP GET of the service's probe path through tor. {@code httpStatus} is null when no
 * answer came; then {@code reason} says why in words and {@code socksReply} holds tor's SOCKS reply code
 * (0 when the failure was not a SOCKS refusal).
 */
public record ProbeResult(Instant at, String path, Integer httpStatus, long rttMillis, String reason, int socksReply) {
    public boolean answered() {
        return httpStatus != null;
    }
}
