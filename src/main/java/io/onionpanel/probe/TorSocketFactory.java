package io.onionpanel.probe;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
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
            byte[] host = hostName(target).getBytes(StandardCharsets.US_ASCII);
            if (host.length > 255) {
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
            OutputStream out = getOutputStream();
            DataInputStream in = new DataInputStream(getInputStream());
            byte[] user = isolation.getBytes(StandardCharsets.US_ASCII);
            // Each step waits for tor's answer: tor does not accept the next SOCKS message pipelined behind the
            // greeting. Three round trips on 127.0.0.1 cost well under a millisecond.
            out.write(new byte[]{5, 1, 2});
            out.flush();
            if (in.readUnsignedByte() != 5 || in.readUnsignedByte() != 2) {
                close();
                throw new IOException("the SOCKS port does not accept username/password isolation (is it tor?)");
            }
            byte[] auth = new byte[3 + 2 * user.length];
            auth[0] = 1;
            auth[1] = (byte) user.length;
            System.arraycopy(user, 0, auth, 2, user.length);
            auth[2 + user.length] = (byte) user.length;
            System.arraycopy(user, 0, auth, 3 + user.length, user.length);
            out.write(auth);
            out.flush();
            if (in.readUnsignedByte() != 1 || in.readUnsignedByte() != 0) {
                close();
                throw new IOException("tor's SOCKS port refused the isolation credentials");
            }
            byte[] connect = new byte[7 + host.length];
            connect[0] = 5;
            connect[1] = 1;
            connect[3] = 3;
            connect[4] = (byte) host.length;
            System.arraycopy(host, 0, connect, 5, host.length);
            connect[5 + host.length] = (byte) (target.getPort() >> 8);
            connect[6 + host.length] = (byte) target.getPort();
            out.write(connect);
            out.flush();
            in.readUnsignedByte();
            int reply = in.readUnsignedByte();
            in.readUnsignedByte();
            skipBoundAddress(in);
            if (reply != 0) {
                close();
                throw new SocksFailure(reply);
            }
            setSoTimeout(previousTimeout);
        }

        private void skipBoundAddress(DataInputStream in) throws IOException {
            int type = in.readUnsignedByte();
            int length = switch (type) {
                case 1 -> 4;
                case 4 -> 16;
                case 3 -> in.readUnsignedByte();
                default -> 0;
            };
            in.skipNBytes(length + 2L);
        }
    }
}
