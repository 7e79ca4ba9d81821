package io.onionpanel.monitor;

import io.onionpanel.tor.TorControl;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * New circuits on the operator's request (SIGNAL NEWNYM), with an answer that says what tor will really do:
 * tor accepts every request but delays one that comes too soon after the last. Monitor thread.
 */
final class NewCircuits {
    /** tor's MAX_SIGNEWNYM_RATE: a NEWNYM within 10 s of the last one is delayed. */
    static final Duration NEWNYM_RATE = Duration.ofSeconds(10);
    /** How long to wait for tor's rate-limit NOTICE, which may follow its reply. */
    private static final Duration NOTICE_WAIT = Duration.ofMillis(500);
    private final MonitorThread thread;
    private final MonitorLog log;
    private Instant lastNewnym;
    private CompletableFuture<String> pending;
    private String notice;

    NewCircuits(MonitorThread thread, MonitorLog log) {
        this.thread = thread;
        this.log = log;
    }

    void request(Optional<TorControl> control, boolean torUp, CompletableFuture<String> result) {
        if (control.isEmpty() || !torUp) {
            result.complete("tor is not running, so there are no circuits to replace.");
            return;
        }
        if (pending != null) {
            pending.whenComplete((text, error) -> result.complete(text));
            return;
        }
        Instant now = Instant.now();
        long waitSeconds = lastNewnym == null ? 0
                : Math.max(0, NEWNYM_RATE.minus(Duration.between(lastNewnym, now)).toSeconds());
        try {
            control.get().signal("NEWNYM");
        } catch (IOException | RuntimeException e) {
            result.complete("tor refused the request for new circuits: " + e.getMessage());
            return;
        }
        lastNewnym = waitSeconds > 0 ? lastNewnym.plus(NEWNYM_RATE) : now;
        pending = result;
        notice = null;
        // tor answers 250 OK either way and tells of a delay in a NOTICE, which may follow the reply.
        thread.schedule(() -> answer(result, waitSeconds), NOTICE_WAIT);
    }

    /** A line of tor's log: the one about NEWNYM, while a request waits, is its real answer. */
    void torLog(String message) {
        if (pending != null && message.contains("NEWNYM")) {
            notice = message;
        }
    }

    private void answer(CompletableFuture<String> result, long waitSeconds) {
        pending = null;
        String text;
        if (notice != null && notice.contains("Rate limiting")) {
            text = "tor allows new circuits once every " + NEWNYM_RATE.toSeconds() + " s and said: \"" + notice
                    + "\". New connections will use new circuits after that.";
        } else if (waitSeconds > 0) {
            text = "tor allows new circuits once every " + NEWNYM_RATE.toSeconds() + " s: the request takes effect in about "
                    + waitSeconds + " s.";
        } else {
            text = "New circuits requested: new connections use new circuits from now on; open connections and the"
                    + " onion services' own circuits are not interrupted.";
        }
        log.panel("NOTICE", text);
        result.complete(text);
    }
}
