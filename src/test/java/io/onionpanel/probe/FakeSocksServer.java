package io.onionpanel.probe;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A SOCKS5 server for unit tests of the client side only (the house rule: real tor for anything tor does;
 * this checks what our code sends). Records each CONNECT's address type, host and credentials, then answers
 * with {@code reply}; on success it answers one HTTP request with a fixed body. Held, it keeps each request
 * unanswered until {@link #release()}: requests "in flight" for as long as a test of the tester's display needs.
 */
public final class FakeSocksServer implements AutoCloseable {
    public record Connect(int addressType, String host, int port, String user) {
    }

    final List<Connect> connects = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final int reply;
    private final String body;
    private final CountDownLatch released;

    FakeSocksServer(int reply, String body) throws IOException {
        this(reply, body, false);
    }

    /** With {@code held}, every answer waits for {@link #release()} (or {@link #close()}). */
    public FakeSocksServer(int reply, String body, boolean held) throws IOException {
        this.reply = reply;
        this.body = body;
        this.released = new CountDownLatch(held ? 1 : 0);
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "fake-socks");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", server.getLocalPort());
    }

    public void release() {
        released.countDown();
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> handle(s), "fake-socks-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket s) {
        try (s) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            in.readUnsignedByte();
            int methods = in.readUnsignedByte();
            in.skipNBytes(methods);
            out.write(new byte[]{5, 2});
            in.readUnsignedByte();
            String user = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
            in.skipNBytes(in.readUnsignedByte());
            out.write(new byte[]{1, 0});
            in.readUnsignedByte();
            in.readUnsignedByte();
            in.readUnsignedByte();
            int type = in.readUnsignedByte();
            String host = switch (type) {
                case 1 -> InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
                case 4 -> InetAddress.getByAddress(in.readNBytes(16)).getHostAddress();
                default -> new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
            };
            int port = in.readUnsignedShort();
            connects.add(new Connect(type, host, port, user));
            out.write(new byte[]{5, (byte) reply, 0, 1, 0, 0, 0, 0, 0, 0});
            out.flush();
            if (reply != 0) {
                return;
            }
            // Read the request head, answer, close.
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    return;
                }
                head.append((char) c);
            }
            if (!released.await(60, TimeUnit.SECONDS)) {
                return;
            }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + b.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(b);
            out.flush();
        } catch (IOException ignored) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        release();
        server.close();
    }
}
