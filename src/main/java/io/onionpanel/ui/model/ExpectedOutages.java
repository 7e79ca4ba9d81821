package io.onionpanel.ui.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Outages the operator caused from the panel (Stop tor, Restart tor, disabling a service, a new SOCKS port,
 * client authorisation turned on): for a while afterwards a service failing its checks is the expected
 * consequence, not an alarm. Read from the monitor's thread, written on the FX thread.
 */
public final class ExpectedOutages {
    /** Long enough for a restart, a bootstrap and the next probe or two; short enough that a real failure later still alarms. */
    public static final Duration GRACE = Duration.ofSeconds(120);
    private static final String ALL = "\u0000all";

    private final Clock clock;
    private final Map<String, Instant> since = new ConcurrentHashMap<>();

    public ExpectedOutages(Clock clock) {
        this.clock = clock;
    }

    /** Every service: tor itself stops or restarts. */
    public void allServices() {
        since.put(ALL, clock.instant());
    }

    public void service(String name) {
        since.put(name, clock.instant());
    }

    public boolean expected(String service) {
        Instant now = clock.instant();
        return recent(since.get(ALL), now) || recent(since.get(service), now);
    }

    private static boolean recent(Instant at, Instant now) {
        return at != null && !at.plus(GRACE).isBefore(now);
    }
}
