package io.onionpanel.connection;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.onionpanel.common.SafeText;
import io.onionpanel.common.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A proxy tor must go through to reach anything (a company's HTTPS proxy, an SSH tunnel's SOCKS port): tor's
 * {@code HTTPSProxy}, {@code Socks4Proxy} or {@code Socks5Proxy}, with the user and password tor sends.
 *
 * @param type     {@code https}, {@code socks4} or {@code socks5}
 * @param username null for none (SOCKS4 takes none)
 * @param password null for none; a secret: never in logs, messages or {@link #toString()}
 */
public record UpstreamProxy(String type, String host, int port, String username, String password) {
    public static final String HTTPS = "https";
    public static final String SOCKS4 = "socks4";
    public static final String SOCKS5 = "socks5";
    public static final List<String> TYPES = List.of(HTTPS, SOCKS4, SOCKS5);

    private static final Pattern HOST_NAME = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?)*");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]{2,45}]");
    /**
     * What a credential may hold in torrc: tor reads a value to the end of the line, cuts it at '#', treats '\' and
     * quotes as escapes, and the HTTPS authenticator splits at the first ':'. Printable ASCII without those.
     */
    private static final Pattern CREDENTIAL = Pattern.compile("[!$%&()*+,\\-./0-9:;<=>?@A-Z\\[\\]^_`a-z{|}~]+");

    public UpstreamProxy {
        type = type == null ? null : type.toLowerCase(Locale.ROOT);
        username = username == null || username.isEmpty() ? null : username;
        password = password == null || password.isEmpty() ? null : password;
    }

    /** Throws a message in the operator's words when tor could not use this proxy as given; nothing is changed. */
    public UpstreamProxy validated() {
        if (type == null || !TYPES.contains(type)) {
            throw new ValidationException("Proxy type must be one of " + String.join(", ", TYPES));
        }
        SafeText.requireSafe("Proxy host", host);
        if (host.isBlank() || !(HOST_NAME.matcher(host).matches() || IPV6.matcher(host).matches())) {
            throw new ValidationException("Proxy host must be a host name, an IPv4 address or an [IPv6] address");
        }
        if (port < 1 || port > 65535) {
            throw new ValidationException("Proxy port must be 1-65535");
        }
        if (type.equals(SOCKS4) && (username != null || password != null)) {
            throw new ValidationException("A SOCKS4 proxy takes no user or password (tor cannot send them); use SOCKS5");
        }
        if ((username == null) != (password == null)) {
            throw new ValidationException("Give both the proxy user and its password, or neither");
        }
        if (username != null) {
            credential("Proxy user", username);
            credential("Proxy password", password);
            if (type.equals(HTTPS) && username.indexOf(':') >= 0) {
                throw new ValidationException("Proxy user must not contain ':' (it separates user and password)");
            }
            if (type.equals(SOCKS5) && (bytes(username) > 255 || bytes(password) > 255)) {
                throw new ValidationException("SOCKS5 allows at most 255 bytes for the user and for the password");
            }
        }
        return this;
    }

    private static void credential(String field, String value) {
        SafeText.requireSafe(field, value);
        if (!CREDENTIAL.matcher(value).matches()) {
            throw new ValidationException(field + " may hold letters, digits and punctuation, but no space, '#', '\\'"
                    + " or quote (tor could not read them back from its configuration)");
        }
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The torrc lines for this proxy (validated first). */
    public List<String> torrcLines() {
        validated();
        String where = host + ":" + port;
        List<String> lines = new ArrayList<>();
        switch (type) {
            case HTTPS -> {
                lines.add("HTTPSProxy " + where);
                if (username != null) {
                    lines.add("HTTPSProxyAuthenticator " + username + ":" + password);
                }
            }
            case SOCKS4 -> lines.add("Socks4Proxy " + where);
            default -> {
                lines.add("Socks5Proxy " + where);
                if (username != null) {
                    lines.add("Socks5ProxyUsername " + username);
                    lines.add("Socks5ProxyPassword " + password);
                }
            }
        }
        return lines;
    }

    /** "SOCKS5 proxy 127.0.0.1:1080 (user alice)": for messages; never the password. */
    @JsonIgnore
    public String describe() {
        return type.toUpperCase(Locale.ROOT) + " proxy " + host + ":" + port + (username == null ? "" : " (user " + username + ")");
    }

    @Override
    public String toString() {
        return describe();
    }
}
