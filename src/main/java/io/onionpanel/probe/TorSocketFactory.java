package io.onionpanel.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import javax.net.SocketFactory;

/**
 * Sockets that reach their destination through tor's SOCKS5 port with the host <em>name</em> in the CONNECT
 * (address type 3), so tor resolves it: an .onion name never reaches local DNS.
 *
 * <p>Java's own SOCKS support takes its credentials from one JVM-wide Authenticator; tor isolates streams by
 * SOCKS username/password (IsolateSOCKSAuth), so each factory carries its own credentials: requests made with
 * different credentials never share a circuit.
 */
public final class TorSocketFactory extends SocketFactory {
    private final InetSocketAddress socks;
    private final String isolation;

    /**
     * @param socks     tor's SOCKS listener (127.0.0.1:port)
     * @param isolation the username and password sent to tor (at most 255 ASCII characters)
     */
    public TorSocketFactory(InetSocketAddress socks, String isolation) {
        if (isolation.isEmpty() || isolation.length() > 255) {
            throw new IllegalArgumentException("isolation credentials must be 1-255 characters");
        }
        this.socks = socks;
        this.isolation = isolation;
    }

    @Override
    public Socket createSocket() {
        return new Socks5Socket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(InetSocketAddress.createUnresolved(host, port));
        return s;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new InetSocketAddress(host, port));
        return s;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return createSocket(address, port);
    }

    /** The name to send to tor: never an address looked up here (see {@link TorDns}). */
    static String hostName(InetSocketAddress endpoint) {
        if (endpoint.isUnresolved()) {
            return endpoint.getHostString();
        }
        return TorDns.nameOf(endpoint.getAddress()).orElseThrow(() -> new IllegalArgumentException(
                "refusing to connect through tor to an address resolved outside tor: " + endpoint));
    }

    /** Nothing listens on tor's SOCKS port: tor is not running (or not yet). */
    public static final class TorNotListening extends IOException {
        private static final long serialVersionUID = 1L;

        TorNotListening(InetSocketAddress socks, IOException cause) {
            super("nothing answers on tor's SOCKS port " + socks.getHostString() + ":" + socks.getPort() + " ("
                    + cause.getMessage() + ")", cause);
        }
    }

    private final class Socks5Socket extends Socket {
        @Override
        public void connect(SocketAddress endpoint) throws IOException {
            connect(endpoint, 0);
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            InetSocketAddress target = (InetSocketAddress) endpoint;
            if (hostName(target).length() > 255) {
                throw new IOException("host name too long for SOCKS5");
            }
            try {
                super.connect(new InetSocketAddress(socks.getHostString(), socks.getPort()), timeout);
            } catch (IOException e) {
                throw new TorNotListening(socks, e);
            }
            // Small writes (SOCKS messages, then request heads) must not wait for delayed ACKs; curl does the same.
            setTcpNoDelay(true);
            int previousTimeout = getSoTimeout();
            // The whole handshake, including tor's descriptor fetch and rendezvous, is bounded by the connect timeout.
            setSoTimeout(timeout);
            try {
                Socks5.connect(this, hostName(target), target.getPort(), isolation);
            } catch (IOException e) {
                close();
                throw e;
            }
            setSoTimeout(previousTimeout);
        }
    }
}
