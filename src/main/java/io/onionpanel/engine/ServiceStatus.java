package io.onionpanel.engine;

import io.onionpanel.settings.PortMapping;
import java.util.List;

/**
 * A service's live state: STARTING until tor reports its descriptor uploaded, then PUBLISHED while a client
 * can reach it through tor (checked shortly after and then every minute), UNREACHABLE when it cannot, with
 * the reason in {@code detail}.
 */
public record ServiceStatus(String name, String onion, State state, List<PortMapping> ports, String detail) {
    public enum State { STOPPED, STARTING, PUBLISHED, UNREACHABLE, REMOVED }

    public ServiceStatus with(State newState, String newDetail) {
        return new ServiceStatus(name, onion, newState, ports, newDetail);
    }
}
