package io.onionpanel.control;

import io.onionpanel.common.ValidationException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A second control socket, for the members of one OS group: what the system service ({@code onion-panel.service},
 * user and group {@code onion-panel}) opens so that an operator in that group can attach a window or the CLI to it
 * without becoming the service's user. The socket is 0660 with that group, in a folder of its own (0750, same group)
 * outside the data folder, which stays 0700: a member reaches the socket and nothing else of the engine's files.
 */
public record GroupSocket(Path socket, String group) {
    /** Where the system unit's engine puts it: systemd's RuntimeDirectory=onion-panel is /run/onion-panel. */
    public static final Path SYSTEM_SOCKET = Path.of("/run/onion-panel", ControlProtocol.SOCKET_FILE);
    // POSIX portable user/group names as useradd/groupadd accept them (no dots, no spaces, at most 32).
    private static final Pattern GROUP_NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

    public GroupSocket {
        if (group == null || !GROUP_NAME.matcher(group).matches()) {
            throw new ValidationException("Not a group name: " + printable(group)
                    + " (lower-case letters, digits, '_' and '-', at most 32, e.g. onion-panel)");
        }
        if (socket == null || !socket.isAbsolute()) {
            throw new ValidationException("The group socket needs an absolute path, e.g. " + SYSTEM_SOCKET);
        }
        String text = socket.toString();
        if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new ValidationException("The group socket path has a control character");
        }
        if (socket.getParent() == null || socket.getParent().getParent() == null) {
            throw new ValidationException("The group socket needs a folder of its own, e.g. " + SYSTEM_SOCKET);
        }
        socket = socket.normalize();
    }

    private static String printable(String s) {
        return s == null ? "(none)" : "\"" + s.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
