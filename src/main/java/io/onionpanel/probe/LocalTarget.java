package io.onionpanel.probe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Whether a service's local target (host:port or unix:/path) accepts a connection, checked directly and
 * not through tor: tor reports a refused target only as a closed stream, the same as many tor failures.
 */
public final class LocalTarget {
    private LocalTarget() {
    }

    public static boolean answers(String target, Duration timeout) {
        try {
            if (target.startsWith("unix:")) {
                try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    channel.connect(UnixDomainSocketAddress.of(Path.of(target.substring(5))));
                    return true;
                }
            }
            int colon = target.lastIndexOf(':');
            String host = target.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, Integer.parseInt(target.substring(colon + 1))), (int) timeout.toMillis());
                return true;
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
