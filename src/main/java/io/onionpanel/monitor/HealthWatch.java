package io.onionpanel.monitor;

import io.onionpanel.probe.SelfProbeResult;
import io.onionpanel.engine.ServiceStatus;
import io.onionpanel.engine.TorStatus;
import io.onionpanel.onion.OnionAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The health of every watched service: gathers the evidence, asks {@link HealthRules}, keeps since when each
 * check has had its level, and tells the listeners of each change. Evaluated on the monitor's thread; the
 * result is published for any thread.
 */
final class HealthWatch {
    private static final Duration HOUR = Duration.ofHours(1);

    /** The health and figures of the same moment, so the metrics never name a service the health view does not. */
    private record Published(List<ServiceHealth> health, Map<String, WatchedService> services) {
    }

    private final WatchedServices services;
    private final DescriptorUploads uploads;
    private final CircuitFeed circuits;
    private final MonitorSettingsFeed settings;
    private final Listeners listeners;
    private volatile Published published = new Published(List.of(), Map.of());

    HealthWatch(WatchedServices services, DescriptorUploads uploads, CircuitFeed circuits, MonitorSettingsFeed settings,
                Listeners listeners) {
        this.services = services;
        this.uploads = uploads;
        this.circuits = circuits;
        this.settings = settings;
        this.listeners = listeners;
    }

    void evaluate(TorStatus tor) {
        Instant now = Instant.now();
        int built = circuits.built();
        List<ServiceHealth> all = new ArrayList<>();
        Map<String, WatchedService> figures = new LinkedHashMap<>();
        for (WatchedService w : services.all()) {
            ServiceStatus s = w.status;
            if (settings.disabled(s.name())) {
                services.forgetHealth(s.name(), w);
                w.checks.clear();
                continue;
            }
            all.add(health(s.name(), w, HealthRules.evaluate(evidence(w, tor, built, now), now), now));
            figures.put(s.name(), w);
        }
        published = new Published(List.copyOf(all), Map.copyOf(figures));
    }

    /** Any thread. */
    List<ServiceHealth> snapshot() {
        return published.health();
    }

    /** Any thread: the figures of each service in {@link #snapshot}, in its order. */
    List<MetricsSnapshot.ServiceMetrics> metrics() {
        Published p = published;
        List<MetricsSnapshot.ServiceMetrics> out = new ArrayList<>();
        for (ServiceHealth h : p.health()) {
            out.add(p.services().get(h.service()).metrics(h.service()));
        }
        return out;
    }

    private HealthEvidence evidence(WatchedService w, TorStatus tor, int built, Instant now) {
        ServiceStatus s = w.status;
        String address = s.onion() == null ? null : OnionAddress.bare(s.onion());
        int intro = address == null ? 0 : circuits.establishedIntro(address);
        if (intro > 0 || !WatchedService.published(s)) {
            w.introMissingSince = null;
        } else if (w.introMissingSince == null) {
            w.introMissingSince = now;
        }
        SelfProbeResult last = w.probes.last();
        boolean probed = last != null;
        if (last == null && s.state() == ServiceStatus.State.UNREACHABLE) {
            // The engine's own reachability check spoke first: its verdict stands until a probe answers.
            last = new SelfProbeResult(now, settings.settings().probePath(s.name()), null, 0, s.detail(), 0);
        }
        return new HealthEvidence(tor, built, s,
                address == null ? 0 : uploads.uploadedWithin(address, now, HOUR),
                address == null ? null : uploads.lastUpload(address),
                address == null ? 0 : uploads.failedWithin(address, now, HOUR),
                intro, w.introMissingSince, last,
                probed ? w.probes.failuresInRow() : (last == null ? 0 : 2),
                w.targetsAnswering, w.targets, String.join(", ", w.targetList()),
                settings.settings().routstrNode(s.name()).isPresent() ? w.routstr : null, settings.frontend(s.name()));
    }

    private ServiceHealth health(String service, WatchedService w, List<HealthRules.Verdict> verdicts, Instant now) {
        List<HealthCheck> list = new ArrayList<>();
        for (HealthRules.Verdict v : verdicts) {
            HealthCheck before = w.checks.get(v.name());
            Instant since = before != null && before.level() == v.level() ? before.since() : now;
            HealthCheck c = new HealthCheck(v.name(), v.level(), v.evidence(), since);
            w.checks.put(v.name(), c);
            list.add(c);
        }
        HealthRules.Verdict overall = HealthRules.overall(verdicts);
        ServiceHealth last = w.health;
        Instant changedAt = last != null && last.overall() == overall.level() ? last.changedAt() : now;
        ServiceHealth next = new ServiceHealth(service, list, overall.level(), overall.evidence(), changedAt);
        if (!next.equals(last)) {
            w.health = next;
            listeners.fire(l -> l.healthChanged(next));
        }
        return next;
    }
}
