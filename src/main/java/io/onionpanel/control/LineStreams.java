package io.onionpanel.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Lines of UTF-8 over a stream pair, for connections that are not socket channels: a {@link java.net.Socket}
 * through tor's SOCKS port to a remote panel. A plain Socket's two streams do not share a lock (unlike a blocking
 * channel's, see {@link LineChannel}), so a reader waiting for an event never holds up a request.
 */
final class LineStreams implements Lines {
    private final InputStream in;
    private final OutputStream out;
    private final int maxLine;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;

    LineStreams(InputStream in, OutputStream out, int maxLine) {
        this.in = in;
        this.out = out;
        this.maxLine = maxLine;
    }

    @Override
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            while (position < limit) {
                byte b = buffer[position++];
                if (b == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
                if (line.size() >= maxLine) {
                    throw new IOException("line longer than " + maxLine + " bytes");
                }
                line.write(b);
            }
            int n = in.read(buffer);
            if (n < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            position = 0;
            limit = n;
        }
    }

    @Override
    public synchronized void writeLine(String text) throws IOException {
        out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
