package io.onionpanel.attach;

import io.onionpanel.settings.AttachSettings;
import io.onionpanel.tor.ControlWords;
import io.onionpanel.tor.TorControl;
import io.onionpanel.tor.TorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticates to a tor the panel did not start, as control-spec §3.5/§3.24 describe: PROTOCOLINFO tells which
 * methods tor accepts and where its cookie is; COOKIE sends the cookie, SAFECOOKIE proves knowledge of it with
 * HMACs (and checks tor's proof first, so a fake tor learns nothing), PASSWORD sends the password read from a file.
 * Neither the password nor the cookie appears in any message.
 */
final class ControlAuthenticator {
    private static final String SERVER_KEY = "Tor safe cookie authentication server-to-controller hash";
    private static final String CLIENT_KEY = "Tor safe cookie authentication controller-to-server hash";

    private ControlAuthenticator() {
    }

    static void authenticate(TorControl control, AttachSettings settings) throws IOException, TorException {
        ProtocolInfo info = protocolInfo(control);
        String method = settings.auth().toLowerCase(Locale.ROOT);
        switch (method) {
            case AttachSettings.PASSWORD -> {
                requireMethod(info, "HASHEDPASSWORD", method);
                if (settings.passwordFile() == null) {
                    throw new TorException("Password authentication needs a password file (--control-password-file)");
                }
                String password = readPassword(Path.of(settings.passwordFile()));
                send(control, "AUTHENTICATE " + ControlWords.quote(password), "the password was refused");
            }
            case AttachSettings.COOKIE -> {
                requireMethod(info, "COOKIE", method);
                byte[] cookie = readCookie(settings, info);
                send(control, "AUTHENTICATE " + HexFormat.of().formatHex(cookie), "the cookie was refused");
            }
            case AttachSettings.SAFECOOKIE -> {
                requireMethod(info, "SAFECOOKIE", method);
                safeCookie(control, readCookie(settings, info));
            }
            default -> throw new TorException("Unknown control authentication '" + settings.auth()
                    + "': use cookie, safecookie or password");
        }
    }

    record ProtocolInfo(Set<String> methods, String cookieFile, String version) {
    }

    static ProtocolInfo protocolInfo(TorControl control) throws IOException {
        List<String> lines = control.command("PROTOCOLINFO 1");
        Set<String> methods = new TreeSet<>();
        String cookieFile = null;
        String version = "?";
        for (String line : lines) {
            if (line.startsWith("AUTH ")) {
                Map<String, String> kw = ControlWords.keywords(ControlWords.split(line.substring(5)));
                String m = kw.get("METHODS");
                if (m != null) {
                    methods.addAll(List.of(m.split(",")));
                }
                cookieFile = kw.get("COOKIEFILE");
            } else if (line.startsWith("VERSION ")) {
                version = ControlWords.keywords(ControlWords.split(line.substring(8))).getOrDefault("Tor", "?");
            }
        }
        return new ProtocolInfo(methods, cookieFile, version);
    }

    private static void requireMethod(ProtocolInfo info, String method, String asked) throws TorException {
        if (!info.methods().contains(method)) {
            throw new TorException("This tor does not accept " + asked + " authentication; it offers "
                    + (info.methods().isEmpty() ? "none" : String.join(", ", info.methods()).toLowerCase(Locale.ROOT))
                    + ". Choose one of those (HASHEDPASSWORD = password).");
        }
    }

    private static byte[] readCookie(AttachSettings settings, ProtocolInfo info) throws TorException {
        String file = settings.cookieFile() != null ? settings.cookieFile() : info.cookieFile();
        if (file == null) {
            throw new TorException("tor names no cookie file; give one with --control-cookie-file");
        }
        try {
            byte[] cookie = Files.readAllBytes(Path.of(file));
            if (cookie.length != 32) {
                throw new TorException("The cookie file " + file + " has " + cookie.length + " bytes, not 32");
            }
            return cookie;
        } catch (IOException e) {
            throw new TorException("Cannot read tor's cookie file " + file + " (" + e.getClass().getSimpleName()
                    + "): run the panel as a user who may read it (e.g. in the debian-tor group) or use a password", e);
        }
    }

    private static String readPassword(Path file) throws TorException {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String password = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
            if (password.endsWith("\r")) {
                password = password.substring(0, password.length() - 1);
            }
            if (password.isEmpty() || password.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new TorException("The password file " + file + " must hold the password on one line");
            }
            return password;
        } catch (IOException e) {
            throw new TorException("Cannot read the control password file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void safeCookie(TorControl control, byte[] cookie) throws IOException, TorException {
        byte[] clientNonce = new byte[32];
        new SecureRandom().nextBytes(clientNonce);
        HexFormat hex = HexFormat.of();
        List<String> reply = control.command("AUTHCHALLENGE SAFECOOKIE " + hex.formatHex(clientNonce));
        String line = reply.get(0);
        if (!line.startsWith("AUTHCHALLENGE ")) {
            throw new TorException("Unexpected AUTHCHALLENGE reply");
        }
        Map<String, String> kw = ControlWords.keywords(ControlWords.split(line.substring("AUTHCHALLENGE ".length())));
        byte[] serverHash = hex.parseHex(kw.getOrDefault("SERVERHASH", ""));
        byte[] serverNonce = hex.parseHex(kw.getOrDefault("SERVERNONCE", ""));
        byte[] message = concat(cookie, clientNonce, serverNonce);
        if (!MessageDigest.isEqual(serverHash, hmac(SERVER_KEY, message))) {
            throw new TorException("SAFECOOKIE: tor's proof does not match the cookie file (another tor's cookie, or not tor)");
        }
        send(control, "AUTHENTICATE " + hex.formatHex(hmac(CLIENT_KEY, message)), "SAFECOOKIE was refused");
    }

    private static void send(TorControl control, String command, String refused) throws TorException {
        try {
            control.command(command);
        } catch (IOException | RuntimeException e) {
            // tor's reply to a failed AUTHENTICATE carries no secret, but the command does: never echo it.
            throw new TorException("Authentication to tor failed: " + refused);
        }
    }

    static byte[] hmac(String key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
