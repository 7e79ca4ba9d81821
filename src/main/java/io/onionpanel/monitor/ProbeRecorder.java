package io.onionpanel.monitor;

import io.onionpanel.engine.ServiceCheck;
import io.onionpanel.probe.SelfProbeResult;

/**
 * Keeps what the engine's prober found ({@link ServiceCheck}): each service's local targets, and its probes
 * through tor as latency series, failure counts and log lines. The monitor probes nothing itself: the verdict
 * that says a service is reachable is the one its health and charts show. Monitor thread.
 */
final class ProbeRecorder {
    private final WatchedServices services;
    private final SeriesStore series;
    private final MonitorLog log;

    ProbeRecorder(WatchedServices services, SeriesStore series, MonitorLog log) {
        this.services = services;
        this.series = series;
        this.log = log;
    }

    /** True when the service is watched and what it holds changed (its health is evaluated again then). */
    boolean checked(ServiceCheck check) {
        WatchedService w = services.get(check.service());
        if (w == null || w.status == null) {
            return false;
        }
        w.targetsChecked(check.targetsAnswering(), check.targets());
        if (check.probe() != null && check.onion() != null && check.onion().equals(w.status.onion())) {
            probed(w, check.service(), check.onion(), check.probe(), check.cold());
        }
        return true;
    }

    private void probed(WatchedService w, String name, String onion, SelfProbeResult r, boolean cold) {
        int failedBefore = w.probes.failuresInRow();
        SelfProbeResult before = w.probes.last();
        w.probes.add(r, cold);
        if (r.clientAuthOnly() && (before == null || !before.clientAuthOnly())) {
            // Said once: a keyless probe would only make tor log a refusal every interval.
            log.add(r.at(), "panel", "NOTICE", "Service '" + name + "' takes only authorised clients: the panel holds no"
                    + " client key, so it does not probe it through tor");
        }
        // Into the log once per change, not once per probe.
        if (!r.answered() && !r.clientAuthOnly() && failedBefore == 0) {
            log.add(r.at(), "panel", "WARN", "Self-probe of '" + name + "' (" + onion + r.path() + ") failed: " + r.reason());
        } else if (r.answered() && failedBefore > 0) {
            log.add(r.at(), "panel", "NOTICE", "Self-probe of '" + name + "' answers again: HTTP " + r.httpStatus() + " in "
                    + r.rttMillis() + " ms after " + failedBefore + " failed probe(s)");
        }
        long now = r.at().toEpochMilli();
        if (r.answered() && cold) {
            // A mark of its own on the latency chart: its seconds are circuit building, not the API.
            series.record(SeriesKeys.probeCold(name), now, r.rttMillis(), false, false);
        } else if (r.answered()) {
            series.record(SeriesKeys.probeP50(name), now, w.probes.quantileMillis(0.5, now), false, false);
            series.record(SeriesKeys.probeP95(name), now, w.probes.quantileMillis(0.95, now), false, false);
        }
        if (!r.clientAuthOnly()) {
            series.record(SeriesKeys.probeFailures(name), now, r.answered() ? 0 : 1, true, false);
        }
    }
}
