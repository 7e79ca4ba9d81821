package io.onionpanel.auth;

import io.onionpanel.tor.ControlWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds a service's rendezvous circuits in {@code GETINFO circuit-status}: the circuits its clients are
 * connected through. tor does not close them when a client's key is removed, so revocation closes them.
 */
public final class RendezvousCircuits {
    private RendezvousCircuits() {
    }

    /**
     * IDs of the lines with {@code PURPOSE=HS_SERVICE_REND} and {@code REND_QUERY=<address>} (address without
     * ".onion").
     */
    public static List<String> of(String circuitStatus, String bareAddress) {
        List<String> ids = new ArrayList<>();
        for (String line : circuitStatus.split("\r?\n")) {
            List<String> words = ControlWords.split(line.strip());
            if (words.size() < 2 || !words.get(0).chars().allMatch(Character::isDigit)) {
                continue;
            }
            Map<String, String> kw = ControlWords.keywords(words.subList(1, words.size()));
            if ("HS_SERVICE_REND".equals(kw.get("PURPOSE")) && bareAddress.equalsIgnoreCase(kw.get("REND_QUERY"))
                    && !"CLOSED".equals(words.get(1)) && !"FAILED".equals(words.get(1))) {
                ids.add(words.get(0));
            }
        }
        return ids;
    }
}
