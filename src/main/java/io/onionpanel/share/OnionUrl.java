package io.onionpanel.share;

import java.util.List;

/**
 * The one rule for the URL a client is given: {@code http://ADDRESS} on port 80 and {@code http://ADDRESS:PORT}
 * otherwise. A service mapped only on 8080 answers nothing on 80, so a URL without the port fails for clients.
 */
public final class OnionUrl {
    public static final int HTTP = 80;

    private OnionUrl() {
    }

    public static String of(String onion, int virtualPort) {
        return "http://" + onion + (virtualPort == HTTP ? "" : ":" + virtualPort);
    }

    /** The port a client is sent to first: 80 when the service has it (the port browsers and clients assume). */
    public static int defaultPort(List<Integer> virtualPorts) {
        if (virtualPorts.isEmpty() || virtualPorts.contains(HTTP)) {
            return HTTP;
        }
        return virtualPorts.get(0);
    }
}
