package io.onionpanel.testnet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 GET through a SOCKS5 proxy (tor's SocksPort).
 *
 * <p>Hand-written so that the host name always travels to the proxy as ATYP 3 (domain name): a
 * .onion name must never be resolved locally, and no JDK resolver is involved at all.
 */
public final class Socks5Http {

    /** Status code and body of an HTTP response. */
    public record HttpResult(int status, String body) {}

    /** The SOCKS5 proxy refused the CONNECT; {@link #replyCode()} is the raw reply byte. */
    public static final class SocksException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int replyCode;

        SocksException(String message, int replyCode) {
            super(message);
            this.replyCode = replyCode;
        }

        public int replyCode() {
            return replyCode;
        }

        /** tor's extended codes 0xF0..0xF7: the onion service part failed, not the proxy. */
        public boolean isOnionServiceError() {
            return replyCode >= 0xF0 && replyCode <= 0xF7;
        }
    }

    private Socks5Http() {}

    public static HttpResult get(String socksHost, int socksPort, String url, Duration timeout) throws IOException {
        URI uri = URI.create(url);
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("Only http://host[:port]/path URLs are supported: " + url);
        }
        String host = uri.getHost();
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(socksHost, socksPort), remainingMillis(deadline));
            socket.setSoTimeout(remainingMillis(deadline));
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            socksConnect(in, out, host, port, socksHost + ":" + socksPort);

            String request = "GET " + path + " HTTP/1.1\r\n"
                    + "Host: " + (port == 80 ? host : host + ":" + port) + "\r\n"
                    + "User-Agent: onion-panel-test\r\n"
                    + "Accept: */*\r\n"
                    + "Connection: close\r\n\r\n";
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return parseResponse(readAll(in, socket, deadline), url);
        } catch (SocketTimeoutException e) {
            throw new IOException("Timed out after " + timeout.toMillis() + " ms: GET " + url
                    + " via SOCKS5 " + socksHost + ":" + socksPort, e);
        }
    }

    private static void socksConnect(InputStream in, OutputStream out, String host, int port, String proxy)
            throws IOException {
        out.write(new byte[] {5, 1, 0}); // version 5, one method: no authentication
        out.flush();
        byte[] choice = readN(in, 2, proxy);
        if (choice[0] != 5 || choice[1] != 0) {
            throw new IOException("SOCKS5 proxy " + proxy + " refused the no-auth method (reply "
                    + hex(choice[0]) + " " + hex(choice[1]) + ")");
        }
        byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        if (name.length > 255) {
            throw new IOException("Host name too long for SOCKS5: " + host);
        }
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        req.write(new byte[] {5, 1, 0, 3, (byte) name.length});
        req.write(name);
        req.write(port >> 8);
        req.write(port & 0xff);
        out.write(req.toByteArray());
        out.flush();

        byte[] head = readN(in, 4, proxy);
        int rep = head[1] & 0xff;
        if (rep != 0) {
            throw new SocksException("SOCKS5 CONNECT to " + host + ":" + port + " via " + proxy + " failed: reply "
                    + hex(rep) + " (" + io.onionpanel.probe.Reachability.describe(rep) + ")", rep);
        }
        int addrLen = switch (head[3]) {
            case 1 -> 4;
            case 4 -> 16;
            case 3 -> readN(in, 1, proxy)[0] & 0xff;
            default -> throw new IOException("SOCKS5 proxy " + proxy + " sent unknown address type " + hex(head[3]));
        };
        readN(in, addrLen + 2, proxy); // bound address and port: unused
    }

    private static byte[] readAll(InputStream in, Socket socket, long deadline) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        while (true) {
            socket.setSoTimeout(remainingMillis(deadline));
            n = in.read(chunk);
            if (n < 0) {
                return buf.toByteArray();
            }
            buf.write(chunk, 0, n);
        }
    }

    private static HttpResult parseResponse(byte[] raw, String url) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int headerEnd = text.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            throw new IOException("Incomplete HTTP response for " + url + " (" + raw.length + " bytes: "
                    + (raw.length == 0 ? "the stream was closed before any answer" : abbreviate(text)) + ")");
        }
        String[] headerLines = text.substring(0, headerEnd).split("\r\n");
        String[] statusLine = headerLines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            throw new IOException("Not an HTTP response for " + url + ": " + abbreviate(headerLines[0]));
        }
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            throw new IOException("Bad HTTP status line for " + url + ": " + headerLines[0], e);
        }
        boolean chunked = false;
        for (int i = 1; i < headerLines.length; i++) {
            String line = headerLines[i].toLowerCase(Locale.ROOT);
            if (line.startsWith("transfer-encoding:") && line.contains("chunked")) {
                chunked = true;
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, headerEnd + 4, raw.length);
        if (chunked) {
            body = dechunk(body, url);
        }
        return new HttpResult(status, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] body, String url) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (true) {
            int lineEnd = indexOfCrlf(body, pos);
            if (lineEnd < 0) {
                throw new IOException("Truncated chunked body for " + url);
            }
            String sizeText = new String(body, pos, lineEnd - pos, StandardCharsets.US_ASCII).split(";", 2)[0].trim();
            int size = Integer.parseInt(sizeText, 16);
            pos = lineEnd + 2;
            if (size == 0) {
                return out.toByteArray();
            }
            if (pos + size > body.length) {
                throw new IOException("Truncated chunked body for " + url);
            }
            out.write(body, pos, size);
            pos += size + 2;
        }
    }

    private static int indexOfCrlf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static byte[] readN(InputStream in, int n, String proxy) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new IOException("SOCKS5 proxy " + proxy + " closed the connection during the handshake");
        }
        return b;
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long ms = (deadline - System.nanoTime()) / 1_000_000;
        if (ms <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }

    private static String hex(int b) {
        return String.format("0x%02X", b & 0xff);
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
