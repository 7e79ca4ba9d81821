package io.onionpanel.monitor;

import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.settings.PortMapping;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One service the monitor watches: what the engine last said of it and what the monitor has learned since.
 * All of it moves as one when the service is renamed. Monitor thread, except {@link #probes} and
 * {@link #descriptorUploads}, which the metrics endpoint reads from its own.
 */
final class WatchedService {
    /** Self-probe figures since the panel started. */
    final ProbeStats probes = new ProbeStats();
    /** HS_DESC UPLOADED for its address since the panel started. */
    final AtomicLong descriptorUploads = new AtomicLong();
    /** The engine's last word; null only while retired (removed, kept for its totals) or being renamed. */
    ServiceStatus status;
    /** When it was last seen published at its current address: the first probe waits a while after. */
    Instant publishedAt;
    /** Since when it has had no established introduction point while published; null when it has some. */
    Instant introMissingSince;
    int targetsAnswering;
    /** How many local targets it had at the last check; -1 before the first. */
    int targets = -1;
    /** Each health check's last value, for how long it has had its level. */
    final Map<String, HealthCheck> checks = new HashMap<>();
    /** What the listeners were last told; null before that or after they heard it gone. */
    ServiceHealth health;

    /** A new word from the engine; {@code before} is what it said last, under this name or the former one. */
    void update(ServiceStatus next, ServiceStatus before, Instant now) {
        status = next;
        boolean wasPublished = before != null && published(before) && Objects.equals(before.onion(), next.onion());
        if (published(next) && !wasPublished) {
            publishedAt = now;
        } else if (!published(next)) {
            publishedAt = null;
        }
    }

    /** Removed by the engine: what it said and what was derived from it go; the totals stay with the name. */
    void retire() {
        status = null;
        publishedAt = null;
        checks.clear();
        targetsAnswering = 0;
        targets = -1;
    }

    void targetsChecked(int answering, int of) {
        targetsAnswering = answering;
        targets = of;
    }

    List<String> targetList() {
        List<String> all = new ArrayList<>();
        for (PortMapping p : status.ports()) {
            all.addAll(p.targets());
        }
        return all;
    }

    MetricsSnapshot.ServiceMetrics metrics(String name) {
        long now = System.currentTimeMillis();
        return new MetricsSnapshot.ServiceMetrics(name, descriptorUploads.get(), probes.quantileMillis(0.5, now) / 1000.0,
                probes.quantileMillis(0.95, now) / 1000.0, probes.sumSeconds(), probes.answered(), probes.failures());
    }

    static boolean published(ServiceStatus s) {
        return s.state() == ServiceStatus.State.PUBLISHED || s.state() == ServiceStatus.State.UNREACHABLE;
    }
}
