package io.onionpanel.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An onion service as the operator configured it; its keys live in its HiddenServiceDir, not here. A
 * settings.json written before client authorisation existed has no {@code clientAuth}: it loads as off;
 * one written before DoS defences existed has no {@code defenses}: it loads as {@link DosDefenses#NONE}; one
 * without {@code balance} is no part of an Onionbalance setup.
 */
public record ServiceConfig(String name, boolean enabled, List<PortMapping> ports,
                            @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = ClientAuth.OmitWhenOff.class)
                            ClientAuth clientAuth,
                            @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = DosDefenses.OmitWhenNone.class)
                            DosDefenses defenses,
                            @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Balance.OmitWhenNone.class)
                            Balance balance) {
    @JsonCreator
    public ServiceConfig {
        ports = ports == null ? List.of() : List.copyOf(ports);
        clientAuth = clientAuth == null ? ClientAuth.OFF : clientAuth;
        defenses = defenses == null ? DosDefenses.NONE : defenses;
        balance = balance == null ? Balance.NONE : balance;
    }

    public ServiceConfig(String name, boolean enabled, List<PortMapping> ports, ClientAuth clientAuth, DosDefenses defenses) {
        this(name, enabled, ports, clientAuth, defenses, Balance.NONE);
    }

    public ServiceConfig(String name, boolean enabled, List<PortMapping> ports) {
        this(name, enabled, ports, ClientAuth.OFF, DosDefenses.NONE);
    }

    public ServiceConfig(String name, boolean enabled, List<PortMapping> ports, ClientAuth clientAuth) {
        this(name, enabled, ports, clientAuth, DosDefenses.NONE);
    }

    public ServiceConfig withEnabled(boolean value) {
        return new ServiceConfig(name, value, ports, clientAuth, defenses, balance);
    }

    public ServiceConfig withPorts(List<PortMapping> value) {
        return new ServiceConfig(name, enabled, value, clientAuth, defenses, balance);
    }

    public ServiceConfig withName(String value) {
        return new ServiceConfig(value, enabled, ports, clientAuth, defenses, balance);
    }

    public ServiceConfig withClientAuth(ClientAuth value) {
        return new ServiceConfig(name, enabled, ports, value, defenses, balance);
    }

    public ServiceConfig withDefenses(DosDefenses value) {
        return new ServiceConfig(name, enabled, ports, clientAuth, value, balance);
    }

    public ServiceConfig withBalance(Balance value) {
        return new ServiceConfig(name, enabled, ports, clientAuth, defenses, value);
    }
}
