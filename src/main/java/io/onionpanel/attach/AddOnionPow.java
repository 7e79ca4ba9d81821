package io.onionpanel.attach;

import io.onionpanel.settings.DosDefenses;
import io.onionpanel.tor.DefenseOptions;
import io.onionpanel.tor.TorVersion;
import java.util.List;

/**
 * Whether an attached tor takes proof-of-work through ADD_ONION, and the arguments. tor 0.4.9.2-alpha added the
 * keyword arguments {@code PoWDefensesEnabled=1}, {@code PoWQueueRate=N} and {@code PoWQueueBurst=N} (key=value,
 * like {@code MaxStreams=}; not flags: {@code Flags=PoWDefensesEnabled} is refused) — its changelog, and tried on
 * 0.4.9.11. An older tor refuses the whole command ({@code 512 Bad arguments to ADD_ONION: Unrecognized keyword
 * argument "PoWDefensesEnabled"} from 0.4.7.13), so the version from {@code GETINFO version} decides before asking.
 * Whether that tor was built with the pow module the control port never says: {@link PublishedPow} reads it from
 * the descriptor tor publishes.
 *
 * @param accepted whether the arguments are sent
 * @param reason   why not, for the operator (empty when accepted)
 */
record AddOnionPow(boolean accepted, String reason) {
    static final TorVersion SINCE = new TorVersion(0, 4, 9, 2);
    private static final String PREFIX = "HiddenService";

    static AddOnionPow forVersion(String version) {
        return TorVersion.parse(version)
                .map(v -> v.atLeast(SINCE) ? new AddOnionPow(true, "")
                        : new AddOnionPow(false, "that tor (" + v + ") takes proof-of-work through ADD_ONION only"
                        + " from " + SINCE + " on"))
                .orElseGet(() -> new AddOnionPow(false, "that tor's version ('" + version + "') could not be read,"
                        + " so it is not known to take proof-of-work through ADD_ONION (tor " + SINCE + " or newer does)"));
    }

    /**
     * The PoW arguments for a service's defences: none when PoW is off or this tor does not take them. They are the
     * torrc options without "HiddenService" (tor's changelog: they "correspond"), so both forms come from one list.
     */
    List<String> arguments(DosDefenses d) {
        if (!accepted) {
            return List.of();
        }
        return DefenseOptions.of(d).stream().filter(AddOnionPow::isPow)
                .map(o -> o.key().substring(PREFIX.length()) + "=" + o.value()).toList();
    }

    static boolean isPow(DefenseOptions.Option o) {
        return o.key().startsWith(PREFIX + "PoW");
    }
}
