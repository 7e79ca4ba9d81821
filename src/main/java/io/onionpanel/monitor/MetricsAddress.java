package io.onionpanel.monitor;

import io.onionpanel.common.SafeText;
import io.onionpanel.common.ValidationException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** The metrics endpoint's listen address: HOST:PORT on a loopback address only, never the network. */
public final class MetricsAddress {
    private MetricsAddress() {
    }

    /** Parses "127.0.0.1:9180", "[::1]:9180" or "localhost:9180"; anything else is refused with the reason. */
    public static InetSocketAddress parse(String value) {
        SafeText.requireSafe("Metrics address", value);
        String v = value.strip();
        int colon = v.lastIndexOf(':');
        if (colon <= 0 || colon == v.length() - 1) {
            throw new ValidationException("Metrics address '" + v + "' must be HOST:PORT, e.g. 127.0.0.1:9180");
        }
        String host = v.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new ValidationException("Metrics address '" + v + "': write an IPv6 address in brackets, e.g. [::1]:9180");
        }
        int port;
        try {
            port = Integer.parseInt(v.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ValidationException("Metrics address '" + v + "': the port must be a number from 1 to 65535");
        }
        if (port < 1 || port > 65535) {
            throw new ValidationException("Metrics address '" + v + "': the port must be from 1 to 65535");
        }
        InetAddress address;
        if (host.equalsIgnoreCase("localhost")) {
            address = InetAddress.getLoopbackAddress();
        } else if (host.matches("[0-9.]+") || host.matches("(?i)[0-9a-f:.]+")) {
            try {
                address = InetAddress.getByName(host); // a literal: no lookup happens
            } catch (UnknownHostException e) {
                throw new ValidationException("Metrics address '" + v + "': '" + host + "' is not an IP address");
            }
        } else {
            throw new ValidationException("Metrics address '" + v + "': use a loopback IP address (127.0.0.1 or [::1]),"
                    + " not a host name");
        }
        if (!address.isLoopbackAddress()) {
            throw new ValidationException("Metrics address '" + v + "' is not a loopback address: the metrics endpoint"
                    + " serves on 127.0.0.1 or [::1] only (put a reverse proxy in front to reach it from elsewhere)");
        }
        return new InetSocketAddress(address, port);
    }
}
