package io.onionpanel.autostart;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the engine of a data folder starts at login, and how.
 *
 * @param way       what starts it, or {@link Way#NONE}
 * @param file      the unit or entry file, when there is one
 * @param enabled   systemd: enabled; autostart entry: not disabled by the desktop ({@code Hidden}, {@code X-GNOME-Autostart-enabled=false})
 * @param state     systemd's words ({@code enabled, active}); empty for an autostart entry
 * @param upToDate  the file starts this installation on this folder (false after a move or another installation wrote it)
 */
public record LoginStartStatus(Way way, Optional<Path> file, boolean enabled, String state, boolean upToDate) {
    public enum Way {
        SYSTEMD_USER("systemd user unit"),
        XDG_AUTOSTART("desktop autostart entry"),
        NONE("nothing");

        private final String words;

        Way(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public static LoginStartStatus off() {
        return new LoginStartStatus(Way.NONE, Optional.empty(), false, "", true);
    }

    public boolean on() {
        return way != Way.NONE && enabled;
    }

    /** One line for the CLI and the Settings page. */
    public String describe() {
        if (way == Way.NONE) {
            return "Start at login: off.";
        }
        return "Start at login: " + (enabled ? "on" : "off (the file is there but disabled)") + ", by a " + way.words()
                + (state.isEmpty() ? "" : " (" + state + ")") + ": " + file.map(Path::toString).orElse("")
                + (upToDate ? "" : ". It was written for another installation or folder: turn it on again to update it.");
    }
}
