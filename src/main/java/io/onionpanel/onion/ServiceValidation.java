package io.onionpanel.onion;

import io.onionpanel.common.SafeText;
import io.onionpanel.common.ValidationException;
import io.onionpanel.settings.PortMapping;
import io.onionpanel.settings.ServiceConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks every part of an onion service before it can reach torrc: names become folder names, targets
 * become HiddenServicePort arguments. Messages are written for the operator.
 */
public final class ServiceValidation {
    public static final int MAX_NAME_LENGTH = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0," + (MAX_NAME_LENGTH - 1) + "}");
    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    // Folder names Windows refuses whatever the extension; a service must be movable to any OS.
    private static final Set<String> RESERVED = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3", "com4",
            "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

    private ServiceValidation() {
    }

    public static String requireName(String name) {
        SafeText.requireSafe("Service name", name);
        if (name.isEmpty()) {
            throw new ValidationException("Service name is empty");
        }
        if (!NAME.matcher(name).matches()) {
            throw new ValidationException("Service name '" + name + "' may only contain letters, digits, '-' and '_',"
                    + " must start with a letter or digit, and be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new ValidationException("Service name '" + name + "' is reserved on Windows; choose another");
        }
        return name;
    }

    public static int requirePort(String what, int port) {
        if (port < 1 || port > 65535) {
            throw new ValidationException(what + " " + port + " is out of range: use 1–65535");
        }
        return port;
    }

    /**
     * Returns the target in the form written to torrc: {@code host:port} or {@code unix:/path}. A bare port
     * means 127.0.0.1, as it does for tor.
     */
    public static String normalizeTarget(String target) {
        SafeText.requireSafe("Target", target);
        String t = target.trim();
        if (t.isEmpty()) {
            throw new ValidationException("Target is empty: use host:port (e.g. 127.0.0.1:8000) or unix:/path");
        }
        if (t.startsWith("unix:")) {
            String path = t.substring(5);
            if (!path.startsWith("/") || path.length() < 2) {
                throw new ValidationException("Target '" + t + "': a unix socket needs an absolute path, e.g. unix:/run/api.sock");
            }
            if (path.chars().anyMatch(Character::isWhitespace)) {
                throw new ValidationException("Target '" + t + "': the socket path must not contain spaces");
            }
            return t;
        }
        if (t.chars().allMatch(Character::isDigit)) {
            return "127.0.0.1:" + parsePort("Target port", t);
        }
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new ValidationException("Target '" + t + "' needs a host and a port, e.g. 127.0.0.1:8000");
        }
        String host = t.substring(0, colon);
        int port = parsePort("Target port", t.substring(colon + 1));
        return requireHost(host, t) + ":" + port;
    }

    private static String requireHost(String host, String target) {
        if (host.startsWith("[") && host.endsWith("]")) {
            if (IPV6.matcher(host.substring(1, host.length() - 1)).matches() && host.contains(":")) {
                return host;
            }
            throw new ValidationException("Target '" + target + "': '" + host + "' is not an IPv6 address");
        }
        if (host.contains(":")) {
            throw new ValidationException("Target '" + target + "': write an IPv6 address in brackets, e.g. [::1]:8000");
        }
        var ipv4 = IPV4.matcher(host);
        if (ipv4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(ipv4.group(i)) > 255) {
                    throw new ValidationException("Target '" + target + "': '" + host + "' is not an IPv4 address");
                }
            }
            return host;
        }
        if (host.toLowerCase(Locale.ROOT).endsWith(".onion")) {
            throw new ValidationException("Target '" + target + "': the target is the local service the onion"
                    + " address forwards to, not an onion address");
        }
        if (!HOSTNAME.matcher(host).matches()) {
            throw new ValidationException("Target '" + target + "': '" + host + "' is not a valid host name");
        }
        return host;
    }

    public static int parsePort(String what, String text) {
        String t = text.trim();
        if (t.isEmpty() || t.length() > 5 || !t.chars().allMatch(Character::isDigit)) {
            throw new ValidationException(what + " '" + text + "' is not a number from 1 to 65535");
        }
        return requirePort(what, Integer.parseInt(t));
    }

    /** Parses the CLI's {@code VIRT=TARGET}, e.g. {@code 80=127.0.0.1:8000}. */
    public static PortMapping parseMapping(String spec) {
        SafeText.requireSafe("Port mapping", spec);
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new ValidationException("Port mapping '" + spec + "' must look like VIRTUAL=TARGET, e.g. 80=127.0.0.1:8000");
        }
        int virtual = parsePort("Virtual port", spec.substring(0, eq));
        return PortMapping.of(virtual, normalizeTarget(spec.substring(eq + 1)));
    }

    /**
     * Merges mappings that share a virtual port (several targets = load balancing) and refuses a target
     * listed twice for one port. Keeps the operator's order.
     */
    public static List<PortMapping> mergeMappings(List<PortMapping> mappings) {
        Map<Integer, LinkedHashSet<String>> byPort = new LinkedHashMap<>();
        for (PortMapping m : mappings) {
            requirePort("Virtual port", m.virtualPort());
            if (m.targets().isEmpty()) {
                throw new ValidationException("Virtual port " + m.virtualPort() + " has no target");
            }
            var targets = byPort.computeIfAbsent(m.virtualPort(), p -> new LinkedHashSet<>());
            for (String target : m.targets()) {
                String normalized = normalizeTarget(target);
                if (!targets.add(normalized)) {
                    throw new ValidationException("Virtual port " + m.virtualPort() + " lists target " + normalized + " twice");
                }
            }
        }
        List<PortMapping> merged = new ArrayList<>();
        byPort.forEach((port, targets) -> merged.add(new PortMapping(port, List.copyOf(targets))));
        return merged;
    }

    /** A whole service; returns it with its mappings merged and targets normalised. */
    public static ServiceConfig requireValid(ServiceConfig service) {
        requireName(service.name());
        if (service.ports().isEmpty()) {
            throw new ValidationException("Service '" + service.name() + "' needs at least one port mapping, e.g. 80=127.0.0.1:8000");
        }
        return service.withPorts(mergeMappings(service.ports()));
    }

    public static void requireUniqueNames(List<ServiceConfig> services) {
        Set<String> seen = new HashSet<>();
        for (ServiceConfig s : services) {
            if (!seen.add(s.name().toLowerCase(Locale.ROOT))) {
                throw new ValidationException("Service '" + s.name() + "' already exists");
            }
        }
    }
}
