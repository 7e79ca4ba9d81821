package io.onionpanel.settings;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One virtual port of an onion service and where tor forwards it. Several targets on one virtual port
 * make tor pick one at random per stream (its own load balancing).
 */
public record PortMapping(@JsonProperty("virtual") int virtualPort, @JsonProperty("targets") List<String> targets) {
    public PortMapping {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    public static PortMapping of(int virtualPort, String... targets) {
        return new PortMapping(virtualPort, List.of(targets));
    }

    /** "80 → 127.0.0.1:8000; 443 → a, b": the CLI's and the panel log's words for a service's ports. */
    public static String describe(List<PortMapping> ports) {
        return ports.stream().map(p -> p.virtualPort() + " → " + String.join(", ", p.targets()))
                .collect(Collectors.joining("; "));
    }
}
