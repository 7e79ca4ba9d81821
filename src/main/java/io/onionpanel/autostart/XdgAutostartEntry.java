package io.onionpanel.autostart;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The XDG autostart entry ({@code ~/.config/autostart/*.desktop}) that desktop sessions (GNOME, KDE, Xfce …) run at
 * login: the fallback where there is no systemd user manager to ask. It stays visible in the desktop's
 * "Startup Applications", where the user can also turn it off.
 */
public final class XdgAutostartEntry {
    /** Arguments written bare; anything else, including the spec's reserved characters, is quoted. */
    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_./:=+,@-]+");

    private XdgAutostartEntry() {
    }

    public static String render(List<String> command) {
        List<String> checked = CommandArguments.requirePrintable(command);
        return """
                [Desktop Entry]
                Type=Application
                Name=Onion Panel engine
                Comment=Runs tor and the enabled onion services at login, without a window (onion-panel autostart off removes it)
                TryExec=%s
                Exec=%s
                Terminal=false
                X-GNOME-Autostart-enabled=true
                """.formatted(escapeString(checked.get(0)), exec(checked));
    }

    /** The value of the Exec key, as {@link #render} writes it. */
    public static String exec(List<String> command) {
        return CommandArguments.requirePrintable(command).stream().map(XdgAutostartEntry::quote)
                .map(XdgAutostartEntry::escapeString).collect(Collectors.joining(" "));
    }

    /**
     * One argument by the Desktop Entry spec's Exec rules: {@code %} is a field code, so it is doubled; an argument
     * with a reserved character (space, quotes, {@code \ $ ` > < ~ | & ; * ? # ( )} …) goes in double quotes, inside
     * which {@code " ` $ \} take a backslash.
     */
    static String quote(String argument) {
        String fieldCodes = argument.replace("%", "%%");
        if (BARE.matcher(argument).matches()) {
            return fieldCodes;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : fieldCodes.toCharArray()) {
            if (c == '"' || c == '`' || c == '$' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }

    /**
     * The spec's escapes for every string value, applied after quoting: a backslash is written {@code \\} (so a
     * literal backslash in a quoted argument ends up as four).
     */
    static String escapeString(String value) {
        return value.replace("\\", "\\\\");
    }
}
