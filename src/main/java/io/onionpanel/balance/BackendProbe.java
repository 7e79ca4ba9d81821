package io.onionpanel.balance;

import io.onionpanel.probe.Socks5;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Whether a backend answers at its own address: a connection through the panel's tor to {@code <backend>:<port>}
 * (SOCKS CONNECT succeeds only once the backend's tor reached its local API). A backend that died keeps its
 * introduction points in the frontend's descriptor until Onionbalance's next publish, so only this tells it is gone.
 */
final class BackendProbe {
    static final int TIMEOUT_MILLIS = 45_000;

    private BackendProbe() {
    }

    /** Null when reached, else why not. */
    static String reach(InetSocketAddress socks, String backend, int port, String isolation) {
        // The engine may hand out its SOCKS address unresolved (host and port as tor wrote them).
        InetSocketAddress proxy = socks.isUnresolved() ? new InetSocketAddress(socks.getHostString(), socks.getPort()) : socks;
        try (Socket s = new Socket()) {
            s.connect(proxy, 5_000);
            s.setSoTimeout(TIMEOUT_MILLIS);
            Socks5.connect(s, backend, port, isolation);
            return null;
        } catch (IOException e) {
            return "not reached at its own address (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
        }
    }
}
