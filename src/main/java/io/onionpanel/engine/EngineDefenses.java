package io.onionpanel.engine;

import io.onionpanel.common.ValidationException;
import io.onionpanel.defense.PowSupport;
import io.onionpanel.settings.DosLimits;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.TorSettings;
import io.onionpanel.tor.TorBinary;
import java.util.Optional;

/**
 * The engine's checks of DoS defences and single-onion mode before tor hears of them, kept out of
 * {@link Engine} so its run loop stays about running tor.
 */
final class EngineDefenses {
    private EngineDefenses() {
    }

    /**
     * Why a service cannot run on this tor as configured (a value out of tor's range, or proof-of-work on a tor
     * without the pow module), or empty. Such a service is kept offline rather than failing tor's start.
     */
    static Optional<String> unsupported(ServiceConfig service, TorBinary tor) {
        try {
            DosLimits.requireValid(service.defenses());
        } catch (ValidationException e) {
            return Optional.of("Service '" + service.name() + "' is kept offline: " + e.getMessage());
        }
        if (service.defenses().pow() && tor != null && !tor.supportsPow() && !EngineAttach.isAttached(tor)) {
            return Optional.of("Service '" + service.name() + "' is kept offline: proof-of-work is on. "
                    + PowSupport.of(tor).reason() + " Or turn proof-of-work off for it.");
        }
        return Optional.empty();
    }

    /** What single-onion mode costs, said at every start so that nobody runs it by accident. */
    static Optional<String> singleOnionNotice(TorSettings tor) {
        if (!tor.singleOnion()) {
            return Optional.empty();
        }
        return Optional.of("Single-onion mode is on: the services are NOT anonymous (their server's location can be"
                + " found). tor allows no SOCKS port in this mode, so the panel's reachability probe and the tester"
                + " cannot run through this tor: check the address from another tor (e.g. Tor Browser).");
    }
}
