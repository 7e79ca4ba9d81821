package io.onionpanel.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A service's v3 client authorisation: when enabled, only the listed clients can decrypt its descriptor.
 * Enabled with no clients is a valid setting, but the engine then keeps the service offline: tor itself
 * would publish it to everyone (it enables client authorisation only when authorized_clients/ has files).
 */
public record ClientAuth(boolean enabled, List<AuthorizedClient> clients) {
    public static final ClientAuth OFF = new ClientAuth(false, List.of());

    public ClientAuth {
        clients = clients == null ? List.of() : List.copyOf(clients);
    }

    public Optional<AuthorizedClient> client(String name) {
        return clients.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    public ClientAuth withEnabled(boolean value) {
        return new ClientAuth(value, clients);
    }

    public ClientAuth withClient(AuthorizedClient client) {
        List<AuthorizedClient> next = new ArrayList<>(clients);
        next.add(client);
        return new ClientAuth(enabled, next);
    }

    public ClientAuth withoutClient(String name) {
        List<AuthorizedClient> next = new ArrayList<>(clients);
        next.removeIf(c -> c.name().equalsIgnoreCase(name));
        return new ClientAuth(enabled, next);
    }

    /** True when client authorisation is on but no client is listed: the service must stay offline. */
    public boolean enabledWithoutClients() {
        return enabled && clients.isEmpty();
    }

    /**
     * Jackson's filter for {@code @JsonInclude(CUSTOM)}: a service that never used client authorisation keeps
     * its settings.json entry as it was before the feature existed.
     */
    public static final class OmitWhenOff {
        @Override
        public boolean equals(Object value) {
            return value == null || OFF.equals(value);
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
