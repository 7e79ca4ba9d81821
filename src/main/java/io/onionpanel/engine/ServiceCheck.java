package io.onionpanel.engine;

import io.onionpanel.probe.SelfProbeResult;

/**
 * One look at a service by the engine's prober: how many of its local targets accept connections and, once it
 * is published, what a visitor's request through tor got. The same verdict makes the service reachable or not
 * (its {@link ServiceStatus}) and feeds the monitor's latency series and health.
 *
 * @param onion the address probed (null before the service has one)
 * @param probe the request through tor, or null when only the local targets were checked (not published yet)
 */
public record ServiceCheck(String service, String onion, int targetsAnswering, int targets, SelfProbeResult probe) {
}
