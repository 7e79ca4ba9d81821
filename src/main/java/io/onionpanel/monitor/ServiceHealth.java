package io.onionpanel.monitor;

import java.time.Instant;
import java.util.List;

/** The checks of one service; {@code overall} is the worst of them and {@code reason} says why in words. */
public record ServiceHealth(String service, List<HealthCheck> checks, HealthLevel overall, String reason, Instant changedAt) {
    public ServiceHealth {
        checks = List.copyOf(checks);
    }
}
