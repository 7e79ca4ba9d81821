package io.onionpanel.tor;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a client listener line (DNSPort, MetricsPort, …) keeps tor's listener on this machine. tor's port
 * syntax: {@code PORT|auto}, {@code ADDR:PORT}, {@code [IPv6]:PORT} or {@code unix:/path}, then flags.
 */
final class ListenerAddress {
    // Leading zeros are refused: inet_aton, which tor may fall back to, reads 0127 as octal (87).
    private static final String OCTET = "(0|[1-9][0-9]{0,2})";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "\\." + OCTET + "\\." + OCTET + "\\." + OCTET);
    private static final Pattern PORT = Pattern.compile("auto|[0-9]{1,5}");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.?");
    private static final String INSTEAD = "use a bare port (tor then listens on 127.0.0.1), 127.0.0.1:PORT, [::1]:PORT"
            + " or unix:/path";

    private ListenerAddress() {
    }

    /** Why {@code option value} would listen beyond this machine (or cannot be told), or empty when it stays local. */
    static Optional<String> refusal(String option, String value) {
        String spec = value.isEmpty() ? "" : value.split(" ", 2)[0];
        // Empty is tor's default, which is off; a unix socket is reachable only on this machine. Only an absolute
        // path counts: tor's MetricsPort has no unix sockets and reads "unix:9035" as host "unix", port 9035.
        if (spec.isEmpty() || spec.startsWith("unix:/") || PORT.matcher(spec).matches()) {
            return Optional.empty();
        }
        int colon = spec.lastIndexOf(':');
        String host = colon > 0 ? spec.substring(0, colon) : "";
        if (host.isEmpty() || !PORT.matcher(spec.substring(colon + 1)).matches()) {
            return unclear(option);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            return ipv6(option, host);
        }
        Matcher v4 = IPV4.matcher(host);
        if (v4.matches()) {
            if (v4.group(1).equals("127")) {
                return Optional.empty();
            }
            return host.equals("0.0.0.0") ? everywhere(option, host) : reachable(option, host);
        }
        if (HOST_NAME.matcher(host).matches() && !host.matches("[0-9.]+")) {
            return Optional.of("'" + host + "' is a host name: tor would look it up and listen on whatever address it"
                    + " gets, perhaps one other machines reach; " + INSTEAD);
        }
        return unclear(option);
    }

    private static Optional<String> ipv6(String option, String bracketed) {
        if (!bracketed.matches("\\[[0-9A-Fa-f:.]+\\]")) {
            return unclear(option);
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bracketed); // a bracketed literal: never looked up
        } catch (UnknownHostException e) {
            return unclear(option);
        }
        // An IPv4-mapped address comes back as IPv4: only ::1 itself counts as IPv6 loopback.
        if (address instanceof Inet6Address && address.isLoopbackAddress()) {
            return Optional.empty();
        }
        return address.isAnyLocalAddress() ? everywhere(option, bracketed) : reachable(option, bracketed);
    }

    private static Optional<String> everywhere(String option, String host) {
        return Optional.of(option + " would listen on every network interface (" + host + "), open to other machines; "
                + INSTEAD);
    }

    private static Optional<String> reachable(String option, String host) {
        return Optional.of(option + " would listen on " + host + ", which is not a loopback address: other machines"
                + " could connect; " + INSTEAD);
    }

    private static Optional<String> unclear(String option) {
        return Optional.of("cannot tell which address " + option + " would listen on; " + INSTEAD);
    }
}
