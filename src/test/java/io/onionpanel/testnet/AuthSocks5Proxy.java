package io.onionpanel.testnet;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real, small SOCKS5 proxy (RFC 1928 CONNECT, RFC 1929 user and password) on 127.0.0.1, standing where an
 * operator's upstream proxy would: tor must go through it to reach the private network. It relays bytes both ways
 * and remembers where it connected and how many logins it refused.
 */
public final class AuthSocks5Proxy implements AutoCloseable {
    private final ServerSocket server;
    private final String user;
    private final String password;
    private final List<String> connected = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusedLogins = new AtomicInteger();

    private AuthSocks5Proxy(String user, String password) throws IOException {
        this.user = user;
        this.password = password;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "auth-socks5-proxy");
        t.setDaemon(true);
        t.start();
    }

    public static AuthSocks5Proxy start(String user, String password) throws IOException {
        return new AuthSocks5Proxy(user, password);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** "host:port" of every CONNECT it carried out. */
    public List<String> connected() {
        return List.copyOf(connected);
    }

    public int refusedLogins() {
        return refusedLogins.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> serve(client), "auth-socks5-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            if (in.readUnsignedByte() != 5) {
                return;
            }
            byte[] methods = in.readNBytes(in.readUnsignedByte());
            boolean offersLogin = false;
            for (byte m : methods) {
                offersLogin |= m == 2;
            }
            if (!offersLogin) {
                out.write(new byte[]{5, (byte) 0xFF});
                return;
            }
            out.write(new byte[]{5, 2});
            in.readUnsignedByte(); // sub-negotiation version 1
            String u = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
            String p = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
            if (!u.equals(user) || !p.equals(password)) {
                refusedLogins.incrementAndGet();
                out.write(new byte[]{1, 1});
                return;
            }
            out.write(new byte[]{1, 0});
            in.readUnsignedByte(); // version
            int cmd = in.readUnsignedByte();
            in.readUnsignedByte(); // reserved
            int atyp = in.readUnsignedByte();
            String host = switch (atyp) {
                case 1 -> InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
                case 4 -> InetAddress.getByAddress(in.readNBytes(16)).getHostAddress();
                case 3 -> new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
                default -> throw new IOException("bad address type " + atyp);
            };
            int port = in.readUnsignedShort();
            if (cmd != 1) {
                out.write(new byte[]{5, 7, 0, 1, 0, 0, 0, 0, 0, 0});
                return;
            }
            Socket target = new Socket();
            try {
                target.connect(new InetSocketAddress(host, port), 10000);
            } catch (IOException e) {
                out.write(new byte[]{5, 5, 0, 1, 0, 0, 0, 0, 0, 0});
                return;
            }
            connected.add(host + ":" + port);
            try (target) {
                out.write(new byte[]{5, 0, 0, 1, 127, 0, 0, 1, 0, 0});
                out.flush();
                Thread back = new Thread(() -> pipe(target, client), "auth-socks5-back");
                back.setDaemon(true);
                back.start();
                pipe(client, target);
                back.join(1000);
            }
        } catch (IOException | InterruptedException e) {
            // The client or the target went away: the session ends.
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buf = new byte[16384];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // closed
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
