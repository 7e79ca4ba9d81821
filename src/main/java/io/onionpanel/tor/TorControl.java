package io.onionpanel.tor;

import io.onionpanel.common.SafeText;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.function.Consumer;
import net.freehaven.tor.control.EventHandler;
import net.freehaven.tor.control.RawControlConnection;

/** An authenticated control connection; events arrive parsed on jtorctl's reader thread. */
public final class TorControl implements Closeable {
    private final Closeable socket;
    private final java.util.function.BooleanSupplier open;
    private final RawControlConnection connection;

    private TorControl(Socket socket, RawControlConnection connection) {
        this(socket, () -> !socket.isClosed(), connection);
    }

    private TorControl(Closeable transport, java.util.function.BooleanSupplier open, RawControlConnection connection) {
        this.socket = transport;
        this.open = open;
        this.connection = connection;
    }

    /**
     * A connection over already-open streams that is not authenticated yet: the caller authenticates with
     * {@link #command} (PROTOCOLINFO, AUTHCHALLENGE, AUTHENTICATE) before anything else. Used to attach to a
     * tor the panel did not start, which may want SAFECOOKIE or a password, or listen on a Unix socket.
     */
    public static TorControl overStreams(java.io.InputStream in, java.io.OutputStream out, Closeable transport,
                                         java.util.function.BooleanSupplier open, Consumer<TorEvent> events,
                                         Runnable onClosed) {
        RawControlConnection connection = new RawControlConnection(in, out, line -> events.accept(TorEventParser.parse(line)));
        connection.setEventHandler(new ClosedHandler(onClosed));
        connection.launchThread(true);
        return new TorControl(transport, open, connection);
    }

    /**
     * Connects and authenticates with the cookie. {@code onClosed} runs when the connection ends (tor
     * exited or the socket broke).
     */
    public static TorControl connect(InetSocketAddress address, byte[] cookie, Consumer<TorEvent> events,
                                     Runnable onClosed) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(address, 5_000);
            RawControlConnection connection = new RawControlConnection(socket, line -> events.accept(TorEventParser.parse(line)));
            connection.setEventHandler(new ClosedHandler(onClosed));
            connection.launchThread(true);
            connection.authenticate(cookie);
            return new TorControl(socket, connection);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    public String getInfo(String key) throws IOException {
        return connection.getInfo(SafeText.requireSafe("GETINFO key", key));
    }

    public void setEvents(List<String> events) throws IOException {
        connection.setEvents(events);
    }

    public void signal(String signal) throws IOException {
        connection.signal(SafeText.requireSafe("Signal", signal));
    }

    /** Makes tor exit when this connection closes, so tor never outlives the panel. */
    public void takeOwnership() throws IOException {
        connection.takeOwnership();
    }

    /** Sends a raw command; refuses anything that could smuggle a second command in. */
    public List<String> command(String line) throws IOException {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("control command contains a line break");
            }
        }
        return connection.command(line);
    }

    public boolean isOpen() {
        return open.getAsBoolean();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static final class ClosedHandler implements EventHandler {
        private final Runnable onClosed;

        ClosedHandler(Runnable onClosed) {
            this.onClosed = onClosed;
        }

        @Override public void circuitStatus(String status, String id, String path) { }
        @Override public void streamStatus(String status, String id, String target) { }
        @Override public void orConnStatus(String status, String orName) { }
        @Override public void bandwidthUsed(long read, long written) { }
        @Override public void newDescriptors(List<String> orList) { }
        @Override public void message(String severity, String msg) { }
        @Override public void unrecognized(String type, String msg) { }

        @Override
        public void controlConnectionClosed() {
            onClosed.run();
        }
    }
}
