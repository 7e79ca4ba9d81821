package io.onionpanel.defense;

import io.onionpanel.common.ValidationException;
import io.onionpanel.settings.DosDefenses;
import io.onionpanel.settings.TorSettings;
import io.onionpanel.tor.TorBinary;
import io.onionpanel.tor.TorException;
import io.onionpanel.tor.TorLocator;
import java.nio.file.Path;

/**
 * Whether the tor in use can run proof-of-work defences, and if not, why and how to get one that can. The
 * answer comes from the binary itself ({@code --list-modules} says {@code pow: yes}); an old client-only tor (0.4.7) has
 * no PoW module and treats the options as unknown, which is fatal.
 */
public record PowSupport(boolean available, String reason) {
    public static final String HOW_TO_GET = "Proof-of-work needs a tor with the pow module, as the tor the panel finds"
            + " by itself has (the distribution's 0.4.9: 'apt install tor'; the installers' bundled one): choose Automatic"
            + " in Settings → Tor, or run 'onion-panel tor binary auto'. 'tor --list-modules' tells whether a tor has it.";

    public static PowSupport of(TorBinary tor) {
        if (tor.supportsPow()) {
            return new PowSupport(true, tor.describe() + " supports proof-of-work.");
        }
        return new PowSupport(false, "The " + tor.origin().label() + " tor " + tor.version()
                + " has no proof-of-work module. " + HOW_TO_GET);
    }

    /** Asks the tor these settings would launch: the chosen binary, or the one the panel finds. */
    public static PowSupport forSettings(Path dataDir, TorSettings settings) {
        if (settings.attach() != null) {
            return new PowSupport(true, "Attached to a running tor: proof-of-work goes to it with ADD_ONION (tor 0.4.9.2"
                    + " or newer, built with the pow module); the panel says at attach time when that tor cannot run it.");
        }
        try {
            // Whether the launch would refuse this tor is said elsewhere; here only what it can do matters.
            return of(TorLocator.forDataDir(dataDir).select(null, settings.binary(), true).tor());
        } catch (TorException e) {
            return unknown(e.getMessage());
        }
    }

    public static PowSupport unknown(String why) {
        return new PowSupport(false, "Cannot tell whether tor supports proof-of-work: " + why + " " + HOW_TO_GET);
    }

    /** Refuses defences that turn PoW on when this tor cannot run it. */
    public DosDefenses require(DosDefenses d) {
        if (d.pow() && !available) {
            throw new ValidationException(reason);
        }
        return d;
    }
}
