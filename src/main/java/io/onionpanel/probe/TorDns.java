package io.onionpanel.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import okhttp3.Dns;

/**
 * OkHttp's name lookup for requests through tor: it resolves nothing. It hands back a placeholder address
 * (0.0.0.0) that carries the name, and {@link TorSocketFactory} sends that name to tor, which resolves it at
 * the exit or, for .onion, through the onion service directory. Local DNS never sees the name.
 */
public final class TorDns implements Dns {
    public static final TorDns INSTANCE = new TorDns();
    private static final byte[] PLACEHOLDER = {0, 0, 0, 0};

    private TorDns() {
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        // getByAddress with a name stores both and performs no lookup in either direction.
        return List.of(InetAddress.getByAddress(hostname, PLACEHOLDER));
    }

    /** The name a placeholder carries, if {@code address} is one of ours. */
    static Optional<String> nameOf(InetAddress address) {
        if (!java.util.Arrays.equals(address.getAddress(), PLACEHOLDER)) {
            return Optional.empty();
        }
        // toString() is "name/0.0.0.0" and never triggers a reverse lookup, unlike getHostName() on a nameless address.
        String text = address.toString();
        int slash = text.indexOf('/');
        return slash > 0 ? Optional.of(text.substring(0, slash)) : Optional.empty();
    }
}
