package io.onionpanel.balance;

import io.onionpanel.common.ValidationException;
import io.onionpanel.onion.OnionAddress;
import io.onionpanel.settings.Balance;
import io.onionpanel.settings.ServiceConfig;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What Onionbalance (Debian's 0.2.2) can and cannot do, checked before anything is written, with the reason. Used by
 * the CLI, the window and the engine (settings written past them change nothing).
 */
public final class BalanceRules {
    /**
     * A v3 descriptor holds at most 20 introduction points and Onionbalance takes at most 2 from each backend with
     * a fresh descriptor: beyond 10 backends some would never be in the combined descriptor.
     */
    public static final int MAX_BACKENDS = 10;

    private BalanceRules() {
    }

    /**
     * An onion address as the operator typed or pasted it, normalised to lower case with ".onion"; anything that is
     * not a well-formed v3 address (bad checksum, control characters, quotes, spaces) is refused.
     */
    public static String requireAddress(String what, String typed) {
        if (typed == null || typed.isBlank()) {
            throw new ValidationException(what + " is empty: paste a v3 onion address (56 characters, then .onion)");
        }
        String a = typed.strip().toLowerCase(Locale.ROOT);
        if (!a.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7') || c == '.')) {
            throw new ValidationException(what + " may hold only the letters a-z, the digits 2-7 and '.onion'");
        }
        if (!OnionAddress.isValid(a)) {
            throw new ValidationException(what + " '" + a + "' is not a v3 onion address (56 characters with a valid"
                    + " checksum, then .onion)");
        }
        return a.endsWith(".onion") ? a : a + ".onion";
    }

    /** The combinations Onionbalance cannot serve, refused with the reason; returns the service unchanged. */
    public static ServiceConfig requireSupported(ServiceConfig s) {
        Balance b = s.balance();
        if (b.frontendRole()) {
            if (s.clientAuth().enabled()) {
                throw new ValidationException("Service '" + s.name() + "' cannot be an Onionbalance frontend with client"
                        + " authorisation: Onionbalance publishes the frontend's descriptor without client authorisation"
                        + " (it has no support for it). Turn client authorisation off, or keep this service on one machine.");
            }
            if (s.defenses().pow()) {
                throw new ValidationException("Service '" + s.name() + "' cannot be an Onionbalance frontend with"
                        + " proof-of-work: Onionbalance's descriptor carries no PoW parameters, so clients would never"
                        + " solve a puzzle. Turn proof-of-work off (service edit " + s.name() + " --no-pow).");
            }
            if (b.backends().size() > MAX_BACKENDS) {
                throw new ValidationException("Service '" + s.name() + "' has " + b.backends().size() + " backends; at most "
                        + MAX_BACKENDS + " fit (a descriptor holds 20 introduction points, 2 from each backend)");
            }
            Set<String> seen = new HashSet<>();
            for (String backend : b.backends()) {
                String address = requireAddress("Backend address", backend);
                if (!seen.add(address)) {
                    throw new ValidationException("Backend " + address + " is listed twice");
                }
            }
        } else if (b.backendRole()) {
            requireAddress("Frontend address", b.frontend());
            if (s.clientAuth().enabled()) {
                throw new ValidationException("Service '" + s.name() + "' cannot be an Onionbalance backend with client"
                        + " authorisation: the frontend's Onionbalance must read the backend's descriptor, which client"
                        + " authorisation encrypts for the listed clients only.");
            }
            if (s.defenses().pow()) {
                throw new ValidationException("Service '" + s.name() + "' cannot be an Onionbalance backend with"
                        + " proof-of-work: clients reach it through the frontend's descriptor, which has no PoW parameters."
                        + " Turn proof-of-work off (service edit " + s.name() + " --no-pow).");
            }
        }
        return s;
    }
}
