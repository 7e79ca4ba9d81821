package io.onionpanel.engine;

import java.time.Duration;

/**
 * How long one of the engine's seconds lasts. The settings give the publication and bootstrap timeouts in
 * seconds and the crash backoff counts seconds; a running panel waits real seconds, the fake-tor tests a few
 * milliseconds each, so that a timeout or a backoff is tested without waiting for it. Messages keep the seconds.
 */
record Timescale(Duration second) {
    static final Timescale REAL = new Timescale(Duration.ofSeconds(1));

    long millis(long seconds) {
        return second.toMillis() * seconds;
    }

    long millis(Duration realDuration) {
        return realDuration.toMillis() * second.toMillis() / 1000;
    }
}
