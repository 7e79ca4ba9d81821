package io.onionpanel.probe;

import io.onionpanel.onion.ServiceInfo;
import io.onionpanel.settings.PortMapping;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which of the panel's own services an onion URL points at, and the local target behind that virtual port: the
 * tester checks it directly when requests fail, and files its history under the service's name.
 */
public record ServiceTarget(String service, String localTarget) {

    public static Optional<ServiceTarget> find(List<ServiceInfo> services, String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        for (ServiceInfo s : services) {
            if (s.onion() == null || !(h.equals(s.onion()) || h.endsWith("." + s.onion()))) {
                continue;
            }
            String target = s.ports().stream().filter(p -> p.virtualPort() == port)
                    .flatMap(p -> p.targets().stream()).findFirst().orElse(null);
            return Optional.of(new ServiceTarget(s.name(), target));
        }
        return Optional.empty();
    }

    /** The first target of virtual port 80 (else of the first port): where an HTTP API such as Routstr listens. */
    public static Optional<String> httpTarget(ServiceInfo s) {
        return s.ports().stream().filter(p -> p.virtualPort() == 80).findFirst()
                .or(() -> s.ports().stream().findFirst())
                .map(PortMapping::targets).filter(t -> !t.isEmpty()).map(t -> t.get(0))
                .filter(t -> !t.startsWith("unix:"));
    }
}
