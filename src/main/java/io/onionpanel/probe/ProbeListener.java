package io.onionpanel.probe;

import java.time.Duration;

/** Live progress of a run, called from the tester's worker threads. */
public interface ProbeListener {
    ProbeListener NONE = new ProbeListener() {
    };

    default void attemptFinished(ProbeAttempt attempt) {
    }

    /** Request {@code index} failed with {@code reason} and is tried again after {@code pause}. */
    default void retrying(int index, int retry, Duration pause, String reason) {
    }
}
