package io.onionpanel.tor;

import io.onionpanel.common.SafeText;
import io.onionpanel.common.ValidationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Operator torrc lines (bridges, a private network's DirAuthority lines, …) appended to the generated
 * torrc. Lines that would take over what the panel manages are refused: the panel must keep control of
 * tor's folders, ports, authentication and onion services.
 */
public final class TorrcLines {
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    private static final Set<String> MANAGED = Set.of("datadirectory", "controlport", "controlportwritetofile",
            "controlportfilegroupreadable", "controlsocket", "controlsocketsgroupwritable", "cookieauthentication",
            "cookieauthfile", "cookieauthfilegroupreadable", "hashedcontrolpassword", "socksport", "sockslistenaddress",
            "runasdaemon", "clientonionauthdir", "include");

    private TorrcLines() {
    }

    /** Reads and validates a --torrc-append file; comments and blank lines are dropped. */
    public static List<String> readFile(Path file) {
        try {
            return validate(Files.readAllLines(file, StandardCharsets.UTF_8), file.getFileName().toString());
        } catch (IOException e) {
            throw new ValidationException("Cannot read torrc lines from " + file + ": " + e.getMessage());
        }
    }

    /** Returns the meaningful lines, or throws naming the first refused line and why. */
    public static List<String> validate(List<String> lines, String source) {
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String where = source + " line " + (i + 1);
            String line = lines.get(i).replace('\t', ' ').strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            SafeText.requireSafe(where, line);
            String key = line.split(" ", 2)[0];
            if (key.startsWith("%")) {
                throw new ValidationException(where + ": " + key + " is not allowed (it could pull in any torrc)");
            }
            if (key.startsWith("_") || key.startsWith("+") || key.startsWith("/")) {
                throw new ValidationException(where + ": '" + key + "' is managed by the panel and cannot be set here");
            }
            if (!KEY.matcher(key).matches()) {
                throw new ValidationException(where + ": '" + key + "' is not a torrc option name");
            }
            String lower = key.toLowerCase(Locale.ROOT);
            if (MANAGED.contains(lower) || lower.startsWith("hiddenservice")) {
                throw new ValidationException(where + ": " + key + " is managed by the panel and cannot be overridden"
                        + (lower.startsWith("hiddenservice") ? " (configure onion services in the panel)" : ""));
            }
            accepted.add(line);
        }
        return accepted;
    }
}
