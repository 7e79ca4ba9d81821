package io.onionpanel.engine;

import io.onionpanel.probe.SelfProbeResult;

/**
 * One look at a service by the engine's prober: how many of its local targets accept connections and, once it
 * is published, what a visitor's request through tor got. The same verdict makes the service reachable or not
 * (its {@link ServiceStatus}) and feeds the monitor's latency series and health.
 *
 * @param onion the address probed (null before the service has one)
 * @param probe the request through tor, or null when only the local targets were checked (not published yet)
 * @param cold  the first request since the service was published or since a failed one: its time includes
 *              fetching the descriptor and building the introduction and rendezvous circuits, which the
 *              requests after it, on the same rendezvous circuit, do not pay; kept out of p50/p95
 */
public record ServiceCheck(String service, String onion, int targetsAnswering, int targets, SelfProbeResult probe,
                           boolean cold) {
    /** A look whose request, if any, went over circuits already built. */
    public ServiceCheck(String service, String onion, int targetsAnswering, int targets, SelfProbeResult probe) {
        this(service, onion, targetsAnswering, targets, probe, false);
    }
}
