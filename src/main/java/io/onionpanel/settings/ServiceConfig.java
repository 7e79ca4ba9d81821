package io.onionpanel.settings;

import java.util.List;

/** An onion service as the operator configured it; its keys live in its HiddenServiceDir, not here. */
public record ServiceConfig(String name, boolean enabled, List<PortMapping> ports) {
    public ServiceConfig {
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    public ServiceConfig withEnabled(boolean value) {
        return new ServiceConfig(name, value, ports);
    }

    public ServiceConfig withPorts(List<PortMapping> value) {
        return new ServiceConfig(name, enabled, value);
    }

    public ServiceConfig withName(String value) {
        return new ServiceConfig(value, enabled, ports);
    }
}
