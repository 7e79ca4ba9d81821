package io.onionpanel.common;

import java.util.regex.Pattern;

/**
 * Takes a censored operator's secrets out of any text that may be shown, logged or reported: bridge lines (a
 * censor who learns a bridge's address or obfs4 certificate blocks it), obfs4 certificates, and the upstream
 * proxy's user and password. Where a line speaks of a bridge, proxy or transport, addresses and relay fingerprints
 * in it go too. Applied to tor's log events as they are parsed and to every line of the panel's log view.
 */
public final class ConnectionSecrets {
    public static final String BRIDGE = "[bridge redacted]";
    public static final String SECRET = "[redacted]";

    private static final Pattern BRIDGE_LINE = Pattern.compile("(?i)\\b(Bridge)(\\s+|=)(?=(obfs4|snowflake|meek\\w*|webtunnel|\\d|\\[))\\S.*");
    private static final Pattern CERT = Pattern.compile("(?i)\\b(cert)=\\S+");
    private static final Pattern CREDENTIAL = Pattern.compile(
            "(?i)\\b(Socks5ProxyPassword|Socks5ProxyUsername|HTTPSProxyAuthenticator)([\\s=]+)\\S+");
    private static final Pattern CONTEXT = Pattern.compile("(?i)bridge|proxy|pluggable|transport|obfs4|snowflake");
    private static final Pattern IPV4_PORT = Pattern.compile("\\b\\d{1,3}(\\.\\d{1,3}){3}(:\\d{1,5})?\\b");
    private static final Pattern IPV6_PORT = Pattern.compile("\\[[0-9A-Fa-f:.]{2,45}](:\\d{1,5})?");
    private static final Pattern FINGERPRINT = Pattern.compile("\\$?\\b[0-9A-Fa-f]{40}\\b(~\\w+)?");

    private ConnectionSecrets() {
    }

    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String t = BRIDGE_LINE.matcher(text).replaceAll(m -> m.group(1) + m.group(2) + BRIDGE);
        t = CERT.matcher(t).replaceAll(m -> m.group(1) + "=" + SECRET);
        t = CREDENTIAL.matcher(t).replaceAll(m -> m.group(1) + m.group(2) + SECRET);
        if (CONTEXT.matcher(t).find()) {
            t = IPV4_PORT.matcher(t).replaceAll("[address]");
            t = IPV6_PORT.matcher(t).replaceAll("[address]");
            t = FINGERPRINT.matcher(t).replaceAll("[fingerprint]");
        }
        return t;
    }
}
