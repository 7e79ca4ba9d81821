package io.onionpanel.defense;

import io.onionpanel.settings.DosDefenses;

/**
 * The one rule for the defences a new service starts with, used by {@code service add}, the window's editor and
 * the first-run flow alike: proof-of-work on (at tor's own queue rate and burst) when the tor the settings would
 * use has the pow module, off otherwise. PoW costs nothing until the service is under attack (the suggested effort
 * stays 0), and a service that turns it on later has already been attacked once. Services that exist keep what
 * they have: this is only ever asked when a service is created.
 */
public final class NewServiceDefenses {
    private NewServiceDefenses() {
    }

    public static DosDefenses of(PowSupport support) {
        return support.available() ? DosDefenses.NONE.withPow(true, null, null) : DosDefenses.NONE;
    }
}
