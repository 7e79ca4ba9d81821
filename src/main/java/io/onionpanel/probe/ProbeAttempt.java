package io.onionpanel.probe;

/**
 * One request of a run, after its retries.
 *
 * @param index    0-based position in the run
 * @param status   HTTP status, or 0 when no HTTP answer came
 * @param millis   duration of the last try (connect through tor + exchange), without backoff pauses
 * @param bytes    response body bytes
 * @param circuit  "fresh" (new isolation credentials: tor built a new circuit) or "reused"
 * @param retries  how many retries it took
 * @param verdict  OK, or why it failed
 * @param detail   the failure in words (tor's SOCKS reply, the exception), empty when OK
 * @param body     the start of the response body (at most {@link EndpointTester#BODY_PREVIEW} characters)
 */
public record ProbeAttempt(int index, int status, long millis, long bytes, String circuit, int retries,
                           ProbeVerdict verdict, String detail, String body) {
    public boolean ok() {
        return verdict == ProbeVerdict.OK;
    }
}
