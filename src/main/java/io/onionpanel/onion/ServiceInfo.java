package io.onionpanel.onion;

import io.onionpanel.settings.DosDefenses;
import io.onionpanel.settings.PortMapping;
import java.util.List;

/**
 * A configured service with the address its keys give it (null until tor created the keys), and whether it asks
 * tor for proof-of-work (the defence new services get by default, so a listing says which ones have it), and all its
 * DoS defences (null from an engine that does not say), so that a window on another machine can edit them.
 */
public record ServiceInfo(String name, boolean enabled, List<PortMapping> ports, String onion, boolean pow,
                          DosDefenses defenses) {
}
