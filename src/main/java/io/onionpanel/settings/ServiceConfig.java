package io.onionpanel.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An onion service as the operator configured it; its keys live in its HiddenServiceDir, not here. A
 * settings.json written before client authorisation existed has no {@code clientAuth}: it loads as off.
 */
public record ServiceConfig(String name, boolean enabled, List<PortMapping> ports,
                            @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = ClientAuth.OmitWhenOff.class)
                            ClientAuth clientAuth) {
    @JsonCreator
    public ServiceConfig {
        ports = ports == null ? List.of() : List.copyOf(ports);
        clientAuth = clientAuth == null ? ClientAuth.OFF : clientAuth;
    }

    public ServiceConfig(String name, boolean enabled, List<PortMapping> ports) {
        this(name, enabled, ports, ClientAuth.OFF);
    }

    public ServiceConfig withEnabled(boolean value) {
        return new ServiceConfig(name, value, ports, clientAuth);
    }

    public ServiceConfig withPorts(List<PortMapping> value) {
        return new ServiceConfig(name, enabled, value, clientAuth);
    }

    public ServiceConfig withName(String value) {
        return new ServiceConfig(value, enabled, ports, clientAuth);
    }

    public ServiceConfig withClientAuth(ClientAuth value) {
        return new ServiceConfig(name, enabled, ports, value);
    }
}
