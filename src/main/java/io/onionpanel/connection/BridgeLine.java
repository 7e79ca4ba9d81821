package io.onionpanel.connection;

import io.onionpanel.common.SafeText;
import io.onionpanel.common.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One bridge as tor's {@code Bridge} option takes it: {@code [transport] addr:port [fingerprint] [key=value…]}.
 * Lines are checked per transport before anything reaches torrc, and messages never repeat the line: a bridge's
 * address and certificate are the operator's secret (a censor who learns them blocks the bridge).
 */
public record BridgeLine(Transport transport, String address, String fingerprint, Map<String, String> args) {
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9A-Fa-f]{40}");
    /** obfs4's cert: the node ID and public key, 52 bytes, base64 without padding (70 characters). */
    private static final Pattern CERT = Pattern.compile("[A-Za-z0-9+/]{68,72}={0,2}");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]{2,45}]");
    private static final Pattern ARG_VALUE = Pattern.compile("[A-Za-z0-9.,:/_+=@?&%~-]+");
    /** The options snowflake-client reads from a bridge line (its client/torrc and tor's default set). */
    private static final Set<String> SNOWFLAKE_ARGS = Set.of("fingerprint", "url", "front", "fronts", "ice",
            "utls-imitate", "utls-nosni", "ampcache", "sqsqueue", "sqscreds", "max");

    public BridgeLine {
        args = Map.copyOf(args);
    }

    /**
     * Parses one pasted line; a leading "Bridge " (torrc form) is accepted. {@code where} names the line in a message
     * ("Bridge line 2").
     */
    public static BridgeLine parse(String raw, String where) {
        SafeText.requireSafe(where, raw);
        if (raw.indexOf('\\') >= 0 || raw.indexOf('#') >= 0) {
            // tor would read a backslash escape or cut the line at '#': what runs would not be what was pasted.
            throw new ValidationException(where + " must not contain '\\' or '#'");
        }
        List<String> words = new ArrayList<>(List.of(raw.strip().split("\\s+")));
        if (!words.isEmpty() && words.get(0).equalsIgnoreCase("bridge")) {
            words.remove(0);
        }
        if (words.isEmpty() || words.get(0).isEmpty()) {
            throw new ValidationException(where + " is empty");
        }
        Transport transport;
        if (words.get(0).contains(":") || words.get(0).contains(".")) {
            transport = Transport.PLAIN;
        } else {
            String name = words.remove(0);
            transport = Transport.named(name).filter(Transport::pluggable).orElseThrow(() -> new ValidationException(where
                    + ": transport '" + name.toLowerCase(Locale.ROOT) + "' is not supported (the panel runs obfs4 and"
                    + " snowflake, or plain bridges)"));
        }
        if (words.isEmpty()) {
            throw new ValidationException(where + ": the bridge's address:port is missing");
        }
        String address = address(words.remove(0), where);
        String fingerprint = null;
        if (!words.isEmpty() && !words.get(0).contains("=")) {
            String fp = words.remove(0);
            if (!FINGERPRINT.matcher(fp).matches()) {
                throw new ValidationException(where + ": the fingerprint must be 40 hexadecimal characters");
            }
            fingerprint = fp.toUpperCase(Locale.ROOT);
        }
        Map<String, String> args = new LinkedHashMap<>();
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq <= 0 || eq == w.length() - 1) {
                throw new ValidationException(where + ": expected key=value after the fingerprint");
            }
            String key = w.substring(0, eq).toLowerCase(Locale.ROOT);
            String value = w.substring(eq + 1);
            if (!ARG_VALUE.matcher(value).matches()) {
                throw new ValidationException(where + ": the value of " + key + " has characters a bridge line cannot have");
            }
            if (args.put(key, value) != null) {
                throw new ValidationException(where + ": " + key + " is given twice");
            }
        }
        BridgeLine line = new BridgeLine(transport, address, fingerprint, args);
        line.check(where);
        return line;
    }

    private void check(String where) {
        switch (transport) {
            case PLAIN -> {
                if (!args.isEmpty()) {
                    throw new ValidationException(where + ": a plain bridge takes no key=value options (is a transport"
                            + " name missing at the start?)");
                }
            }
            case OBFS4 -> {
                if (fingerprint == null) {
                    throw new ValidationException(where + ": an obfs4 bridge needs its 40-character fingerprint");
                }
                String cert = args.get("cert");
                if (cert == null || !CERT.matcher(cert).matches()) {
                    throw new ValidationException(where + ": an obfs4 bridge needs cert=… (70 base64 characters)");
                }
                String iat = args.get("iat-mode");
                if (iat == null || !Set.of("0", "1", "2").contains(iat)) {
                    throw new ValidationException(where + ": an obfs4 bridge needs iat-mode=0, 1 or 2");
                }
                if (args.size() != 2) {
                    throw new ValidationException(where + ": an obfs4 bridge takes only cert= and iat-mode=");
                }
            }
            case SNOWFLAKE -> {
                for (String key : args.keySet()) {
                    if (!SNOWFLAKE_ARGS.contains(key)) {
                        throw new ValidationException(where + ": snowflake does not know the option " + key);
                    }
                }
                String url = args.get("url");
                if (url != null && !url.startsWith("https://")) {
                    throw new ValidationException(where + ": snowflake's broker url must start with https://");
                }
                String fp = args.get("fingerprint");
                if (fp != null && !FINGERPRINT.matcher(fp).matches()) {
                    throw new ValidationException(where + ": snowflake's fingerprint= must be 40 hexadecimal characters");
                }
            }
        }
    }

    private static String address(String word, String where) {
        int colon = word.lastIndexOf(':');
        if (colon <= 0) {
            throw new ValidationException(where + ": the bridge's address must be address:port");
        }
        String host = word.substring(0, colon);
        String port = word.substring(colon + 1);
        if (!IPV4.matcher(host).matches() && !IPV6.matcher(host).matches()) {
            throw new ValidationException(where + ": the bridge's address must be an IPv4 address or [IPv6] (tor"
                    + " takes no host names here)");
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            p = -1;
        }
        if (p < 1 || p > 65535) {
            throw new ValidationException(where + ": the bridge's port must be 1-65535");
        }
        return host + ":" + p;
    }

    /** The value of tor's {@code Bridge} option. */
    public String torrcValue() {
        StringBuilder b = new StringBuilder();
        if (transport.pluggable()) {
            b.append(transport.torName()).append(' ');
        }
        b.append(address);
        if (fingerprint != null) {
            b.append(' ').append(fingerprint);
        }
        args.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> b.append(' ').append(e.getKey()).append('=').append(e.getValue()));
        return b.toString();
    }

    /** Every non-blank, non-comment line of a pasted block, parsed; messages name the line by number. */
    public static List<BridgeLine> parseAll(List<String> lines) {
        List<BridgeLine> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                out.add(parse(l, "Bridge line " + (i + 1)));
            }
        }
        return out;
    }

    /** A safe stand-in for messages and logs: the transport and a short tag, never the address or cert. */
    public String describe() {
        String kind = transport.pluggable() ? transport.torName() : "plain";
        return kind + " bridge" + (fingerprint == null ? "" : " …" + fingerprint.substring(36));
    }

    @Override
    public String toString() {
        return describe(); // records print every field: keep the secret out of any log that prints this
    }
}
