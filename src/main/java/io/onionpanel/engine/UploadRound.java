package io.onionpanel.engine;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One round of a descriptor's uploads, from tor's HS_DESC events: the HSDirs tor sent it to (UPLOAD) that have not
 * answered yet (UPLOADED or FAILED), and how many took it. An HSDir may get two uploads in a round (the current and
 * the next time period's descriptor). An answer from an HSDir this round did not go to belongs to an earlier round
 * (a re-created service's old descriptor) and is ignored. Engine thread.
 */
final class UploadRound {
    /**
     * How long after its last upload began a round that still waits for answers counts as under way. tor may drop an
     * upload without an event (it re-uploads a PoW service after a reload): such a round must not count for ever.
     */
    static final Duration IN_FLIGHT = Duration.ofSeconds(10);

    private final Map<String, Integer> pending = new HashMap<>();
    private int accepted;
    private long lastSentNanos;

    /** tor sent the descriptor to this HSDir. */
    void sent(String hsDir) {
        pending.merge(hsDir, 1, Integer::sum);
        lastSentNanos = System.nanoTime();
    }

    /** Uploads of this round are under way: some HSDir has not answered, and the last upload began recently. */
    boolean inFlight() {
        return !pending.isEmpty() && System.nanoTime() - lastSentNanos < IN_FLIGHT.toNanos();
    }

    /** This HSDir answered; returns false when no upload of this round went there (the answer is not counted). */
    boolean answered(String hsDir, boolean took) {
        Integer left = pending.get(hsDir);
        if (left == null) {
            return false;
        }
        if (left > 1) {
            pending.put(hsDir, left - 1);
        } else {
            pending.remove(hsDir);
        }
        if (took) {
            accepted++;
        }
        return true;
    }

    int accepted() {
        return accepted;
    }

    /** Every HSDir of the round answered. */
    boolean over() {
        return pending.isEmpty();
    }

    /**
     * A visitor can fetch the descriptor now: an HSDir took it and at most one HSDir has still not answered. A visitor's
     * tor asks one of the HSDirs at random; one still without the descriptor answers "not found" and the visitor asks
     * another. With only the first copy up, most of them would say "not found", and a tor that heard it from all it may
     * ask leaves the address alone for a while. On the private network one HSDir answered 0.6–4 s after the others in 6
     * of 15 rounds (both its uploads late: its path, not its load); waiting for it held Published back by that much.
     */
    boolean visitorsCanFetch() {
        return accepted > 0 && pending.size() <= 1;
    }
}
