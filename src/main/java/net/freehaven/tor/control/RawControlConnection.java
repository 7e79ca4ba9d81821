package net.freehaven.tor.control;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * jtorctl's connection with two gaps closed. It lives in jtorctl's package because {@code ReplyLine} is
 * package-private. (1) jtorctl parses CIRC events into three fields and drops PURPOSE, HS_STATE,
 * TIME_CREATED and REASON; here every asynchronous event line reaches the consumer whole. (2) Commands
 * jtorctl has no method for are sent raw.
 */
public class RawControlConnection extends TorControlConnection {
    private final Consumer<String> eventLines;

    public RawControlConnection(Socket socket, Consumer<String> eventLines) throws IOException {
        super(socket);
        this.eventLines = eventLines;
    }

    /** Over any byte streams, e.g. a Unix domain socket channel's (a control port of an existing tor). */
    public RawControlConnection(java.io.InputStream in, java.io.OutputStream out, Consumer<String> eventLines) {
        super(in, out);
        this.eventLines = eventLines;
    }

    @Override
    protected void handleEvent(ArrayList<ReplyLine> events) {
        for (ReplyLine line : events) {
            eventLines.accept(line.msg);
        }
    }

    /**
     * Sends one command line (without CRLF) and returns the reply lines' texts; a 4xx/5xx reply throws
     * {@link TorControlException}. The caller guarantees the line holds no CR or LF.
     */
    public List<String> command(String line) throws IOException {
        List<ReplyLine> reply = sendAndWaitForResponse(line + "\r\n", null);
        List<String> texts = new ArrayList<>(reply.size());
        for (ReplyLine r : reply) {
            texts.add(r.rest == null ? r.msg : r.msg + "\n" + r.rest);
        }
        return texts;
    }
}
