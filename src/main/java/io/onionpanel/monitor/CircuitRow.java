package io.onionpanel.monitor;

import java.time.Instant;
import java.util.List;

/**
 * One circuit as the circuit table shows it. {@code path} holds relay nicknames (fingerprint when tor
 * gave none); {@code buildMillis} is null until the circuit is BUILT.
 */
public record CircuitRow(String id, String state, String purpose, List<String> path, Instant created, Long buildMillis) {
    public CircuitRow {
        path = List.copyOf(path);
    }
}
