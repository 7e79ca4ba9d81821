package io.onionpanel.tor;

import java.util.Locale;
import java.util.Optional;

/**
 * The oldest tor the panel runs on the real Tor network. The Tor Project stopped tor 0.4.8 and every older
 * version from working on the network (target date 1 September 2026: new directory formats without TAP keys);
 * 0.4.9 is the supported series. Whether the network still recommends a given 0.4.9 release is a separate,
 * live answer that tor gives itself ({@link NetworkVersionStatus}); this is the floor below which the panel does
 * not even launch, because such a tor cannot serve anyone.
 */
public final class TorSupport {
    public static final TorVersion MINIMUM = new TorVersion(0, 4, 9, 0, "");
    /** {@link #MINIMUM}'s series, as a constant for command-line help. */
    public static final String MINIMUM_SERIES = "0.4.9";
    /** The command-line switch that runs an older tor anyway (private test networks only). */
    public static final String OVERRIDE_FLAG = "--allow-unsupported-tor";

    private TorSupport() {
    }

    public static boolean supported(TorBinary tor) {
        return supported(tor.version());
    }

    /** For a version as tor prints it; one the panel cannot read counts as unsupported, never as new. */
    public static boolean supported(String version) {
        return TorVersion.parse(version).map(v -> v.atLeast(MINIMUM)).orElse(false);
    }

    /** Why this tor is refused, with the fix; empty when it is supported. */
    public static Optional<String> refusal(TorBinary tor) {
        if (supported(tor)) {
            return Optional.empty();
        }
        return Optional.of(why(tor) + " " + fix() + " On a private test network only, " + OVERRIDE_FLAG
                + " (or Settings → Tor → Allow an unsupported tor) runs it anyway.");
    }

    /** The reason alone, for where the override is already in force and only the fact needs saying. */
    public static String why(TorBinary tor) {
        String what = tor.origin().label() + " tor " + tor.version() + " (" + tor.path() + ")";
        if (tor.parsedVersion().isEmpty()) {
            return "The " + what + " reports a version the panel cannot read, so it cannot tell whether the Tor network"
                    + " accepts it.";
        }
        return "The " + what + " can no longer use the Tor network: the Tor Project stopped tor 0.4.8 and older from"
                + " working on it (target date 1 September 2026); " + MINIMUM_SERIES + " is the supported series.";
    }

    /** How to get a supported tor on this operating system. */
    public static String fix() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac")) {
            return "Install the current Onion Panel (its installer bundles a supported tor), or choose a tor "
                    + MINIMUM_SERIES + " or newer in Settings → Tor binary (Tor Browser 15's tor qualifies).";
        }
        return "Install tor " + MINIMUM_SERIES + " or newer: 'sudo apt install tor' on Debian 12 and newer; where the"
                + " distribution's tor is older (Ubuntu 24.04 ships 0.4.8), add the Tor Project's package repository"
                + " (https://support.torproject.org/apt/) and install its 'tor'. The panel then finds it by itself"
                + " ('onion-panel tor binary auto').";
    }
}
