package io.onionpanel.autostart;

import io.onionpanel.common.ValidationException;
import java.util.List;

/**
 * Command lines as text: the check both file formats need (a unit line and a desktop-entry line cannot hold a line
 * break or a control character), and the line shown to a person to copy into a shell.
 */
public final class CommandArguments {
    private static final java.util.regex.Pattern SHELL_BARE = java.util.regex.Pattern.compile("[A-Za-z0-9_./:=+,@%-]+");

    private CommandArguments() {
    }

    /** Refuses an argument with a control character (newline, tab, escape …), naming it and the argument. */
    static List<String> requirePrintable(List<String> arguments) {
        for (String argument : arguments) {
            for (int i = 0; i < argument.length(); i++) {
                char c = argument.charAt(i);
                if (c < 0x20 || c == 0x7f) {
                    throw new ValidationException("Cannot start at login with " + visible(argument) + ": it contains a "
                            + (c == '\n' || c == '\r' ? "line break" : "control character") + " (U+"
                            + String.format("%04X", (int) c) + "), which a systemd unit or a .desktop file cannot hold."
                            + " Use a data folder (and installation folder) without one.");
                }
            }
            if (argument.isEmpty()) {
                throw new ValidationException("Cannot start at login: the command has an empty argument");
            }
        }
        return List.copyOf(arguments);
    }

    /** The command as a POSIX shell reads it back: arguments with anything but plain characters in single quotes. */
    public static String shellLine(List<String> command) {
        return String.join(" ", command.stream().map(argument -> SHELL_BARE.matcher(argument).matches() ? argument
                : "'" + argument.replace("'", "'\\''") + "'").toList());
    }

    /** The argument with its control characters written out, so the message itself stays on one line. */
    private static String visible(String argument) {
        StringBuilder out = new StringBuilder("\"");
        argument.chars().forEach(c -> out.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t"
                : c < 0x20 || c == 0x7f ? String.format("\\x%02x", c) : Character.toString(c)));
        return out.append('"').toString();
    }
}
