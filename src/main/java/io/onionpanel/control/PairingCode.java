package io.onionpanel.control;

import io.onionpanel.common.ValidationException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a server's {@code remote pair NAME} prints once and a desktop's {@code remote pair NAME CODE} takes: the
 * remote control onion's address, the desktop's x25519 client private key (tor's v3 client authorisation) and the
 * desktop's session token, in one copy-pasteable line with a version prefix, after the name the server gave the desktop (which it says in its
 * {@code hello}): {@code onion-panel-remote-1:<desktop>:<56-char address>:<52-char base32 key>:<52-char base32 token>}.
 * The server keeps only the key's public half and the token's SHA-256; this is the only copy of both secrets.
 */
public record PairingCode(String desktop, String onion, String clientKey, String token) {
    public static final String PREFIX = "onion-panel-remote-1:";
    private static final Pattern DESKTOP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern ONION = Pattern.compile("[a-z2-7]{55}d");
    private static final Pattern KEY = Pattern.compile("[A-Z2-7]{52}");

    public PairingCode {
        if (!DESKTOP.matcher(desktop).matches() || !ONION.matcher(onion).matches() || !KEY.matcher(clientKey).matches() || !KEY.matcher(token).matches()) {
            throw new IllegalArgumentException("not a pairing code's parts");
        }
    }

    /**
     * Reads a pasted code (surrounding spaces and line breaks allowed, letters in any case). Every refusal says what
     * is wrong without repeating the secret parts.
     */
    public static PairingCode parse(String text) {
        String code = text == null ? "" : text.strip();
        if (code.isEmpty()) {
            throw new ValidationException("The pairing code is empty: paste the whole line 'onion-panel remote pair NAME'"
                    + " printed on the server");
        }
        if (!code.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
            if (code.toLowerCase(Locale.ROOT).startsWith("onion-panel-remote-")) {
                throw new ValidationException("This pairing code is of another version than this panel reads (it starts with '"
                        + PREFIX + "'): update the panel on one side");
            }
            throw new ValidationException("This is not a pairing code: it starts with '" + PREFIX + "'");
        }
        String[] parts = code.substring(PREFIX.length()).split(":", -1);
        if (parts.length != 4) {
            throw new ValidationException("The pairing code has " + parts.length + " parts after '" + PREFIX
                    + "' instead of 4 (desktop name, address, key, token): was it cut when copied?");
        }
        String desktop = parts[0];
        if (!DESKTOP.matcher(desktop).matches()) {
            throw new ValidationException("The pairing code's desktop name is not a name (letters, digits, '-' and '_')");
        }
        String onion = parts[1].toLowerCase(Locale.ROOT);
        if (onion.endsWith(".onion")) {
            onion = onion.substring(0, onion.length() - ".onion".length());
        }
        if (!ONION.matcher(onion).matches()) {
            throw new ValidationException("The pairing code's address is not a v3 onion address (56 letters a-z and"
                    + " digits 2-7 ending in 'd')");
        }
        String key = parts[2].toUpperCase(Locale.ROOT);
        if (!KEY.matcher(key).matches()) {
            throw new ValidationException("The pairing code's client key is not 52 base32 characters (A-Z, 2-7)");
        }
        String token = parts[3].toUpperCase(Locale.ROOT);
        if (!KEY.matcher(token).matches()) {
            throw new ValidationException("The pairing code's token is not 52 base32 characters (A-Z, 2-7)");
        }
        return new PairingCode(desktop, onion, key, token);
    }

    /** The line to copy; it holds both secrets: print it once, never log it. */
    public String text() {
        return PREFIX + desktop + ":" + onion + ":" + clientKey + ":" + token;
    }

    /** The address with its .onion suffix, for SOCKS. */
    public String host() {
        return onion + ".onion";
    }

    @Override
    public String toString() {
        return "PairingCode[desktop=" + desktop + ", onion=" + onion + ", clientKey=(hidden), token=(hidden)]";
    }
}
