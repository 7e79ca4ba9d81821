package io.onionpanel.monitor;

import java.time.Instant;

/**
 * One health check with its evidence in words (e.g. "3 HSDir uploads in the last hour"), and when its
 * level last changed.
 */
public record HealthCheck(String name, HealthLevel level, String evidence, Instant since) {
}
