package io.onionpanel.routstr;

import java.time.Duration;

/**
 * What a Routstr node says about itself in {@code /v1/info}, read on its local address or through tor at its onion
 * URL: the onion URL it announces (raw, "" for none), or in words why it could not be read.
 */
public record Announcement(String onionUrl, String problem) {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** Blocking (up to 3 s): call it off any thread that must stay responsive. */
    public static Announcement lookUp(String routstrUrl) {
        return read(() -> new RoutstrNode(routstrUrl, TIMEOUT));
    }

    /**
     * The same, read at the node's onion URL through tor (up to a minute: the first request to an onion fetches its
     * descriptor): what visitors are told, checked from any machine with a tor.
     */
    public static Announcement lookUpThroughTor(String onionBaseUrl, java.net.InetSocketAddress socks) {
        return read(() -> RoutstrNode.throughTor(onionBaseUrl, socks, "routstr-announcement", Duration.ofSeconds(60)));
    }

    /** A node that cannot be made (a bad URL) or read reads as its reason. */
    private static Announcement read(java.util.function.Supplier<RoutstrNode> node) {
        try (RoutstrNode n = node.get()) {
            return new Announcement(n.info().onionUrl(), null);
        } catch (RuntimeException e) {
            return new Announcement(null, e.getMessage());
        }
    }

    public boolean read() {
        return onionUrl != null;
    }
}
