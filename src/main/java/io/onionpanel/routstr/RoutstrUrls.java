package io.onionpanel.routstr;

import io.onionpanel.share.OnionUrl;
import java.util.Locale;

/** The onion URL Routstr should announce for a service, and whether what it announces is that URL. */
public final class RoutstrUrls {
    private RoutstrUrls() {
    }

    /** {@code http://<address>}, with {@code :port} when visitors reach it on another virtual port than 80. */
    public static String onionUrl(String onionAddress, int virtualPort) {
        String host = onionAddress.strip().toLowerCase(Locale.ROOT);
        host = host.endsWith(".onion") ? host : host + ".onion";
        // The clients' one rule (share.OnionUrl): Routstr announces what a client is given.
        return OnionUrl.of(host, virtualPort <= 0 ? OnionUrl.HTTP : virtualPort);
    }

    /**
     * Same place, whatever Routstr did to the text: it stores {@code onion_url} raw, so it may lack the scheme,
     * differ in case, carry a trailing slash or an explicit {@code :80}.
     */
    public static boolean same(String announced, String expectedUrl) {
        return normal(announced).equals(normal(expectedUrl));
    }

    private static String normal(String url) {
        String u = url == null ? "" : url.strip().toLowerCase(Locale.ROOT);
        u = u.replaceFirst("^https?://", "").replaceAll("/+$", "");
        return u.endsWith(":80") ? u.substring(0, u.length() - 3) : u;
    }
}
