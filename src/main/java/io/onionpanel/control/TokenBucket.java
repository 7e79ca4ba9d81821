package io.onionpanel.control;

import java.util.function.LongSupplier;

/**
 * A token bucket: up to {@code burst} requests at once, refilled at {@code perSecond}. One per remote session, so a
 * desktop (or whoever holds its pairing code) cannot keep the engine busy. Session thread only.
 */
final class TokenBucket {
    private final double perSecond;
    private final double burst;
    private final LongSupplier nanos;
    private double tokens;
    private long last;

    TokenBucket(double perSecond, double burst) {
        this(perSecond, burst, System::nanoTime);
    }

    TokenBucket(double perSecond, double burst, LongSupplier nanos) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a bucket needs a positive rate and room for one request");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanos = nanos;
        this.tokens = burst;
        this.last = nanos.getAsLong();
    }

    /** Takes one token if there is one. */
    boolean tryTake() {
        long now = nanos.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
