package io.onionpanel.onion;

import io.onionpanel.settings.PortMapping;
import java.util.List;

/** A configured service with the address its keys give it (null until tor created the keys). */
public record ServiceInfo(String name, boolean enabled, List<PortMapping> ports, String onion) {
}
