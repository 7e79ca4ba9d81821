package io.onionpanel.monitor;

import io.onionpanel.common.ConnectionSecrets;
import java.util.regex.Pattern;

/**
 * What may reach the log view. Private key material never does: ED25519-V3 / RSA1024 key blobs (ADD_ONION),
 * x25519 keys (client authorisation, in base32 or base64), descriptor cookies, PEM blocks and any long base64
 * run are replaced. And the seed's rule: when a line mentions an onion address, IP addresses in it are
 * replaced too, so a log never ties an address to a location. Bridge lines, obfs4 certificates and proxy
 * credentials go first ({@link ConnectionSecrets}).
 */
public final class LogRedaction {
    public static final String KEY = "[key redacted]";
    public static final String IP = "[IP]";

    private static final Pattern PEM = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----.*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)",
            Pattern.DOTALL);
    private static final Pattern TYPED_KEY = Pattern.compile("(?i)\\b(ED25519-V3|RSA1024|x25519|curve25519|ClientAuthV3|"
            + "descriptor-cookie|PrivateKey|private[_-]key|auth_private)([:=\\s]+)(\\S+)");
    /** A v2 client line: "HidServAuth address cookie". */
    private static final Pattern HIDSERVAUTH = Pattern.compile("(?i)\\b(HidServAuth)\\s+.*");
    private static final Pattern LONG_BASE64 = Pattern.compile("[A-Za-z0-9+/]{60,}={0,2}");
    private static final Pattern ONION = Pattern.compile("(?i)\\.onion\\b|\\b[a-z2-7]{56}\\b");
    private static final Pattern IPV4 = Pattern.compile("\\b\\d{1,3}(\\.\\d{1,3}){3}\\b");
    /** Full IPv6 (8 groups, or at least 5 so a time of day never matches) or compressed with "::". */
    private static final Pattern IPV6 = Pattern.compile("(?i)\\b(?:[0-9a-f]{1,4}:){4,7}[0-9a-f]{1,4}\\b"
            + "|(?:\\b[0-9a-f]{1,4})?(?::[0-9a-f]{1,4})*::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)?\\b");

    private LogRedaction() {
    }

    public static String redact(String text) {
        if (text == null) {
            return "";
        }
        String t = ConnectionSecrets.redact(text);
        t = PEM.matcher(t).replaceAll(KEY);
        t = TYPED_KEY.matcher(t).replaceAll(m -> m.group(1) + m.group(2) + KEY);
        t = HIDSERVAUTH.matcher(t).replaceAll(m -> m.group(1) + " " + KEY);
        t = LONG_BASE64.matcher(t).replaceAll(KEY);
        if (ONION.matcher(t).find()) {
            t = IPV4.matcher(t).replaceAll(IP);
            t = IPV6.matcher(t).replaceAll(IP);
        }
        return t;
    }
}
