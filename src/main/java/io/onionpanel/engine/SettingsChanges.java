package io.onionpanel.engine;

import io.onionpanel.settings.AuthorizedClient;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import io.onionpanel.settings.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What changed between two versions of the settings, in the operator's words, for the panel's log: services added,
 * removed, renamed, turned on or off, their ports, client authorisation and clients. Whoever made the change (the
 * window, the CLI, an import), the log then says what the panel was asked to do before it says what tor did.
 */
final class SettingsChanges {
    private SettingsChanges() {
    }

    /**
     * @param onionBefore the address a service had under its old name (null if none)
     * @param onionNow    the address a service's folder holds now (null if none)
     */
    static List<String> between(Settings before, Settings after, Function<String, String> onionBefore,
                                Function<String, String> onionNow) {
        Map<String, ServiceConfig> old = byName(before);
        Map<String, ServiceConfig> now = byName(after);
        List<String> lines = new ArrayList<>();
        List<String> added = now.keySet().stream().filter(n -> !old.containsKey(n)).toList();
        List<String> removed = old.keySet().stream().filter(n -> !now.containsKey(n)).collect(Collectors.toCollection(ArrayList::new));
        for (String name : added) {
            String onion = onionNow.apply(name);
            String renamedFrom = onion == null ? null
                    : removed.stream().filter(r -> onion.equals(onionBefore.apply(r))).findFirst().orElse(null);
            if (renamedFrom != null) {
                removed.remove(renamedFrom);
                lines.add("Service '" + renamedFrom + "' renamed to '" + name + "' (same address)");
                lines.addAll(changes(old.get(renamedFrom), now.get(name)));
            } else {
                ServiceConfig s = now.get(name);
                lines.add("Service '" + name + "' added (" + PortMapping.describe(s.ports()) + ")" + (s.enabled() ? "" : ", turned off"));
            }
        }
        removed.forEach(name -> lines.add("Service '" + name + "' removed"));
        for (String name : now.keySet()) {
            if (old.containsKey(name)) {
                lines.addAll(changes(old.get(name), now.get(name)));
            }
        }
        return lines;
    }

    private static List<String> changes(ServiceConfig was, ServiceConfig is) {
        List<String> lines = new ArrayList<>();
        String name = "Service '" + is.name() + "'";
        if (was.enabled() != is.enabled()) {
            lines.add(name + (is.enabled() ? " turned on" : " turned off: it goes offline"));
        }
        if (!was.ports().equals(is.ports())) {
            lines.add(name + ": ports now " + PortMapping.describe(is.ports()));
        }
        if (was.clientAuth().enabled() != is.clientAuth().enabled()) {
            lines.add(name + (is.clientAuth().enabled() ? ": client authorisation on (only authorised clients can connect)"
                    : ": client authorisation off (anyone with the address can connect)"));
        }
        List<String> clientsBefore = clientNames(was);
        List<String> clientsNow = clientNames(is);
        clientsNow.stream().filter(c -> !clientsBefore.contains(c)).forEach(c -> lines.add(name + ": client '" + c + "' added"));
        clientsBefore.stream().filter(c -> !clientsNow.contains(c)).forEach(c -> lines.add(name + ": client '" + c + "' revoked"));
        if (!Objects.equals(was.defenses(), is.defenses())) {
            lines.add(name + ": DoS defences changed");
        }
        return lines;
    }

    private static List<String> clientNames(ServiceConfig s) {
        return s.clientAuth().clients().stream().map(AuthorizedClient::name).toList();
    }

    private static Map<String, ServiceConfig> byName(Settings s) {
        Map<String, ServiceConfig> m = new LinkedHashMap<>();
        s.services().forEach(c -> m.put(c.name(), c));
        return m;
    }

}
