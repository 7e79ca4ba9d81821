package io.onionpanel.tor;

import io.onionpanel.common.SafeText;
import io.onionpanel.common.ValidationException;
import io.onionpanel.settings.TorSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Operator torrc lines (bridges, a private network's DirAuthority lines, …) appended to the generated
 * torrc. Lines that would take over what the panel manages are refused: the panel must keep control of
 * tor's folders, ports, authentication and onion services. So are lines that open tor to the network
 * ({@link OperatorLineRules}).
 */
public final class TorrcLines {
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    private static final String SETTINGS_SOURCE = "Settings: extra torrc";

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

    /** The settings' extra torrc lines, validated; refusals name them "Settings: extra torrc line N". */
    public static List<String> fromSettings(TorSettings tor) {
        return validate(tor.extraTorrcLines(), SETTINGS_SOURCE);
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
            if (line.endsWith("\\")) {
                // tor would join the next line to this one, which was checked on its own.
                throw new ValidationException(where + ": " + line + " — a line ending in \\ continues onto the next"
                        + " one in tor; write each option on one line");
            }
            String value = key.length() == line.length() ? "" : line.substring(key.length() + 1).strip();
            var refusal = OperatorLineRules.refusal(line, key, value);
            if (refusal.isPresent()) {
                throw new ValidationException(where + ": " + refusal.get());
            }
            accepted.add(line);
        }
        return accepted;
    }
}
