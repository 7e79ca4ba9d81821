package io.onionpanel.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * Lines of UTF-8 over a socket channel, read and written on the channel itself. Not through
 * {@code Channels.newInputStream/newOutputStream}: on a blocking channel those share one lock, so a reader waiting
 * for the next request would block every write of an event (seen: the engine thread stuck behind a client).
 */
final class LineChannel implements Lines {
    private final SocketChannel channel;
    private final ByteBuffer in = ByteBuffer.allocate(8192);
    private final int maxLine;

    LineChannel(SocketChannel channel, int maxLine) {
        this.channel = channel;
        this.maxLine = maxLine;
        in.flip();
    }

    /** The next line without its newline, null at the end of the stream; a line longer than the limit is an error. */
    @Override
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            while (in.hasRemaining()) {
                byte b = in.get();
                if (b == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
                if (line.size() >= maxLine) {
                    throw new IOException("line longer than " + maxLine + " bytes");
                }
                line.write(b);
            }
            in.clear();
            int n = channel.read(in);
            in.flip();
            if (n < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
        }
    }

    @Override
    public void writeLine(String text) throws IOException {
        ByteBuffer out = ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.UTF_8));
        while (out.hasRemaining()) {
            channel.write(out);
        }
    }
}
