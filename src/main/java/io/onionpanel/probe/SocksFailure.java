package io.onionpanel.probe;

import java.io.IOException;

/**
 * Tor refused a SOCKS5 CONNECT; {@link #reply()} is the (extended) reply code from tor's socks-extensions, or 0
 * when the handshake failed before a reply code.
 */
public final class SocksFailure extends IOException {
    private static final long serialVersionUID = 1L;
    private final int reply;

    public SocksFailure(int reply) {
        super("tor's SOCKS reply 0x" + Integer.toHexString(reply) + ": " + Reachability.describe(reply));
        this.reply = reply;
    }

    /** The handshake failed before tor sent a reply code. */
    SocksFailure(String message) {
        super(message);
        this.reply = 0;
    }

    public int reply() {
        return reply;
    }
}
