package io.onionpanel.balance;

import io.onionpanel.common.ValidationException;
import io.onionpanel.onion.OnionAddress;
import java.util.Locale;

/**
 * What a backend machine needs to join a frontend, as one line to copy: {@code obpanel1-<frontend address>}. It
 * carries the frontend's public address only (nothing secret); the address's own checksum catches a typo.
 */
public record JoinCode(String frontend) {
    static final String PREFIX = "obpanel1-";

    public JoinCode {
        frontend = BalanceRules.requireAddress("Frontend address", frontend);
    }

    /** The code as the frontend panel shows it. */
    public String text() {
        return PREFIX + OnionAddress.bare(frontend);
    }

    /** Reads a pasted code; a clear message for anything else. */
    public static JoinCode parse(String code) {
        if (code == null || code.isBlank()) {
            throw new ValidationException("The join code is empty: copy it from the frontend (balance join-code NAME)");
        }
        String c = code.strip();
        if (!c.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
            throw new ValidationException("Not an Onion Panel join code (it starts with '" + PREFIX + "'): copy it whole"
                    + " from the frontend (balance join-code NAME)");
        }
        String address = c.substring(PREFIX.length());
        if (!address.chars().allMatch(ch -> (ch >= 'a' && ch <= 'z') || (ch >= '2' && ch <= '7'))
                || !OnionAddress.isValid(address)) {
            throw new ValidationException("The join code is damaged (its frontend address does not check out): copy it"
                    + " again from the frontend");
        }
        return new JoinCode(address);
    }
}
