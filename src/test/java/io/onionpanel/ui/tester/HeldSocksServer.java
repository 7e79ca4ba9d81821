package io.onionpanel.ui.tester;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A SOCKS5 server for the tester window's own display (what tor does is tested with real tor): it accepts
 * tor's handshake, then holds every HTTP request until {@link #release()}, and answers 200 with a fixed body.
 * Requests "in flight" for as long as a test needs.
 */
final class HeldSocksServer implements AutoCloseable {
    private final ServerSocket server;
    private final CountDownLatch released = new CountDownLatch(1);

    HeldSocksServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "held-socks");
        t.setDaemon(true);
        t.start();
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", server.getLocalPort());
    }

    void release() {
        released.countDown();
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> handle(s), "held-socks-conn");
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
            in.skipNBytes(in.readUnsignedByte());
            out.write(new byte[]{5, 2});
            in.readUnsignedByte();
            in.skipNBytes(in.readUnsignedByte());
            in.skipNBytes(in.readUnsignedByte());
            out.write(new byte[]{1, 0});
            in.skipNBytes(3);
            int type = in.readUnsignedByte();
            in.skipNBytes(type == 1 ? 4 : type == 4 ? 16 : in.readUnsignedByte());
            in.readUnsignedShort();
            out.write(new byte[]{5, 0, 0, 1, 0, 0, 0, 0, 0, 0});
            out.flush();
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
            byte[] b = "{\"name\":\"held\"}".getBytes(StandardCharsets.UTF_8);
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + b.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(b);
            out.flush();
        } catch (IOException e) {
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
