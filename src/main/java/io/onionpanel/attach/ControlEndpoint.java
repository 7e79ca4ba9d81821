package io.onionpanel.attach;

import io.onionpanel.common.SafeText;
import io.onionpanel.common.ValidationException;
import io.onionpanel.onion.ServiceValidation;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/** Where an existing tor's control port listens: {@code host:port} or {@code unix:/path}. */
public record ControlEndpoint(String host, int port, Path unixSocket) {

    /** An open connection's streams. */
    public record Transport(InputStream in, OutputStream out, Closeable closer, BooleanSupplier open) {
    }

    public static ControlEndpoint parse(String text) {
        SafeText.requireSafe("Control address", text);
        String t = text.strip();
        if (t.startsWith("unix:")) {
            String path = t.substring(5);
            if (!path.startsWith("/") || path.length() < 2) {
                throw new ValidationException("Control address '" + t + "': a Unix socket needs an absolute path, e.g."
                        + " unix:/run/tor/control");
            }
            return new ControlEndpoint(null, 0, Path.of(path));
        }
        int colon = t.lastIndexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw new ValidationException("Control address '" + t + "' needs a host and a port, e.g. 127.0.0.1:9051,"
                    + " or unix:/path");
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = ServiceValidation.parsePort("Control port", t.substring(colon + 1));
        // Checked like a service target: no spaces, quotes, or made-up names.
        ServiceValidation.normalizeTarget((host.contains(":") ? "[" + host + "]" : host) + ":" + port);
        return new ControlEndpoint(host, port, null);
    }

    public boolean isUnix() {
        return unixSocket != null;
    }

    /** A Unix socket, or a host that is (or resolves only to) a loopback address. */
    public boolean isLoopback() {
        if (isUnix()) {
            return true;
        }
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Refuses a control port on another machine unless the operator allowed it: the control protocol is not
     * encrypted, so the password or cookie proof and every command (with the service keys) cross the network.
     */
    public ControlEndpoint requireAllowed(boolean allowRemote) {
        if (!isLoopback() && !allowRemote) {
            throw new ValidationException("The control port " + this + " is not on this machine. The control protocol is"
                    + " not encrypted: the authentication and the onion service keys sent with ADD_ONION would cross the"
                    + " network in the clear. Use a loopback address or a Unix socket (e.g. an SSH tunnel), or allow it"
                    + " explicitly (--allow-remote-control / the setting) if the network between is trusted.");
        }
        return this;
    }

    public Transport open() throws IOException {
        if (isUnix()) {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(unixSocket));
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            return new Transport(Channels.newInputStream(ch), Channels.newOutputStream(ch), ch, ch::isOpen);
        }
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), 5_000);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new Transport(socket.getInputStream(), socket.getOutputStream(), socket, () -> !socket.isClosed());
    }

    @Override
    public String toString() {
        return isUnix() ? "unix:" + unixSocket : (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
