package io.onionpanel.balance;

import io.onionpanel.probe.Socks5;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * GET / on an onion address through a tor SOCKS port, each call with its own SOCKS credentials: tor then builds
 * fresh circuits (a new rendezvous, an introduction point picked again), as a new client would.
 */
public final class IsolatedGet {
    private static final AtomicLong SEQ = new AtomicLong();

    private IsolatedGet() {
    }

    /** The body of a 200 answer; IOException otherwise. */
    public static String get(InetSocketAddress socks, String onion, int port, Duration timeout) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(socks, 5_000);
            s.setSoTimeout((int) timeout.toMillis());
            Socks5.connect(s, onion, port, "balance-test-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet());
            s.getOutputStream().write(("GET / HTTP/1.0\r\nHost: " + onion + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            if (!text.startsWith("HTTP/1.1 200") && !text.startsWith("HTTP/1.0 200")) {
                throw new IOException("not a 200 answer: " + text.lines().findFirst().orElse("(nothing)"));
            }
            int body = text.indexOf("\r\n\r\n");
            return body < 0 ? "" : text.substring(body + 4);
        }
    }
}
