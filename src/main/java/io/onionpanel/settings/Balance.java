package io.onionpanel.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * A service's part in an Onionbalance setup (one address spread over many machines), or {@link #NONE}.
 * <ul>
 * <li>{@link Role#FRONTEND}: the service's keys are the frontend's. tor does not publish it; the panel runs
 * Onionbalance, which publishes a descriptor combining the introduction points of {@code backends}.</li>
 * <li>{@link Role#BACKEND}: an ordinary service of this machine that tor runs with
 * {@code HiddenServiceOnionBalanceInstance 1} and an {@code ob_config} naming {@code frontend}.</li>
 * </ul>
 * Addresses are kept as 56 lowercase base32 characters plus ".onion"; checked by {@code balance.BalanceRules}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Balance(Role role, String frontend, List<String> backends) {
    public static final Balance NONE = new Balance(Role.NONE, null, List.of());

    public enum Role { NONE, FRONTEND, BACKEND }

    @JsonCreator
    public Balance {
        role = role == null ? Role.NONE : role;
        backends = backends == null ? List.of() : List.copyOf(backends);
    }

    public static Balance frontend(List<String> backends) {
        return new Balance(Role.FRONTEND, null, backends);
    }

    public static Balance backendOf(String frontend) {
        return new Balance(Role.BACKEND, frontend, List.of());
    }

    /** (Not named isFrontend: Jackson would take it for the {@code frontend} property.) */
    public boolean frontendRole() {
        return role == Role.FRONTEND;
    }

    public boolean backendRole() {
        return role == Role.BACKEND;
    }

    public Balance withBackend(String address) {
        List<String> next = new ArrayList<>(backends);
        if (!next.contains(address)) {
            next.add(address);
        }
        return new Balance(role, frontend, next);
    }

    public Balance withoutBackend(String address) {
        List<String> next = new ArrayList<>(backends);
        next.remove(address);
        return new Balance(role, frontend, next);
    }

    /** Jackson filter: a settings.json without Onionbalance stays as it was. */
    public static final class OmitWhenNone {
        @Override
        public boolean equals(Object other) {
            return other == null || NONE.equals(other);
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
