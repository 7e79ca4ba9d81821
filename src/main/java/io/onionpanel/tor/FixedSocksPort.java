package io.onionpanel.tor;

import io.onionpanel.common.ValidationException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The operator's fixed SOCKS port: a port that does not move between starts, for other programs (snippets,
 * Routstr's TOR_PROXY_URL). Offered only when free, and never silently replaced by another one.
 */
public final class FixedSocksPort {
    private FixedSocksPort() {
    }

    /** Whether 127.0.0.1:port can be bound right now (what tor will try). */
    public static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Parses "auto"/"off"/"0" (= none) or a port number; refuses privileged and malformed values. */
    public static int parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.equalsIgnoreCase("auto") || t.equalsIgnoreCase("off") || t.equals("0")) {
            return 0;
        }
        try {
            int port = Integer.parseInt(t);
            if (port >= 1024 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw new ValidationException("SOCKS port: a number from 1024 to 65535, or auto (got '"
                + t.replaceAll("\\p{Cntrl}", "?") + "')");
    }

    /** For the settings editors: refuses a port another program holds (checked before saving). */
    public static int requireFree(int port, int currentlyConfigured) {
        if (port != 0 && port != currentlyConfigured && !isFree(port)) {
            throw new ValidationException("127.0.0.1:" + port + " is already in use by another program;"
                    + " choose another port (9150 or 19050 are common) or stop that program first");
        }
        return port;
    }

    /** The message when the port is taken as tor starts: said plainly instead of falling back to another port. */
    public static String takenAtStart(int port) {
        return "The fixed SOCKS port 127.0.0.1:" + port + " is in use by another program, so tor was not started"
                + " (the panel does not silently pick another port: programs configured with this port would break)."
                + " Stop the other program or change the fixed SOCKS port in Settings"
                + " (onion-panel settings socks-port N|auto).";
    }
}
