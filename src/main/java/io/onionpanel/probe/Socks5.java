package io.onionpanel.probe;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The client half of a SOCKS5 CONNECT to tor with a host name (tor resolves it: an .onion never reaches
 * local DNS) and username/password "authentication", which tor uses for stream isolation (IsolateSOCKSAuth):
 * streams with other credentials never share a circuit with these.
 */
public final class Socks5 {
    private Socks5() {
    }

    /**
     * Sends the handshake on a socket already connected to tor's SOCKS port and waits for the reply.
     * Throws {@link SocksFailure} with the reply code when tor refuses (0 when it failed before a reply).
     */
    public static void connect(Socket socket, String host, int port, String isolation) throws IOException {
        OutputStream out = socket.getOutputStream();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        out.write(new byte[]{5, 1, 2});
        out.flush();
        if (in.readUnsignedByte() != 5 || in.readUnsignedByte() != 2) {
            throw new SocksFailure("the SOCKS port does not accept username/password isolation (is it tor?)");
        }
        byte[] user = isolation.getBytes(StandardCharsets.US_ASCII);
        byte[] auth = new byte[3 + 2 * user.length];
        auth[0] = 1;
        auth[1] = (byte) user.length;
        System.arraycopy(user, 0, auth, 2, user.length);
        auth[2 + user.length] = (byte) user.length;
        System.arraycopy(user, 0, auth, 3 + user.length, user.length);
        out.write(auth);
        out.flush();
        if (in.readUnsignedByte() != 1 || in.readUnsignedByte() != 0) {
            throw new SocksFailure("tor's SOCKS port refused the isolation credentials");
        }
        byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[7 + name.length];
        request[0] = 5;
        request[1] = 1;
        request[3] = 3;
        request[4] = (byte) name.length;
        System.arraycopy(name, 0, request, 5, name.length);
        request[5 + name.length] = (byte) (port >> 8);
        request[6 + name.length] = (byte) port;
        out.write(request);
        out.flush();
        in.readUnsignedByte();
        int reply = in.readUnsignedByte();
        skipBoundAddress(in);
        if (reply != 0) {
            throw new SocksFailure(reply);
        }
    }

    private static void skipBoundAddress(DataInputStream in) throws IOException {
        in.readUnsignedByte();
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
